// Reads a synthesized variant (both stacks, written by infra-cdk's IamTemplatesIT) into what the simulation needs:
// each principal's identity statements and the resource policies, every intrinsic resolved to a stable fake value.
// The fake ARNs follow the naming the recordings use (functions/handlers IamCallPathsIT): the account and region
// of the examples, resources named by their CloudFormation name property, or by their logical id when they have none.

export const ACCOUNT = '123456789012'
export const REGION = 'eu-west-1'

const PSEUDO = {
  'AWS::AccountId': ACCOUNT,
  'AWS::Region': REGION,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'stack',
  'AWS::NoValue': undefined
}

/**
 * The principal infra-cdk's WeightedRecordsHandlerIT records the weighted pairs' creates as: the role of the function
 * CDK deploys once per stack for every AwsCustomResource, whose logical id starts with this (WeightedRecords).
 */
export const CUSTOM_RESOURCE_PRINCIPAL = 'WeightedRecordPair'
const AWS_CUSTOM_RESOURCE_FUNCTION = 'AWS679f53fac002430cb0da5b7982bd2287'

const arn = (service, resource, region = REGION, account = ACCOUNT) =>
  `arn:aws:${service}:${region}:${account}:${resource}`

export class Variant {
  constructor(json) {
    this.name = json.variant
    this.deployConfig = json.deployConfig
    this.cutoverConfig = json.cutoverConfig
    /** The APIs an existing VPC without NAT must have interface endpoints for (infra-cdk NetworkSection). */
    this.calledEndpointServices = json.calledEndpointServices
    this.stacks = [json.data, json.control]
    this.resources = {}
    this.exports = {}
    for (const stack of this.stacks) {
      Object.assign(this.resources, stack.Resources ?? {})
    }
    for (const stack of this.stacks) {
      for (const output of Object.values(stack.Outputs ?? {})) {
        if (output.Export) this.exports[this.resolve(output.Export.Name)] = output.Value
      }
    }
  }

  resource(id) {
    const r = this.resources[id]
    if (!r) throw new Error(`${this.name}: no resource ${id}`)
    return r
  }

  prop(id, name) {
    const value = this.resource(id).Properties?.[name]
    return value === undefined ? undefined : this.resolve(value)
  }

  /** What Ref returns for a resource, per the CloudFormation resource reference's "Return values". */
  ref(id) {
    if (id in PSEUDO) return PSEUDO[id]
    const r = this.resource(id)
    switch (r.Type) {
      case 'AWS::IAM::Role': return this.prop(id, 'RoleName') ?? id
      case 'AWS::Lambda::Function': return this.prop(id, 'FunctionName') ?? id
      case 'AWS::Lambda::Alias': return `${this.functionArn(this.prop(id, 'FunctionName'))}:${this.prop(id, 'Name')}`
      case 'AWS::SNS::Topic': return arn('sns', this.prop(id, 'TopicName') ?? id)
      case 'AWS::KMS::Key': return id
      case 'AWS::SecretsManager::Secret': return arn('secretsmanager', `secret:${this.prop(id, 'Name') ?? id}-AbCdEf`)
      case 'AWS::SecretsManager::SecretTargetAttachment': return this.prop(id, 'SecretId')
      case 'AWS::StepFunctions::StateMachine':
        return arn('states', `stateMachine:${this.prop(id, 'StateMachineName') ?? id}`)
      case 'AWS::RDS::DBCluster': return (this.prop(id, 'DBClusterIdentifier') ?? id).toLowerCase()
      case 'AWS::RDS::DBSubnetGroup': return (this.prop(id, 'DBSubnetGroupName') ?? id).toLowerCase()
      case 'AWS::RDS::DBClusterParameterGroup':
        return (this.prop(id, 'DBClusterParameterGroupName') ?? id).toLowerCase()
      case 'AWS::DMS::ReplicationTask': return arn('dms', `task:${this.prop(id, 'ResourceIdentifier') ?? id}`)
      case 'AWS::DMS::ReplicationInstance': return arn('dms', `rep:${id}`)
      case 'AWS::Events::Rule': return this.prop(id, 'Name') ?? id
      case 'AWS::CloudWatch::Alarm': return this.prop(id, 'AlarmName') ?? id
      case 'AWS::CloudWatch::CompositeAlarm': return this.prop(id, 'AlarmName') ?? id
      case 'AWS::Logs::LogGroup': return this.prop(id, 'LogGroupName') ?? id
      default: return id
    }
  }

  functionArn(nameOrArn) {
    return nameOrArn.startsWith('arn:') ? nameOrArn : arn('lambda', `function:${nameOrArn}`)
  }

  /** What Fn::GetAtt returns; only the attributes the templates use. */
  getAtt(id, attribute) {
    const r = this.resource(id)
    if (attribute !== 'Arn') {
      if (r.Type === 'AWS::SecretsManager::Secret' && attribute === 'Id') return this.ref(id)
      return `${id}.${attribute}`
    }
    switch (r.Type) {
      case 'AWS::IAM::Role': return `arn:aws:iam::${ACCOUNT}:role/${this.ref(id)}`
      case 'AWS::Lambda::Function': return this.functionArn(this.ref(id))
      case 'AWS::KMS::Key': return arn('kms', `key/${id}`)
      case 'AWS::SNS::Topic': return this.ref(id)
      case 'AWS::RDS::DBCluster': return arn('rds', `cluster:${this.ref(id)}`)
      case 'AWS::Logs::LogGroup': return arn('logs', `log-group:${this.ref(id)}:*`)
      case 'AWS::Events::Rule': return arn('events', `rule/${this.ref(id)}`)
      case 'AWS::CloudWatch::Alarm':
      case 'AWS::CloudWatch::CompositeAlarm': return arn('cloudwatch', `alarm:${this.ref(id)}`)
      case 'AWS::StepFunctions::StateMachine': return this.ref(id)
      case 'AWS::Lambda::LayerVersion': return arn('lambda', `layer:${id}:1`)
      default: return this.ref(id)
    }
  }

  resolve(value) {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v)).filter((v) => v !== undefined)
    if (value === null || typeof value !== 'object') return value
    const keys = Object.keys(value)
    if (keys.length === 1) {
      const [k] = keys
      const v = value[k]
      switch (k) {
        case 'Ref': return this.ref(v)
        case 'Fn::GetAtt': return this.getAtt(...(Array.isArray(v) ? v : v.split('.')))
        case 'Fn::Join': return this.resolve(v[1]).join(v[0])
        case 'Fn::Select': return this.resolve(v[1])[Number(this.resolve(v[0]))]
        case 'Fn::Split': return this.resolve(v[1]).split(v[0])
        case 'Fn::ImportValue': {
          const name = this.resolve(v)
          if (!(name in this.exports)) throw new Error(`${this.name}: no export ${name}`)
          return this.resolve(this.exports[name])
        }
        case 'Fn::Sub': {
          const [text, vars] = Array.isArray(v) ? v : [v, {}]
          return text.replace(/\$\{([^}]+)\}/g, (_, name) => {
            if (name in (vars ?? {})) return this.resolve(vars[name])
            const [id, attr] = name.split('.')
            return attr ? this.getAtt(id, attr) : this.ref(id)
          })
        }
        case 'Fn::If': throw new Error(`${this.name}: Fn::If is not resolved by this simulation`)
      }
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(value[k])]))
  }

  ofType(type) {
    return Object.entries(this.resources).filter(([, r]) => r.Type === type).map(([id]) => id)
  }

  /**
   * The role a Lambda function (by its FunctionName suffix), the state machine, or the function behind the stack's
   * custom resources (CDK's AwsCustomResource singleton, by its logical id) runs as.
   */
  roleOf(principal) {
    if (principal === 'StateMachine') {
      const [sm] = this.ofType('AWS::StepFunctions::StateMachine')
      return this.resource(sm).Properties.RoleArn['Fn::GetAtt'][0]
    }
    const fn = this.ofType('AWS::Lambda::Function').find((id) => principal === CUSTOM_RESOURCE_PRINCIPAL
      ? id.startsWith(AWS_CUSTOM_RESOURCE_FUNCTION)
      : (this.prop(id, 'FunctionName') ?? '').endsWith(`-${principal}`))
    if (!fn) return undefined
    return this.resource(fn).Properties.Role['Fn::GetAtt'][0]
  }

  /** The role's identity policies: inline Policies and every AWS::IAM::Policy attached to it. */
  identityPolicies(roleId) {
    const policies = []
    for (const p of this.resource(roleId).Properties?.Policies ?? []) {
      policies.push({ name: this.resolve(p.PolicyName), policy: this.resolve(p.PolicyDocument) })
    }
    for (const id of this.ofType('AWS::IAM::Policy')) {
      const roles = this.resource(id).Properties.Roles ?? []
      if (roles.some((r) => r.Ref === roleId)) {
        policies.push({ name: id, policy: this.resolve(this.resource(id).Properties.PolicyDocument) })
      }
    }
    return policies
  }

  roleArn(roleId) {
    return this.getAtt(roleId, 'Arn')
  }

  /** The key policy of a KMS key, by the ARN the simulation resolved it to. */
  keyPolicy(keyArn) {
    const id = this.ofType('AWS::KMS::Key').find((k) => this.getAtt(k, 'Arn') === keyArn)
    return id ? this.prop(id, 'KeyPolicy') : undefined
  }

  /** The topic policy that names a topic ARN. */
  topicPolicy(topicArn) {
    const statements = []
    for (const id of this.ofType('AWS::SNS::TopicPolicy')) {
      if (this.prop(id, 'Topics').includes(topicArn)) statements.push(...this.prop(id, 'PolicyDocument').Statement)
    }
    return statements.length ? { Version: '2012-10-17', Statement: statements } : undefined
  }

  topicKey(topicArn) {
    const id = this.ofType('AWS::SNS::Topic').find((t) => this.ref(t) === topicArn)
    const key = id ? this.prop(id, 'KmsMasterKeyId') : undefined
    if (key === undefined) return undefined
    return key.startsWith('arn:') ? key : arn('kms', `key/${key}`)
  }
}
