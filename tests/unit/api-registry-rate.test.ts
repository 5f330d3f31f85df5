import { describe, expect, it } from 'vitest'
import { ApiRegistry } from '../../src/main/pinterest/api-registry'
import { RateGovernor } from '../../src/main/pinterest/rate-governor'

/**
 * A change of writes per minute (or of the rate profile) while a batch runs: the client an item mid-way holds
 * stays open, and its governor takes the new limit without forgetting what it counted.
 */
describe('ApiRegistry when the rate settings change', () => {
  it('keeps the client and retunes its governor, with what it counted', async () => {
    let writesPerMinute = 100
    let profile: 'standard' | 'trial' = 'standard'
    const made: RateGovernor[] = []
    const registry = new ApiRegistry({
      env: {},
      tokensFor: () => ({ getAccessToken: async () => 'token', refreshAccessToken: async () => 'token' }),
      sends: () => true,
      current: () => 'production',
      environmentOf: () => 'production',
      profile: () => profile,
      rateKey: () => String(writesPerMinute),
      governor: (p) => {
        const g = new RateGovernor({ profile: p, writesPerMinute })
        made.push(g)
        return g
      },
    })
    try {
      const client = registry.current()
      const governor = made[0]!
      await governor.run({ category: 'org_write' }, async () => {})
      writesPerMinute = 40
      expect(registry.current()).toBe(client)
      expect(registry.apiFor('production')).toBe(client)
      expect(governor.budget('org_write')).toMatchObject({ limit: 40, used: 1, remaining: 39 })
      profile = 'trial'
      expect(registry.current()).toBe(client)
      expect(governor.budget('org_write')).toMatchObject({ limit: 300, windowMs: 86_400_000, used: 1 })
    } finally {
      await registry.closeAll()
    }
  })
})

describe('ApiRegistry.slowdown with several accounts (issue 15)', () => {
  it("says why any account's requests wait, not only the account in use's, and names it", async () => {
    let t = 1_000_000
    const made = new Map<string, RateGovernor>()
    const registry = new ApiRegistry({
      env: {},
      tokensFor: () => ({ getAccessToken: async () => 'token', refreshAccessToken: async () => 'token' }),
      sends: () => true,
      current: () => 'production:brand_a',
      environmentOf: () => 'production',
      profile: () => 'standard',
      governor: (p, key) => {
        const g = new RateGovernor({ profile: p, now: () => t })
        made.set(key, g)
        return g
      },
    })
    try {
      registry.apiFor('production:brand_a')
      expect(registry.slowdown()).toBeNull()
      // One account alone: as before, no name.
      made.get('production:brand_a')!.holdUntil('org_write', t + 5_000)
      expect(registry.slowdown()).toEqual({ until: t + 5_000, by: 'pinterest' })
      t += 5_000
      registry.apiFor('production:brand_b')
      // A hold on the account not in use is said, with whose it is.
      made.get('production:brand_b')!.holdUntil('org_write', t + 60_000)
      expect(registry.slowdown()).toEqual({
        until: t + 60_000,
        by: 'pinterest',
        accountKey: 'production:brand_b',
      })
      // The longest of two holds.
      made.get('production:brand_a')!.holdUntil('org_read', t + 90_000)
      expect(registry.slowdown()).toEqual({
        until: t + 90_000,
        by: 'pinterest',
        accountKey: 'production:brand_a',
      })
    } finally {
      await registry.closeAll()
    }
  })
})
