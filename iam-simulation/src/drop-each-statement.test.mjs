// Deleting any one statement of any role makes the simulation deny a recorded call, named here: no statement is
// dead weight, and the simulation would see any one of them go missing. A statement all of whose actions are in
// KEPT_UNUSED (used by Lambda or Step Functions themselves, not by a call of ours) is skipped, with its reason.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_CALLS, DEFAULT_TEMPLATES, KEPT_UNUSED, readCalls, readVariants, simulateVariant }
  from './simulate.mjs'
import { CUSTOM_RESOURCE_PRINCIPAL } from './templates.mjs'

const calls = readCalls(process.env.IAM_CALLS ?? DEFAULT_CALLS)
const variants = readVariants(process.env.IAM_TEMPLATES ?? DEFAULT_TEMPLATES)
const PRINCIPALS = ['CutoverApi', 'ReadinessPoll', 'AlarmRollback', 'WorkflowTasks', 'StateMachine',
  CUSTOM_RESOURCE_PRINCIPAL]

for (const variant of variants) {
  test(`${variant.name}: every statement is needed by a recorded call`, async (t) => {
    const baseline = await simulateVariant(variant, calls, undefined, { unused: false })
    assert.deepEqual(baseline.denied.map((d) => `${d.principal} ${d.action} ${d.resource}`), [],
      'the unedited policies allow every call')
    for (const principal of PRINCIPALS) {
      const role = variant.roleOf(principal)
      if (!role) continue
      for (const [p, policy] of variant.identityPolicies(role).entries()) {
        for (const [s, statement] of [].concat(policy.policy.Statement).entries()) {
          const actions = [].concat(statement.Action)
          const label = `${principal} ${statement.Sid ?? `#${s}`} (${actions.join(', ')})`
          if (actions.every((a) => KEPT_UNUSED[`${principal}:${a}`])) {
            t.diagnostic(`${label} kept: ${KEPT_UNUSED[`${principal}:${actions[0]}`]}`)
            continue
          }
          const without = (pol) => ({ ...pol,
            policy: { ...pol.policy, Statement: [].concat(pol.policy.Statement).filter((_, j) => j !== s) } })
          const dropOne = (name, policies) => name !== principal ? policies
            : policies.map((pol, i) => i !== p ? pol : without(pol))
          const { denied } = await simulateVariant(variant, calls, dropOne, { unused: false })
          const named = denied.filter((d) => d.principal === principal)
          assert.ok(named.length > 0, `${variant.name}: without ${label} no recorded call is denied`)
          const first = named[0]
          t.diagnostic(`without ${label}: denied ${first.action} on ${first.resource} (${first.origin.scenario})`)
        }
      }
    }
  })
}
