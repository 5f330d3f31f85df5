import type { AddResult, BatchDefaults } from '../../../../shared/domain'
import type { AddConfirmation, PathGrant, PlanInputValue } from '../../../../shared/ipc/contract'
import { errorKind, errorText, grantDroppedFiles, invoke } from '../../ipc/client'
import { plural } from '../../lib/format'
import { actions } from '../../store/store'

/** Drops empty fields: main treats "absent" as "no default", and an empty title template is not one. */
function cleanDefaults(d: BatchDefaults): BatchDefaults {
  const out: BatchDefaults = {}
  for (const [k, v] of Object.entries(d) as [keyof BatchDefaults, string | boolean | undefined][]) {
    // A switch (adOnly) is sent only when on.
    if (v === true) Object.assign(out, { [k]: true })
    else if (typeof v === 'string' && v.trim() !== '') Object.assign(out, { [k]: v.trim() })
  }
  return out
}

function queuedToast(result: AddResult): void {
  // Counted in Pins: one file on two boards is two Pins.
  if (result.queued > 0)
    actions().pushToast(
      'success',
      `${plural(result.queued, 'Pin', 'Pins')} ${result.drafts === true ? 'added as drafts' : 'queued'}.`,
    )
}

/** Grants for dropped files (main reads their paths through the preload); empty when none is on disk. */
export async function grantDropped(files: readonly File[]): Promise<string[]> {
  try {
    const grants = await grantDroppedFiles(files)
    if (grants.length === 0)
      actions().pushToast(
        'error',
        'Those items have no local path: drop files or folders from your computer.',
      )
    return grants.map((g) => g.grant)
  } catch (e) {
    actions().pushToast('error', `Could not add: ${errorText(e)}`)
    return []
  }
}

/** What an add came to: queued (with its result), a question to ask first, or nothing (cancelled, failed). */
export type AddOutcome = { added: AddResult } | { confirm: AddConfirmation } | null

/**
 * Scans and queues granted files and folders; an add that asks first queues nothing until `confirmAdd`.
 * `draft`: true adds drafts (published from the queue or the review screen), false publishes; absent, main
 * adds drafts only above the confirmation threshold (src/shared/confirm-rules.ts).
 */
export async function addGrants(
  grants: string[],
  defaults: BatchDefaults,
  opts: {
    draft?: boolean
    schedule?: PlanInputValue
    /** Several boards, each with the section chosen on its picker. */
    boards?: { boardId: string; sectionId?: string }[]
    intervalMs?: number
  } = {},
): Promise<AddOutcome> {
  if (grants.length === 0) return null
  try {
    const outcome = await invoke('uploads:add-paths', {
      grants,
      defaults: cleanDefaults(defaults),
      ...(opts.draft !== undefined && { draft: opts.draft }),
      // Each file's publish time from the schedule panel (src/renderer/src/features/timeline/schedule-panel.tsx).
      ...(opts.schedule && { schedule: opts.schedule }),
      ...(opts.boards && { boards: opts.boards }),
      ...(opts.intervalMs !== undefined && { intervalMs: opts.intervalMs }),
    })
    if ('added' in outcome) queuedToast(outcome.added)
    return outcome
  } catch (e) {
    if (errorKind(e) === 'cancelled') actions().pushToast('info', 'Adding cancelled: nothing was queued.')
    else actions().pushToast('error', `Could not add: ${errorText(e)}`)
    return null
  }
}

/** The user said yes: queues what the scan found. */
export async function confirmAdd(scanId: string, draft?: boolean): Promise<AddResult | null> {
  try {
    const result = await invoke('uploads:confirm-add', { scanId, ...(draft !== undefined && { draft }) })
    queuedToast(result)
    return result
  } catch (e) {
    actions().pushToast('error', `Could not add: ${errorText(e)}`)
    return null
  }
}

/** Stops the scan in progress (its add then ends as cancelled). */
export async function cancelScan(): Promise<void> {
  try {
    await invoke('uploads:cancel-scan', {})
  } catch (e) {
    actions().pushToast('error', `Could not cancel: ${errorText(e)}`)
  }
}

/** The OS folder dialog; the folder comes back granted to this window (null: cancelled). */
export async function pickFolder(): Promise<PathGrant | null> {
  try {
    return await invoke('dialog:pick-folder', {})
  } catch (e) {
    actions().pushToast('error', `Could not open the folder picker: ${errorText(e)}`)
    return null
  }
}

/** The OS file dialog (Add files…); the chosen files come back granted to this window (empty: cancelled). */
export async function pickFiles(): Promise<string[]> {
  try {
    return (await invoke('dialog:pick-files', {})).map((g) => g.grant)
  } catch (e) {
    actions().pushToast('error', `Could not open the file picker: ${errorText(e)}`)
    return []
  }
}
