// Runs one execution of an ASL definition with aws-local-stepfunctions, for io.cutover.statemachine.LocalStateMachineRunner.
//
// Job (one JSON document on stdin):
//   { "definitionPath", "input", "executionName", "stateMachineName", "substitutions": {"Name": "value"},
//     "callbackUrl": "http://127.0.0.1:PORT", "retryPauseMillis": number | null }
// Every Task state is answered by POST {callbackUrl}/task; every Wait state's duration by POST {callbackUrl}/wait.
// Stdout: one JSON object per line: state events, then exactly one "ExecutionSucceeded" / "ExecutionFailed" line
// (or "RunnerError" when the definition could not be run at all). Exit code 0 unless the runner itself broke.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { registerHooks } from 'node:module';

// Must run before aws-local-stepfunctions is loaded, hence the dynamic import below: see fail-fast-limit.mjs and
// no-aws.mjs for why these modules of the interpreter are replaced.
const REPLACED = {
  'p-limit': new URL('./fail-fast-limit.mjs', import.meta.url).href,
  '@aws-sdk/client-lambda': new URL('./no-aws.mjs', import.meta.url).href,
  '@aws-sdk/credential-providers': new URL('./no-aws.mjs', import.meta.url).href,
};
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier in REPLACED && context.parentURL?.includes('/aws-local-stepfunctions/')) {
      return { url: REPLACED[specifier], format: 'module', shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});
const { StateMachine } = await import('aws-local-stepfunctions');

// aws-local-stepfunctions 3.0.0 overrides a Wait by state name with a fixed number of milliseconds and never shows
// the override the state's input, so the requested duration (SecondsPath...) is unknown to it. Each Wait therefore
// gets a hidden Task in front of it that resolves the requested duration with the interpreter's own JSONPath
// evaluation, asks Java for the duration to apply, and stores it as the Wait's override just before the Wait runs.
const PROBE_PREFIX = '__waitProbe__';
const PROBE_RESOURCE = 'arn:aws:lambda:us-east-1:123456789012:function:local-wait-probe';

// Validating a definition costs the interpreter over a second (schema compilation) on every start, which is most of
// a run. A definition text that passed once is remembered by its hash, next to the interpreter that validated it.
const VALIDATED = new URL('../node_modules/.cache/cutover-local-runner/validated/', import.meta.url);

function validateOnce(text, definition) {
  const interpreter = JSON.parse(readFileSync(new URL('../node_modules/aws-local-stepfunctions/package.json', import.meta.url), 'utf8'));
  const key = createHash('sha256').update(`${interpreter.version}\n${text}`).digest('hex');
  const marker = new URL(key, VALIDATED);
  if (existsSync(marker)) return;
  new StateMachine(definition); // throws when the definition is invalid
  mkdirSync(VALIDATED, { recursive: true });
  const partial = new URL(`${key}.${process.pid}`, VALIDATED);
  writeFileSync(partial, '');
  renameSync(partial, marker);
}

function emit(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

function readStdin() {
  return readFileSync(0, 'utf8');
}

function substitute(text, substitutions) {
  const missing = new Set();
  const result = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (placeholder, name) => {
    if (!(name in substitutions)) {
      missing.add(name);
      return placeholder;
    }
    return substitutions[name];
  });
  if (missing.size > 0) {
    throw new Error(`definition uses substitutions with no value: ${[...missing].join(', ')}`);
  }
  return result;
}

function post(callbackUrl, path, body) {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(
      `${callbackUrl}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            reject(new Error(`runner callback ${path} answered HTTP ${res.statusCode}: ${text}`));
            return;
          }
          resolve(JSON.parse(text));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function taskError(name, cause) {
  const error = new Error(cause ?? '');
  error.name = name;
  return error;
}

// Step Functions service quotas: "Maximum input or output size for a task, state, or execution: 256 KiB of data as a
// UTF-8 encoded string". Past it the execution fails with States.DataLimitExceeded, which neither Retry nor Catch
// (not even States.ALL) can match ("Error handling in Step Functions": a terminal error). aws-local-stepfunctions
// 3.0.0 has no such limit, so a cutover whose task returned 800 KB passed here and would stop dead in AWS, after the
// fence, with no rollback: the runner enforces it.
const PAYLOAD_LIMIT_BYTES = 262144;

function payloadBytes(value) {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8');
}

// Set from the event log when a state's output is over the limit (see main); a Task that starts after it is refused.
let oversized = null;

function dataLimitExceeded(cause) {
  const error = taskError('States.DataLimitExceeded', cause);
  // Read by the interpreter's Retry and Catch matching (RuntimeError.isRetryable / isCatchable).
  error.isRetryable = false;
  error.isCatchable = false;
  return error;
}

function requestedSeconds(waitName, probeInput) {
  if ('seconds' in probeInput) {
    const seconds = probeInput.seconds;
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw taskError('States.Runtime', `Wait state '${waitName}': seconds must be a non-negative integer, got ${JSON.stringify(seconds)}`);
    }
    return seconds;
  }
  const at = Date.parse(probeInput.timestamp);
  if (Number.isNaN(at)) {
    throw taskError('States.Runtime', `Wait state '${waitName}': not a timestamp: ${JSON.stringify(probeInput.timestamp)}`);
  }
  return Math.max(0, (at - Date.now()) / 1000);
}

function probeParameters(wait) {
  if (wait.SecondsPath !== undefined) return { 'seconds.$': wait.SecondsPath };
  if (wait.Seconds !== undefined) return { seconds: wait.Seconds };
  if (wait.TimestampPath !== undefined) return { 'timestamp.$': wait.TimestampPath };
  return { timestamp: wait.Timestamp };
}

function eachScope(scope, visit) {
  visit(scope);
  for (const state of Object.values(scope.States)) {
    if (state.Type === 'Map') eachScope(state.ItemProcessor ?? state.Iterator, visit);
    if (state.Type === 'Parallel') state.Branches.forEach((branch) => eachScope(branch, visit));
  }
}

function prepare(definition, job) {
  const handlers = {};
  const waitTimeOverrides = {};
  const retryIntervalOverrides = {};
  eachScope(definition, (scope) => {
    const waits = Object.keys(scope.States).filter((name) => scope.States[name].Type === 'Wait');
    const redirect = (name) => (waits.includes(name) ? PROBE_PREFIX + name : name);
    scope.StartAt = redirect(scope.StartAt);
    for (const [name, state] of Object.entries(scope.States)) {
      if (state.Next !== undefined) state.Next = redirect(state.Next);
      if (state.Default !== undefined) state.Default = redirect(state.Default);
      for (const choice of state.Choices ?? []) choice.Next = redirect(choice.Next);
      for (const catcher of state.Catch ?? []) catcher.Next = redirect(catcher.Next);
      if (state.Retry && job.retryPauseMillis !== null && job.retryPauseMillis !== undefined) {
        retryIntervalOverrides[name] = job.retryPauseMillis;
      }
      if (state.Type === 'Task') {
        handlers[name] = async (input) => {
          // The interpreter calls the next Task in the tick it logged the previous state's exit; one turn of the event
          // loop lets the log reader see that exit first, so a state after an oversized output is never called.
          await new Promise((resolve) => setImmediate(resolve));
          if (oversized !== null) throw dataLimitExceeded(oversized);
          const reply = await post(job.callbackUrl, '/task', { state: name, resource: state.Resource, input });
          if (reply.error !== undefined) throw taskError(reply.error, reply.cause);
          const bytes = payloadBytes(reply.output);
          if (bytes > PAYLOAD_LIMIT_BYTES) {
            throw dataLimitExceeded(`The state/task '${name}' returned a result with a size exceeding the maximum`
              + ` number of bytes service limit: ${bytes} bytes, the limit is ${PAYLOAD_LIMIT_BYTES}`);
          }
          return reply.output;
        };
      }
    }
    for (const waitName of waits) {
      const wait = scope.States[waitName];
      const probe = { Type: 'Task', Resource: PROBE_RESOURCE, Parameters: probeParameters(wait), ResultPath: null, Next: waitName };
      if (wait.InputPath !== undefined) probe.InputPath = wait.InputPath;
      scope.States[PROBE_PREFIX + waitName] = probe;
      handlers[PROBE_PREFIX + waitName] = async (probeInput) => {
        const seconds = requestedSeconds(waitName, probeInput);
        const reply = await post(job.callbackUrl, '/wait', { state: waitName, requestedSeconds: seconds });
        waitTimeOverrides[waitName] = reply.millis;
        return {};
      };
    }
  });
  return { taskResourceLocalHandlers: handlers, waitTimeOverrides, retryIntervalOverrides };
}

function stateLine(event) {
  const line = { event: event.type, state: event.state.name, stateType: event.state.type };
  if (event.index !== undefined) line.index = event.index;
  if (event.Error !== undefined) line.error = event.Error;
  if (event.Cause !== undefined) line.cause = typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause);
  if (event.retry !== undefined) line.attempt = event.retry.attempt;
  return line;
}

async function main() {
  const job = JSON.parse(readStdin());
  let runnable;
  try {
    const text = substitute(readFileSync(job.definitionPath, 'utf8'), job.substitutions ?? {});
    // Validates the definition as deployed (asl-validator bundled with the interpreter, ARNs and paths checked).
    validateOnce(text, JSON.parse(text));
    runnable = JSON.parse(text);
  } catch (error) {
    emit({ event: 'RunnerError', error: 'InvalidDefinition', cause: error.message });
    return;
  }
  const overrides = prepare(runnable, job);
  const inputBytes = payloadBytes(job.input);
  if (inputBytes > PAYLOAD_LIMIT_BYTES) {
    // StartExecution takes no larger input (StartExecution, input: maximum length 262144): nothing runs.
    emit({ event: 'ExecutionFailed', error: 'States.DataLimitExceeded',
      cause: `the execution input is ${inputBytes} bytes, the limit is ${PAYLOAD_LIMIT_BYTES}` });
    return;
  }
  const machine = new StateMachine(runnable, { validationOptions: { noValidate: true } });
  const executionArn = `arn:aws:states:us-east-1:123456789012:execution:${job.stateMachineName}:${job.executionName}`;
  const execution = machine.run(job.input, {
    overrides,
    context: { Execution: { Id: executionArn, Name: job.executionName } },
  });

  // A state's whole output (the document the next state gets) over the limit fails the execution as a task result
  // does. The interpreter reports outputs only in its event log, so the run is aborted from there, and a Task that
  // starts meanwhile is refused before it calls Java (the handlers above).
  const logged = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.state === undefined || event.state.name.startsWith(PROBE_PREFIX)) continue;
      emit(stateLine(event));
      if (event.type === 'StateExited' && oversized === null) {
        const bytes = payloadBytes(event.state.output);
        if (bytes > PAYLOAD_LIMIT_BYTES) {
          oversized = `the output of state '${event.state.name}' is ${bytes} bytes, the limit is ${PAYLOAD_LIMIT_BYTES}`;
          execution.abort();
        }
      }
    }
  })();

  let outcome;
  try {
    outcome = { event: 'ExecutionSucceeded', output: await execution.result };
  } catch (error) {
    const failure = error.cause ?? error;
    outcome = { event: 'ExecutionFailed', error: failure.name, cause: failure.message };
  }
  await logged;
  if (oversized !== null) {
    outcome = { event: 'ExecutionFailed', error: 'States.DataLimitExceeded', cause: oversized };
  }
  emit(outcome);
}

main().catch((error) => {
  emit({ event: 'RunnerError', error: error.name, cause: error.stack ?? String(error) });
  process.exitCode = 1;
});
