import type { ItemView } from '../../../../shared/domain'
import type { InvokeInput } from '../../../../shared/ipc/contract'
import { fromLocalInput, TEXT_FIELDS, textProblem, toLocalInput, type TextField } from './review-fields'

/** What an edit may change: the fields of `items:edit` (src/shared/ipc/contract.ts). */
export type EditPatch = InvokeInput<'items:edit'>['patch']

/** A board and section as the board picker gives them; undefined = none chosen. */
interface BoardValue {
  boardId?: string | undefined
  boardSectionId?: string | undefined
}

export type Texts = Record<TextField, string>

/** A Pin's text fields as the form shows them: an absent value is an empty field. */
export const textsOf = (item: ItemView): Texts => ({
  title: item.title ?? '',
  description: item.description ?? '',
  link: item.link ?? '',
  altText: item.altText ?? '',
})

/**
 * The changes a Pin's form holds against the stored item, as an `items:edit` patch with only what changed (an
 * emptied field is sent as "" and clears it); or the first problem, in words, when a value cannot be sent.
 * A video's cover time is not part of it: the cover picker saves it on its own.
 */
export function patchOf(item: ItemView, texts: Texts, board: BoardValue, when: string): EditPatch | string {
  const patch: EditPatch = {}
  const stored = textsOf(item)
  for (const { field } of TEXT_FIELDS) {
    const problem = textProblem(field, texts[field])
    if (problem !== null) return problem
    if (texts[field] !== stored[field]) patch[field] = texts[field]
  }
  // A board cannot be unset (a Pin needs one); a section can.
  if (board.boardId !== undefined && board.boardId !== item.boardId) patch.boardId = board.boardId
  if (board.boardSectionId !== item.boardSectionId) patch.boardSectionId = board.boardSectionId ?? null
  const at = fromLocalInput(when)
  if (at === undefined) return 'The publish time is not a date and time.'
  if (when !== toLocalInput(item.publishAt)) patch.publishAt = at
  return patch
}

/** A field the bulk edit sets on every selected Pin. */
export type BulkField = TextField | 'board' | 'publishAt'

export const isTextField = (f: BulkField): f is TextField => f !== 'board' && f !== 'publishAt'

/** The patch that sets one field to one value on every selected Pin, or the problem with the value. */
export function bulkPatch(
  field: BulkField,
  text: string,
  board: BoardValue,
  when: string,
): EditPatch | string {
  if (isTextField(field)) return textProblem(field, text) ?? { [field]: text }
  if (field === 'board') {
    if (board.boardId === undefined) return 'Choose a board.'
    return { boardId: board.boardId, boardSectionId: board.boardSectionId ?? null }
  }
  const at = fromLocalInput(when)
  return at === undefined ? 'The publish time is not a date and time.' : { publishAt: at }
}
