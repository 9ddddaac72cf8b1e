// Every recorded AWS call of the cutover functions, and every publish AWS services and the state machine make,
// evaluated against the synthesized roles and resource policies with @cloud-copilot/iam-simulate. Exits non-zero
// naming principal, action and resource of each denied call, and of each granted action no call used that is not
// in KEPT_UNUSED with a reason. Usage: node src/simulate.mjs <iam-calls dirs, ':'-separated> <iam-templates dir>
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate'
import { ACCOUNT, CUSTOM_RESOURCE_PRINCIPAL, Variant } from './templates.mjs'
import { CONFIGURATIONS_OF_VARIANT, authorizations, serviceAuthorizations, standIns } from './calls.mjs'

/**
 * Granted actions no recorded call uses, each with why it stays. Keyed "{principal}:{action}".
 */
export const KEPT_UNUSED = {
  // Lambda's own use of the role for a function in a VPC: it creates and deletes the function's network
  // interfaces ("Giving Lambda functions access to resources in an Amazon VPC", Lambda Developer Guide).
  ...Object.fromEntries(['CutoverApi', 'ReadinessPoll', 'AlarmRollback', 'WorkflowTasks'].flatMap((f) => [
    'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets',
    'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'
  ].map((a) => [`${f}:${a}`, 'Lambda manages the function\'s VPC network interfaces with the role']))),
  ...Object.fromEntries(['CutoverApi', 'ReadinessPoll', 'AlarmRollback', 'WorkflowTasks'].flatMap((f) => [
    'logs:CreateLogStream', 'logs:PutLogEvents'
  ].map((a) => [`${f}:${a}`, 'Lambda writes the function\'s logs to its log group with the role']))),
  'StateMachine:logs:CreateLogDelivery': 'Step Functions delivers execution logs to CloudWatch Logs with the role',
  'StateMachine:logs:GetLogDelivery': 'Step Functions delivers execution logs to CloudWatch Logs with the role',
  'StateMachine:logs:UpdateLogDelivery': 'Step Functions delivers execution logs to CloudWatch Logs with the role',
  'StateMachine:logs:DeleteLogDelivery': 'Step Functions delivers execution logs to CloudWatch Logs with the role',
  'StateMachine:logs:ListLogDeliveries': 'Step Functions delivers execution logs to CloudWatch Logs with the role',
  'StateMachine:logs:PutResourcePolicy': 'Step Functions delivers execution logs to CloudWatch Logs with the role',
  'StateMachine:logs:DescribeResourcePolicies': 'Step Functions delivers execution logs to CloudWatch Logs',
  'StateMachine:logs:DescribeLogGroups': 'Step Functions delivers execution logs to CloudWatch Logs with the role',
  'StateMachine:xray:PutTraceSegments': 'Step Functions X-Ray tracing of executions',
  'StateMachine:xray:PutTelemetryRecords': 'Step Functions X-Ray tracing of executions',
  'StateMachine:xray:GetSamplingRules': 'Step Functions X-Ray tracing of executions',
  'StateMachine:xray:GetSamplingTargets': 'Step Functions X-Ray tracing of executions'
}

/** Where the handlers' IamCallPathsIT and infra-cdk's WeightedRecordsHandlerIT write, from this module. */
export const DEFAULT_CALLS = ['../functions/handlers/target/iam-calls', '../infra-cdk/target/iam-calls']
export const DEFAULT_TEMPLATES = '../infra-cdk/target/iam-templates'

/** Every recorded call in the directories (a list, or one string of them joined by the path delimiter). */
export function readCalls(dirs) {
  const calls = []
  for (const dir of [].concat(dirs).flatMap((d) => d.split(delimiter)).filter(Boolean)) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        if (line.trim()) calls.push(JSON.parse(line))
      }
    }
  }
  return calls
}

/**
 * Whether a recorded call belongs to the variant: the functions' calls by the configuration they were recorded in,
 * the custom resource's by the variant whose template it ran (its scenario starts with the variant's name).
 */
function recordedFor(variant, configurations, call) {
  const first = call.scenario.split(' ')[0]
  return call.function === CUSTOM_RESOURCE_PRINCIPAL ? first === variant.name : configurations.includes(first)
}

export function readVariants(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => new Variant(JSON.parse(readFileSync(join(dir, f), 'utf8'))))
}

/** One authorization per distinct principal, action, resource and context: the first scenario names it. */
function distinct(list) {
  const seen = new Map()
  for (const a of list) {
    const key = JSON.stringify([a.principal, a.action, a.resource, a.context])
    if (!seen.has(key)) seen.set(key, a)
  }
  return [...seen.values()]
}

function principalArn(variant, principal) {
  if (principal.endsWith('.amazonaws.com')) return { arn: principal, policies: [] }
  const role = variant.roleOf(principal)
  if (!role) return undefined
  return { arn: variant.roleArn(role), policies: variant.identityPolicies(role) }
}

/**
 * A key the stacks do not create (an existing cluster's, an existing login's) has the policy its owner gave it; the
 * simulation assumes AWS's default key policy, which lets the account's IAM policies decide ("Default key policy",
 * AWS KMS Developer Guide).
 */
const DEFAULT_KEY_POLICY = { Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] }

function resourcePolicy(variant, auth) {
  if (auth.action.startsWith('kms:')) return variant.keyPolicy(auth.resource) ?? DEFAULT_KEY_POLICY
  if (auth.action === 'sns:Publish') return variant.topicPolicy(auth.resource)
  return undefined
}

async function evaluate(auth, arn, identityPolicies, policy) {
  const simulation = {
    request: { principal: arn, action: auth.action, resource: { resource: auth.resource, accountId: ACCOUNT },
      // Every SDK client and AWS service calls over TLS: the topic's AllowPublishThroughSSLOnly sees true.
      contextVariables: { 'aws:SecureTransport': 'true', ...auth.context } },
    identityPolicies, serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: policy
  }
  const result = await runSimulation(simulation, {})
  if (result.resultType !== 'error') return result.overallResult
  // iam-simulate's own resource-type lookup finds none for some ARNs whose type the Service Authorization Reference
  // lists for the action (DMS task:* for DescribeTableStatistics and StopReplicationTask). calls.mjs matched the
  // ARN to that type with iam-data already, so the validation is skipped for exactly those: the same evaluation.
  if (result.errors.message === 'no.resource.types' && auth.resourceType) {
    return runUnsafeSimulation(simulation, {})
  }
  throw new Error(`${auth.principal} ${auth.action} on ${auth.resource}: simulation refused the request: `
    + JSON.stringify(result.errors))
}

/**
 * Simulates one variant. {@code edit(principal, policies)} may change a principal's identity policies (the
 * drop-each-statement test). Returns { denied, unused, evaluated, perPrincipal }.
 */
export async function simulateVariant(variant, calls, edit = (p, policies) => policies, { unused = true } = {}) {
  const configurations = CONFIGURATIONS_OF_VARIANT[variant.name]
  if (!configurations) throw new Error(`variant ${variant.name}: no recorded configuration maps to it`)
  const substitutes = standIns(variant)
  const list = []
  for (const call of calls) {
    if (recordedFor(variant, configurations, call)) {
      list.push(...await authorizations(call, variant, substitutes))
    }
  }
  list.push(...serviceAuthorizations(variant))
  const auths = distinct(list)
  const denied = []
  const perPrincipal = {}
  const principals = new Map()
  for (const auth of auths) {
    if (!principals.has(auth.principal)) {
      const p = principalArn(variant, auth.principal)
      principals.set(auth.principal, p && { ...p, policies: edit(auth.principal, p.policies) })
    }
    const principal = principals.get(auth.principal)
    perPrincipal[auth.principal] = (perPrincipal[auth.principal] ?? 0) + 1
    if (!principal) {
      denied.push({ ...auth, why: 'no such function or role in the template' })
      continue
    }
    const outcome = await evaluate(auth, principal.arn, principal.policies, resourcePolicy(variant, auth))
    if (outcome !== 'Allowed') denied.push({ ...auth, why: outcome })
  }
  const grants = unused ? await unusedGrants(variant, principals, auths) : { unused: [], used: new Set() }
  return { denied, unused: grants.unused, granted: grants.used, evaluated: auths.length, perPrincipal }
}

/** Each granted (principal, Sid, action) that no authorization of that principal is allowed by on its own. */
async function unusedGrants(variant, principals, auths) {
  const unused = []
  const usedKeys = new Set()
  for (const [name, principal] of principals) {
    if (!principal || name.endsWith('.amazonaws.com')) continue
    for (const policy of principal.policies) {
      for (const statement of [].concat(policy.policy.Statement)) {
        if (statement.Effect !== 'Allow') continue
        for (const granted of [].concat(statement.Action)) {
          const pattern = new RegExp('^' + granted.replace(/\*/g, '.*') + '$', 'i')
          let used = false
          for (const auth of auths.filter((a) => a.principal === name && pattern.test(a.action))) {
            const only = [{ name: 'one', policy: { Version: '2012-10-17',
              Statement: [{ ...statement, Action: [granted] }] } }]
            if (await evaluate(auth, principal.arn, only, resourcePolicy(variant, auth)) === 'Allowed') {
              used = true
              break
            }
          }
          if (used) usedKeys.add(`${name}:${granted}`)
          else unused.push({ principal: name, sid: statement.Sid, action: granted, resource: statement.Resource })
        }
      }
    }
  }
  return { unused, used: usedKeys }
}

/** Where main writes what it printed, for the note (docs/iam-simulation.md): under this module's target/. */
export const REPORT = 'target/iam-simulation-report.txt'

/** The endpoint service (com.amazonaws.[region.]name) of a recorded call's service, by its IAM prefix. */
const ENDPOINT_SERVICE_OF = { cloudwatch: 'monitoring' }

/**
 * Every API a function calls must be one an existing VPC without NAT is required to have an interface endpoint for
 * (infra-cdk NetworkSection.CALLED_ENDPOINT_SERVICES, in each variant): otherwise that check would let through a
 * VPC whose functions cannot reach the API. The custom resource's function runs outside the VPC.
 */
function unreachableApis(variant, calls) {
  const listed = new Set(variant.calledEndpointServices ?? [])
  const missing = new Map()
  for (const c of calls.filter((call) => call.function !== CUSTOM_RESOURCE_PRINCIPAL)) {
    const endpoint = ENDPOINT_SERVICE_OF[c.service] ?? c.service
    if (!listed.has(endpoint)) missing.set(endpoint, `${c.function} ${c.service}:${c.operation}`)
  }
  return missing
}

/** Recorded requests per function, and per function how many of each operation. */
function callsPerFunction(calls) {
  const per = new Map()
  for (const c of calls) {
    if (!per.has(c.function)) per.set(c.function, new Map())
    const ops = per.get(c.function)
    const op = `${c.service}:${c.operation}`
    ops.set(op, (ops.get(op) ?? 0) + 1)
  }
  return [...per.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([fn, ops]) => {
    const total = [...ops.values()].reduce((a, b) => a + b, 0)
    const list = [...ops.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `${op} ${n}`)
    return `  ${fn}: ${total} requests, ${ops.size} operations: ${list.join(', ')}`
  })
}

async function main([callsDirs, templatesDir]) {
  const started = Date.now()
  const calls = readCalls(callsDirs)
  const variants = readVariants(templatesDir)
  if (!calls.length || !variants.length) {
    throw new Error(`nothing to simulate: ${calls.length} calls in ${callsDirs}, ${variants.length} templates in `
      + templatesDir)
  }
  const report = []
  const say = (line) => {
    console.log(line)
    report.push(line)
  }
  say('recorded calls per function (all scenarios and configurations):')
  callsPerFunction(calls).forEach(say)
  let failures = 0
  const kept = new Set()
  const unusedEverywhere = new Map()
  const usedSomewhere = new Set()
  for (const variant of variants) {
    const { denied, unused, granted, evaluated, perPrincipal } = await simulateVariant(variant, calls)
    say(`${variant.name}: ${evaluated} distinct authorizations ${JSON.stringify(perPrincipal)}, `
      + `${denied.length} denied`)
    for (const d of denied) {
      failures++
      say(`  DENIED ${d.principal} ${d.action} on ${d.resource} ${JSON.stringify(d.context)} (${d.why};`
        + ` ${d.derived ?? 'recorded'} in "${d.origin.scenario}")`)
    }
    for (const [endpoint, example] of unreachableApis(variant, calls)) {
      failures++
      say(`  UNREACHABLE without NAT: ${example} needs an interface endpoint for ${endpoint}, which`
        + ' network.existingVpc.interfaceEndpoints does not require (infra-cdk NetworkSection)')
    }
    for (const u of unused) {
      const key = `${u.principal}:${u.action}`
      if (!unusedEverywhere.has(key)) unusedEverywhere.set(key, { ...u, variants: [] })
      unusedEverywhere.get(key).variants.push(variant.name)
    }
    for (const g of granted) usedSomewhere.add(g)
  }
  // A grant a configuration needs is unused in the variants whose configuration does not take that path (the
  // alarm's hand-over starts no execution with dns): it is reported when no variant's recorded calls use it.
  for (const [key, u] of unusedEverywhere) {
    if (usedSomewhere.has(key)) continue
    const reason = KEPT_UNUSED[key]
    if (reason) {
      kept.add(`${key} (${reason})`)
    } else {
      failures++
      say(`UNUSED ${u.principal} ${u.action} (Sid ${u.sid}) on ${JSON.stringify(u.resource)} in `
        + `${u.variants.join(', ')}: no recorded call uses it; remove it or give it a reason in KEPT_UNUSED`)
    }
  }
  say(`granted, used by no recorded call, kept with a reason: ${kept.size}`)
  for (const k of [...kept].sort()) say(`  kept unused: ${k}`)
  say(`${failures} problem(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  mkdirSync(dirname(REPORT), { recursive: true })
  writeFileSync(REPORT, report.join('\n') + '\n')
  console.log(`written to ${REPORT}`)
  if (failures) process.exit(1)
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e.stack ?? e)
    process.exit(2)
  })
}
