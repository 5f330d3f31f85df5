import type { ItemError, ItemErrorKind } from '../../../shared/domain'
import { isPacingHold } from '../../../shared/schedule/pacing'

/** A short heading per error kind; the item's own message says the specifics. */
const HEADINGS: Record<ItemErrorKind, string> = {
  auth: 'Pinterest needs you to sign in again',
  permission: 'Pinterest refused: missing permission',
  rate_limited: 'Pinterest asked us to slow down',
  spam_blocked: 'Pinterest flagged this account for spam',
  validation: 'Pinterest refused the Pin',
  not_found: 'Board or Pin not found',
  transient: 'Temporary problem talking to Pinterest',
  media_failed: 'Pinterest could not process the video',
  file: 'Problem with the local file',
  cover: "Problem with the video's cover picture",
  cancelled: 'Cancelled',
  internal: 'Unexpected problem in Pinload',
  certificate: 'The connection to Pinterest was not trusted',
}

/** Fixes to offer when main sent none, so every error says what to do next. */
const DEFAULT_FIXES: Partial<Record<ItemErrorKind, string>> = {
  auth: 'Open Account and sign in; the upload continues after that.',
  permission:
    'Sign in again and allow every permission Pinload asks for (secret boards need the secret-board option).',
  rate_limited: 'Nothing to do: Pinload waits and tries again.',
  spam_blocked: 'Wait a while before posting again, and check the account on pinterest.com.',
  transient: 'Retry; if it keeps failing, check your connection.',
  media_failed: 'Check the video plays locally (H.264 MP4 or MOV, 4 s to 15 min), then retry.',
  not_found: 'Pick another board, then retry.',
  cover: 'Choose another picture, or a frame of the video, as the cover; then retry.',
}

export interface ErrorWords {
  heading: string
  message: string
  fix?: string
  requestId?: string
}

/** The plain words shown for an item's error: heading, message, fix and the request id for bug reports. */
export function describeItemError(error: ItemError): ErrorWords {
  const fix = error.fix ?? DEFAULT_FIXES[error.kind]
  return {
    // A pacing hold is the user's own rule, not Pinterest slowing us down (src/main/pipeline/pace-gate.ts).
    heading: isPacingHold(error) ? 'Held by your pacing rules' : HEADINGS[error.kind],
    message: error.message,
    ...(fix !== undefined ? { fix } : {}),
    ...(error.requestId !== undefined ? { requestId: error.requestId } : {}),
  }
}
