import type { AddResult, BatchDefaults } from '../../src/shared/domain'
import type { Result } from '../../src/shared/ipc/result'

type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>

/**
 * Queues files the way the window does (issue 11, finding 2): the preload grants the dropped paths
 * (`paths:grant-dropped`), `uploads:add-paths` takes the grants, and an add that asks first (a public board,
 * more than 500 files) is answered yes (`uploads:confirm-add`). Returns the last Result: the AddResult or the
 * refusal.
 */
export async function addAsWindow(
  dispatch: Dispatch,
  paths: string[],
  defaults: BatchDefaults,
): Promise<Result<AddResult>> {
  const granted = await dispatch('paths:grant-dropped', { paths })
  if (!granted.ok) return granted
  const grants = (granted.value as { grant: string }[]).map((g) => g.grant)
  const added = await dispatch('uploads:add-paths', { grants, defaults })
  if (!added.ok) return added
  const value = added.value as { added: AddResult } | { confirm: { scanId: string } }
  if ('added' in value) return { ok: true, value: value.added }
  return (await dispatch('uploads:confirm-add', { scanId: value.confirm.scanId })) as Result<AddResult>
}

/** The folder granted as the window's folder dialog (or a drop) would have it, then watched. */
export async function watchAsWindow(
  dispatch: Dispatch,
  folder: string,
  opts: { boardId?: string; subfolderBoards: boolean; moveDone: boolean },
): Promise<Result<unknown>> {
  const granted = await dispatch('paths:grant-dropped', { paths: [folder] })
  if (!granted.ok) return granted
  const [{ grant }] = granted.value as [{ grant: string }]
  return dispatch('watch:add', { grant, ...opts })
}
