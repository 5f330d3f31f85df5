import type { ItemDraft } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'
import {
  MIN_EVERY_MS,
  parsePlan,
  PlanError,
  type PlanInput,
  type PlanSpec,
} from '../../shared/schedule/plan-spec'
import { planTimes } from '../../shared/schedule/planner'
import { systemTimeZone } from '../../shared/schedule/zoned-time'

/**
 * Checks a schedule as the user typed it (`pinload upload --every …`, the window's schedule panel) against
 * the clock now; a PlanError becomes a `validation` AppError naming the flag, so nothing is queued.
 * Spacing under a minute is refused against Pinterest and allowed against another server (the fake, a proxy
 * named by PINLOAD_API_BASE), as the rate limits are (docs/architecture.md, "Schedules and pacing").
 */
export function checkPlan(input: PlanInput, env: NodeJS.ProcessEnv, now = Date.now()): PlanSpec | null {
  const base = env.PINLOAD_API_BASE?.trim()
  const againstPinterest = !base || /\.pinterest\.com/i.test(base)
  try {
    return parsePlan(input, {
      now,
      systemTimeZone: systemTimeZone(),
      minEveryMs: againstPinterest ? MIN_EVERY_MS : 1000,
    })
  } catch (e) {
    if (e instanceof PlanError) throw new AppError('validation', e.message)
    throw e
  }
}

/** The drafts with their planned publish times, in queue order. */
export function withPlannedTimes(
  drafts: ItemDraft[],
  spec: PlanSpec,
  random: () => number = Math.random,
): ItemDraft[] {
  const times = planTimes(spec, drafts.length, random)
  return drafts.map((d, i) => ({ ...d, publishAt: times[i]! }))
}
