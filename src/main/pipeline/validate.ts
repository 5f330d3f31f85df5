import type { ItemError, PinMeta } from '../../shared/domain'
import { checkPinFields, preflightFile, type PreflightResult } from '../media/preflight'

export type { PreflightResult }

/** The checks the pipeline runs in `validating`; injectable so unit tests can stub the file checks. */
export interface Validator {
  preflightFile(path: string): Promise<PreflightResult>
  checkPinFields(meta: PinMeta, where: string): ItemError[]
  /** Set false to send every file through `preflightFile` (no one-read fast path for small images). */
  quick?: boolean
}

/** The media engineer's pre-flight (type by magic bytes, sizes, video duration and aspect) plus "has a target". */
export const defaultValidator: Validator = {
  preflightFile,
  checkPinFields(meta, where) {
    const errors = checkPinFields(meta, where)
    if (!meta.boardId && !meta.adAccountId) {
      errors.push({
        kind: 'validation',
        message: `${where}: no board chosen for this Pin.`,
        fix: 'Pick a board, then retry.',
      })
    }
    return errors
  },
}
