import type { ItemState } from './domain'

/** States an item never leaves by itself. Zod-free, so the renderer can use it at run time. */
export const TERMINAL_STATES: readonly ItemState[] = ['published', 'skipped', 'failed', 'cancelled']
