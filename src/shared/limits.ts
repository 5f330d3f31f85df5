/**
 * Limits Pinterest documents for Pins and media (docs/pinterest-api.md §2.5, §3.1, §3.3).
 * Lengths are in characters (UTF-16 code units, as the API counts them), sizes in bytes.
 */
export const PIN_LIMITS = {
  title: 100,
  description: 800,
  link: 2048,
  altText: 500,
} as const

/** Pinterest's product specs say 10 MB; third parties report 20 MB accepted. We take the 20 MB. */
export const IMAGE_MAX_BYTES = 20 * 1024 * 1024
/** Video Pins: 2 GB (help centre and product specs). */
export const VIDEO_MAX_BYTES = 2 * 1024 * 1024 * 1024
/** Video duration bounds in seconds: 4 s to 15 min. */
export const VIDEO_MIN_SECONDS = 4
export const VIDEO_MAX_SECONDS = 15 * 60
/** Aspect ratio (width / height) must lie strictly between 1:2 and 1.91:1. */
export const VIDEO_MIN_ASPECT = 1 / 2
export const VIDEO_MAX_ASPECT = 1.91

/** Scopes the uploader asks for; the secret-board pair is added when the user opts in. */
export const OAUTH_SCOPES = [
  'boards:read',
  'boards:write',
  'pins:read',
  'pins:write',
  'user_accounts:read',
] as const
export const OAUTH_SECRET_SCOPES = [
  'boards:read_secret',
  'boards:write_secret',
  'pins:read_secret',
  'pins:write_secret',
] as const

export const DEFAULT_OAUTH_PORT = 8085

/**
 * One file to several boards (issue 13): at most this many boards in one add, and at most this long between
 * one file's Pins on successive boards (a year and a day: a longer wait is a typo, not a plan).
 */
export const MAX_BOARDS_PER_ADD = 50
export const MAX_BOARD_INTERVAL_MS = 366 * 86_400_000
