import { z } from 'zod'

/**
 * The write budget of the account in use (issue 14): what Pinterest's `org_write` limit leaves now, Standard per
 * minute or Trial per day, counted from the writes Pinload made (docs/architecture.md, "Rate limits").
 */
export const WriteBudget = z.object({
  profile: z.enum(['standard', 'trial']),
  /** Writes allowed per window. */
  limit: z.number().int().min(1),
  /** Window length in ms: 60 000 (Standard, per minute) or 86 400 000 (Trial, per day). */
  windowMs: z.number().int().min(1),
  /** Writes counted in the window ending now. */
  used: z.number().int().min(0),
  /** Writes that may still go in this window. */
  remaining: z.number().int().min(0),
  /** When the oldest counted write leaves the window (epoch ms), freeing one more; null when none is counted. */
  nextFreeAt: z.number().nullable(),
})
export type WriteBudget = z.infer<typeof WriteBudget>
