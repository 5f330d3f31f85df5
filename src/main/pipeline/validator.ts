import type { ItemError, PinMeta } from '../../shared/domain'
import { checkPinFields, preflightFile, type PreflightResult } from '../media/preflight'

/** The checks the pipeline runs in `validating` (see validate-item.ts); injectable so unit tests can stub the file checks. */
export interface Validator {
  preflightFile(path: string): Promise<PreflightResult>
  checkPinFields(meta: PinMeta, where: string): ItemError[]
  /** Set false to send every file through `preflightFile` (no `preflightSmallImage` for small images). */
  quick?: boolean
}

/** The media pre-flight (type by magic bytes, sizes, video duration and aspect, Pin fields) plus "has a target". */
export const defaultValidator: Validator = {
  preflightFile,
  checkPinFields(meta, where) {
    const errors = checkPinFields(meta, where)
    if (!meta.boardId && meta.adAccountId === undefined && !meta.adOnly) {
      errors.push({
        kind: 'validation',
        message: `${where}: no board chosen for this Pin.`,
        fix: 'Pick a board, then retry.',
      })
    }
    return errors
  },
}
