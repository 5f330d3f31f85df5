import type { AddResult, BatchDefaults } from '../../../../shared/domain'
import { errorText, invoke } from '../../ipc/client'
import { actions } from '../../store/store'

/** Drops empty fields: main treats "absent" as "no default", and an empty title template is not one. */
function cleanDefaults(d: BatchDefaults): BatchDefaults {
  const out: BatchDefaults = {}
  for (const [k, v] of Object.entries(d) as [keyof BatchDefaults, string | undefined][]) {
    if (v !== undefined && v.trim() !== '') out[k] = v.trim()
  }
  return out
}

export async function addPaths(paths: string[], defaults: BatchDefaults): Promise<AddResult | null> {
  if (paths.length === 0) {
    actions().pushToast('error', 'Those items have no local path: drop files or folders from your computer.')
    return null
  }
  try {
    const result = await invoke('uploads:add-paths', { paths, defaults: cleanDefaults(defaults) })
    if (result.queued > 0)
      actions().pushToast('success', `${result.queued} ${result.queued === 1 ? 'file' : 'files'} queued.`)
    return result
  } catch (e) {
    actions().pushToast('error', `Could not add: ${errorText(e)}`)
    return null
  }
}

export async function pickFolder(): Promise<string | null> {
  try {
    return await invoke('dialog:pick-folder', {})
  } catch (e) {
    actions().pushToast('error', `Could not open the folder picker: ${errorText(e)}`)
    return null
  }
}
