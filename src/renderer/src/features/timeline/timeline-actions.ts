import type { InvokeOutput, PlanInputValue } from '../../../../shared/ipc/contract'
import { errorText, invoke } from '../../ipc/client'
import { plural } from '../../lib/format'
import { actions } from '../../store/store'

/** Plans a batch's drafts with the schedule and sends them on their way at those times. */
export async function scheduleBatch(batchId: number, plan: PlanInputValue): Promise<boolean> {
  try {
    const out = await invoke('schedule:apply', { batchId, plan, publish: true })
    if (out.scheduled === 0) {
      actions().pushToast('info', 'Nothing to schedule: no waiting Pins in that batch.')
      return false
    }
    const first = out.firstAt !== null ? new Date(out.firstAt).toLocaleString() : ''
    actions().pushToast(
      'success',
      `${plural(out.scheduled, 'Pin', 'Pins')} scheduled; the first at ${first}.`,
    )
    return true
  } catch (e) {
    actions().pushToast('error', `Could not schedule: ${errorText(e)}`)
    return false
  }
}

/** Moves one Pin to a new time (items:edit, the review's edit too). */
export async function movePin(id: number, publishAt: number): Promise<boolean> {
  try {
    const out = await invoke('items:edit', { ids: [id], patch: { publishAt } })
    if (out.refused.length > 0) {
      actions().pushToast('error', `Not moved: ${out.refused[0]!.message}`)
      return false
    }
    actions().pushToast('success', `Moved to ${new Date(publishAt).toLocaleString()}.`)
    return true
  } catch (e) {
    actions().pushToast('error', `Could not move: ${errorText(e)}`)
    return false
  }
}

/** Takes the time off a Pin: it waits as a draft until published again. */
export async function unschedulePin(id: number): Promise<void> {
  try {
    const out = await invoke('schedule:unschedule', { ids: [id] })
    if (out.refused.length > 0) actions().pushToast('error', `Not unscheduled: ${out.refused[0]!.message}`)
    else actions().pushToast('success', 'Unscheduled: it waits as a draft.')
  } catch (e) {
    actions().pushToast('error', `Could not unschedule: ${errorText(e)}`)
  }
}

export type LateItem = InvokeOutput<'schedule:late'>[number]

/** Pins that missed their time by more than the account's limit (empty when it cannot be asked). */
export async function loadLate(): Promise<LateItem[]> {
  try {
    return await invoke('schedule:late', {})
  } catch {
    return []
  }
}

/** Sends the late Pins after all, at the pacing rules' pace. */
export async function catchUp(): Promise<void> {
  try {
    const { caughtUp } = await invoke('schedule:catch-up', {})
    actions().pushToast(
      'success',
      `${plural(caughtUp, 'late Pin', 'late Pins')} on the way, one after another.`,
    )
  } catch (e) {
    actions().pushToast('error', `Could not catch up: ${errorText(e)}`)
  }
}

export type PaceRules = InvokeOutput<'pacing:get'>

export async function loadPacing(): Promise<PaceRules | null> {
  try {
    return await invoke('pacing:get', {})
  } catch {
    return null
  }
}

export async function savePacing(patch: Partial<PaceRules>): Promise<PaceRules | null> {
  try {
    const rules = await invoke('pacing:set', patch)
    actions().pushToast('success', 'Pacing rules saved.')
    return rules
  } catch (e) {
    actions().pushToast('error', `Could not save the pacing rules: ${errorText(e)}`)
    return null
  }
}
