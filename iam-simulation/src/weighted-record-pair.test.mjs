// The role of the stack's custom resource function (CDK's AwsCustomResource, WeightedRecords in infra-cdk) allows
// the weighted pairs' creates it was recorded making, and nothing else: the same batch with another action (an
// UPSERT or a DELETE could move or remove live records), another name, another type or in another zone is denied
// by the role's Route 53 condition keys (ChangeResourceRecordSetsActions, ...NormalizedRecordNames, ...RecordTypes).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_CALLS, DEFAULT_TEMPLATES, readCalls, readVariants, simulateVariant } from './simulate.mjs'
import { CUSTOM_RESOURCE_PRINCIPAL } from './templates.mjs'

const calls = readCalls(process.env.IAM_CALLS ?? DEFAULT_CALLS)
const variants = readVariants(process.env.IAM_TEMPLATES ?? DEFAULT_TEMPLATES)
const ACTIONS = 'route53:ChangeResourceRecordSetsActions'
const NAMES = 'route53:ChangeResourceRecordSetsNormalizedRecordNames'
const TYPES = 'route53:ChangeResourceRecordSetsRecordTypes'
const OTHER_NAME = 'payments.internal.example.com'

/** Each edit of a recorded create batch the role must refuse. */
const REFUSED = {
  'an UPSERT instead of the CREATEs': (c) => ({ ...c, context: { ...c.context, [ACTIONS]: ['UPSERT'] } }),
  'a DELETE instead of the CREATEs': (c) => ({ ...c, context: { ...c.context, [ACTIONS]: ['DELETE'] } }),
  'a DELETE beside the CREATEs': (c) => ({ ...c, context: { ...c.context, [ACTIONS]: ['CREATE', 'DELETE'] } }),
  'another record name': (c) => ({ ...c, context: { ...c.context, [NAMES]: [OTHER_NAME] } }),
  'another name beside its own': (c) => ({ ...c, context: { ...c.context, [NAMES]: [...c.context[NAMES], OTHER_NAME] } }),
  'another record type': (c) => ({ ...c, context: { ...c.context, [TYPES]: ['TXT'] } }),
  'another hosted zone': (c) => ({ ...c, resources: ['arn:aws:route53:::hostedzone/Z9OTHERZONE000000000'] })
}

/** Distinct authorizations of the custom resource's role, and how many of them the simulation denied. */
async function simulated(variant, own) {
  const { denied, perPrincipal } = await simulateVariant(variant, own, undefined, { unused: false })
  return { evaluated: perPrincipal[CUSTOM_RESOURCE_PRINCIPAL] ?? 0,
    denied: denied.filter((d) => d.principal === CUSTOM_RESOURCE_PRINCIPAL) }
}

test('the weighted pairs\' creates are recorded', () => {
  assert.ok(calls.some((c) => c.function === CUSTOM_RESOURCE_PRINCIPAL),
    'no WeightedRecordPair calls: run infra-cdk\'s WeightedRecordsHandlerIT first')
})

for (const variant of variants) {
  const own = calls.filter((c) => c.function === CUSTOM_RESOURCE_PRINCIPAL && c.scenario.split(' ')[0] === variant.name)
  if (own.length === 0) continue
  test(`${variant.name}: the custom resource's role allows its creates and refuses any other change`, async (t) => {
    const recorded = await simulated(variant, own)
    assert.ok(recorded.evaluated > 0)
    assert.deepEqual(recorded.denied.map((d) => `${d.action} ${JSON.stringify(d.context)}`), [],
      'the recorded creates are allowed')
    t.diagnostic(`allowed: ${own.map((c) => `${c.operation} ${JSON.stringify(c.context)}`).join('; ')}`)
    for (const [what, edit] of Object.entries(REFUSED)) {
      const { evaluated, denied } = await simulated(variant, own.map(edit))
      assert.equal(denied.length, evaluated, `${what}: ${evaluated - denied.length} of ${evaluated} allowed`)
      t.diagnostic(`denied, ${what}: ${denied[0].action} on ${denied[0].resource} ${JSON.stringify(denied[0].context)}`)
    }
  })
}
