// Stand-in for 'p-limit' inside aws-local-stepfunctions 3.0.0 (wired by run-workflow.mjs through a module resolve
// hook). With p-limit, a Map whose iteration failed still starts the iterations that were queued behind it (with
// MaxConcurrency 1: every later step), so readers would keep shifting while the rollback runs. In Step Functions a
// failed iteration fails the Map and no further iteration starts; this limiter does the same: once a job has
// failed, queued jobs are rejected with that failure instead of being started.
export default function failFastLimit(concurrency) {
  if (!((Number.isInteger(concurrency) || concurrency === Infinity) && concurrency > 0)) {
    throw new TypeError('Expected `concurrency` to be a number from 1 and up');
  }
  const queue = [];
  let active = 0;
  let failed = false;
  let failure;

  const pump = () => {
    while (active < concurrency && queue.length > 0) {
      const job = queue.shift();
      if (failed) {
        job.reject(failure);
        continue;
      }
      active++;
      (async () => job.fn(...job.args))()
        .then(job.resolve, (error) => {
          if (!failed) {
            failed = true;
            failure = error;
          }
          job.reject(error);
        })
        .finally(() => {
          active--;
          pump();
        });
    }
  };

  return (fn, ...args) =>
    new Promise((resolve, reject) => {
      queue.push({ fn, args, resolve, reject });
      // Like p-limit, start on the next microtask so a whole batch is queued before the first job runs.
      Promise.resolve().then(pump);
    });
}
