// Stand-in for '@aws-sdk/client-lambda' and '@aws-sdk/credential-providers' inside aws-local-stepfunctions 3.0.0
// (wired by run-workflow.mjs). The local runner answers every Task state itself, so the interpreter's Lambda client
// is dead code; replacing it guarantees a local run can never reach a real AWS account, and spares node loading the
// SDK (about a second per run).
function refuse() {
  throw new Error('the local runner never calls AWS: every Task state must be answered by the runner');
}

export class LambdaClient {
  constructor() {
    refuse();
  }
}

export class InvokeCommand {
  constructor() {
    refuse();
  }
}

export function fromCognitoIdentityPool() {
  refuse();
}
