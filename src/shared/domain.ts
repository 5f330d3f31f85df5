import { z } from 'zod'

/**
 * A Pinterest board, section or Pin id as the window sends it: digits only (docs/pinterest-api.md), so nothing
 * else can reach a request path; 32 digits is well above the 19 Pinterest uses.
 */
export const PinterestId = z.string().max(32).regex(/^\d+$/, 'must be digits only')

/**
 * Longest free text (description, link, alt text, title template) the window may send. Far above Pinterest's own
 * limits (PIN_LIMITS), so a long text still gets its plain "Description is 900 characters" message per file.
 */
const TEXT_MAX = 10_000

/** Production or Pinterest's API sandbox (sandbox tokens come from the app's page). */
export const Environment = z.enum(['production', 'sandbox'])
export type Environment = z.infer<typeof Environment>

/**
 * Life of one queued file (or URL). Terminal: published, skipped, failed, cancelled.
 * `needs_attention` is not terminal: the app could not prove whether a Pin exists and waits for the user.
 * `draft` never runs until the user publishes it; `scheduled` waits for its `publishAt` and then runs like
 * `queued` (docs/architecture.md, "Drafts and scheduled items").
 */
export const ItemState = z.enum([
  'draft',
  'scheduled',
  'queued',
  'validating',
  'uploading',
  'processing',
  'creating',
  'published',
  'skipped',
  'failed',
  'needs_attention',
  'cancelled',
])
export type ItemState = z.infer<typeof ItemState>

/** What an item becomes on Pinterest. */
export const ItemKind = z.enum(['image', 'video', 'image_url', 'carousel'])
export type ItemKind = z.infer<typeof ItemKind>

/**
 * Why an item failed, closed so the UI can explain each one.
 * The first eight come from the API client; `file` is a local file problem (missing, changed, unreadable,
 * wrong type or size), `cover` is a video's cover picture (the video itself is fine: it can still be played to
 * choose a frame instead), `cancelled` and `internal` are ours.
 */
export const ItemErrorKind = z.enum([
  'auth',
  'permission',
  'rate_limited',
  'spam_blocked',
  'validation',
  'not_found',
  'transient',
  'media_failed',
  'file',
  'cover',
  'cancelled',
  'internal',
  'certificate',
])
export type ItemErrorKind = z.infer<typeof ItemErrorKind>

export const ItemError = z.object({
  kind: ItemErrorKind,
  /** Plain words: what went wrong, naming the file and the rule. */
  message: z.string(),
  /** What the user can do about it, when there is something. */
  fix: z.string().optional(),
  /** Pinterest's x-pinterest-rid, for bug reports. */
  requestId: z.string().optional(),
})
export type ItemError = z.infer<typeof ItemError>

/** Video processing status as Pinterest reports it. */
export const MediaStatus = z.enum(['registered', 'processing', 'succeeded', 'failed'])
export type MediaStatus = z.infer<typeof MediaStatus>

/** Metadata of the Pin to create. Lengths follow PIN_LIMITS. */
export const PinMeta = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  link: z.string().optional(),
  altText: z.string().optional(),
  boardId: z.string().optional(),
  boardSectionId: z.string().optional(),
  /**
   * Ad-only Pin (docs/pinterest-api.md §3.1a): sent with `is_removable: true` and no board, so it shows on no
   * board of the profile. Implied by `adAccountId`.
   */
  adOnly: z.boolean().optional(),
  /** The ad account an ad-only Pin is created for (`ad_account_id` in the query); implies `adOnly`. */
  adAccountId: z.string().optional(),
  /** Video cover: key frame time in seconds, or a local image file sent as base64. */
  coverKeyFrameSeconds: z.number().int().min(0).optional(),
  coverImagePath: z.string().optional(),
})
export type PinMeta = z.infer<typeof PinMeta>

/** One unit of work a source hands to the queue. */
export const ItemDraft = z.object({
  /** Absolute local path, or undefined for an image_url item. */
  path: z.string().optional(),
  /** Public http(s) image URL (CSV `Media URL`). */
  url: z.string().optional(),
  meta: PinMeta,
  /** Unix ms before which the item is held (CSV `publish_at`). */
  publishAt: z.number().int().optional(),
  /** Post even if the same content is already published to the same board. */
  force: z.boolean().optional(),
  /**
   * One file spread over several boards with an interval (`--interval`, a CSV's `interval`): how long after the
   * file's first Pin this one goes, ms. Kept with a draft, so its time is counted again from when it is
   * published (issue 13).
   */
  boardOffsetMs: z.number().int().positive().optional(),
  /**
   * The account (`<environment>:<username>`) a CSV row named in its `account` column (issue 15): the item is
   * queued and sent as that account. Absent: the account in use.
   */
  accountKey: z.string().optional(),
  /**
   * A carousel Pin's images in order (2–5 local images of one size, other types than JPEG/PNG converted;
   * docs/pinterest-api.md §3.2), each with its own optional text; `path` is then what the carousel is named by
   * (its folder, or the CSV's key).
   */
  carousel: z
    .array(
      z.object({
        path: z.string(),
        title: z.string().optional(),
        description: z.string().optional(),
        link: z.string().optional(),
      }),
    )
    .optional(),
})
export type ItemDraft = z.infer<typeof ItemDraft>

/** What the renderer shows for one item. Bytes are counts of bytes, `progress` is 0..1. */
export const ItemView = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  name: z.string(),
  path: z.string().optional(),
  url: z.string().optional(),
  kind: ItemKind.optional(),
  state: ItemState,
  boardId: z.string().optional(),
  boardName: z.string().optional(),
  title: z.string().optional(),
  /** The Pin's own words and placement, for the review screen (lengths follow PIN_LIMITS). */
  description: z.string().optional(),
  link: z.string().optional(),
  altText: z.string().optional(),
  boardSectionId: z.string().optional(),
  /** Video cover: key frame time in seconds. */
  coverKeyFrameS: z.number().min(0).optional(),
  /** Video cover: the name of the picture file chosen as cover (it wins over the key frame). */
  coverImageName: z.string().optional(),
  /**
   * An image sent after conversion: the source's format ("HEIC", "WebP", "GIF", "TIFF", "BMP", "AVIF"), shown as
   * "converted from HEIC" (src/main/media/prepare-image.ts). Absent for JPEG, PNG and videos.
   */
  convertedFrom: z.string().optional(),
  bytesSent: z.number().int().min(0),
  bytesTotal: z.number().int().min(0),
  /** The source file's size and time as last read: a thumbnail made under another stamp is of an older file. */
  fileStamp: z.string().optional(),
  mediaStatus: MediaStatus.optional(),
  pinId: z.string().optional(),
  pinUrl: z.string().optional(),
  error: ItemError.optional(),
  attempts: z.number().int().min(0),
  publishAt: z.number().int().optional(),
  /** When a waiting item tries again (epoch ms): a rate-limit back-off or Pinterest's Retry-After. */
  retryAt: z.number().int().optional(),
  updatedAt: z.number().int(),
  /** The batch's label: the folder or file it was added from (the inspector shows which batch an item is in). */
  batchLabel: z.string().optional(),
  /** The Pinterest username the item is sent as, when its account key names one (issue 15). */
  account: z.string().optional(),
  /** The environment of that account: one username may be in both (issue 15). */
  accountEnvironment: Environment.optional(),
})
export type ItemView = z.infer<typeof ItemView>

export const QueueTotals = z.object({
  total: z.number().int(),
  byState: z.partialRecord(ItemState, z.number().int()),
  bytesSent: z.number().int(),
  bytesTotal: z.number().int(),
  /** Seconds until the running work is done, when it can be estimated. */
  etaSeconds: z.number().optional(),
  paused: z.boolean(),
  /** Why the queue is held, e.g. "Sign in again to continue". */
  pausedReason: z.string().optional(),
  /** Batches the user paused one by one: their items not started yet wait (src/main/pipeline/batch-pause.ts). */
  pausedBatches: z.array(z.number().int()).optional(),
  /**
   * Accounts whose items wait for a sign-in while the others send (issue 15): the account key, why, how many
   * of its items wait, and the username when the key names one. Absent when none waits; `paused` is only the
   * whole queue's pause.
   */
  waitingAccounts: z
    .array(
      z.object({
        key: z.string(),
        reason: z.string(),
        items: z.number().int(),
        account: z.string().optional(),
      }),
    )
    .optional(),
  /**
   * Requests wait until this time (Unix ms): Pinterest asked to slow down (`pinterest`), or the write budget of
   * the rate profile is spent for now (`budget`). Absent when nothing waits.
   */
  slowedUntil: z.number().optional(),
  slowedBy: z.enum(['pinterest', 'budget']).optional(),
  /** The key of the account whose requests wait, when several accounts send (issue 15). */
  slowedAccountKey: z.string().optional(),
})
export type QueueTotals = z.infer<typeof QueueTotals>
/** An account whose items wait for a sign-in, how many, and its username when its key names one. */
export type WaitingAccount = NonNullable<QueueTotals['waitingAccounts']>[number]

const AccountStatus = z.enum(['signed_out', 'connected', 'needs_sign_in', 'no_keychain'])
export const AccountView = z.object({
  status: AccountStatus,
  environment: Environment,
  /** App ID (not secret). */
  appId: z.string().optional(),
  hasAppSecret: z.boolean(),
  /** The exact redirect URI the user must register on their Pinterest app. */
  redirectUri: z.string(),
  username: z.string().optional(),
  accountType: z.string().optional(),
  /** Source of the token: OAuth sign-in, a pasted token, or PINLOAD_ACCESS_TOKEN. */
  tokenSource: z.enum(['oauth', 'pasted', 'env']).optional(),
  /** Warnings such as "refresh token ends in 5 days". */
  warnings: z.array(z.string()),
  message: z.string().optional(),
})
export type AccountView = z.infer<typeof AccountView>

export const Board = z.object({
  id: z.string(),
  name: z.string(),
  privacy: z.string().optional(),
})
export type Board = z.infer<typeof Board>
export const BoardSection = z.object({ id: z.string(), name: z.string() })
export type BoardSection = z.infer<typeof BoardSection>

/** Defaults applied to every file of a batch; sidecar files and CSV columns override them. */
export const BatchDefaults = z.strictObject({
  boardId: PinterestId.optional(),
  boardSectionId: PinterestId.optional(),
  /**
   * Title template: {name} file name without extension, {folder} parent folder, {index} 1-based, {date} the file's
   * date, {board} the board's name. Description, link and alt text take the same placeholders
   * (src/main/sources/templates.ts).
   */
  titleTemplate: z.string().max(TEXT_MAX).optional(),
  description: z.string().max(TEXT_MAX).optional(),
  link: z.string().max(TEXT_MAX).optional(),
  altText: z.string().max(TEXT_MAX).optional(),
  /**
   * Adds utm_source=pinterest, utm_medium=social, utm_campaign=<this>, utm_content=<file name> to each link
   * (src/main/sources/utm-link.ts).
   */
  utmCampaign: z.string().max(200).optional(),
  /** Ad-only Pins (docs/pinterest-api.md §3.1a): no board; not together with `boardId`. */
  adOnly: z.boolean().optional(),
  /** The ad account of ad-only Pins (digits, at most 18: docs/pinterest-api.md §3); implies `adOnly`. */
  adAccountId: z.string().max(18).regex(/^\d+$/, 'must be digits only').optional(),
})
export type BatchDefaults = z.infer<typeof BatchDefaults>

/** A problem with one input (file or CSV row) that keeps it out of the queue. */
export const InputProblem = z.object({
  /** File path or "file.csv:12". */
  where: z.string(),
  message: z.string(),
  fix: z.string().optional(),
})
export type InputProblem = z.infer<typeof InputProblem>

export const AddResult = z.object({
  batchId: z.number().int().optional(),
  queued: z.number().int(),
  duplicates: z.number().int(),
  problems: z.array(InputProblem),
  /** Set when what was queued are drafts: nothing publishes until the user publishes them. */
  drafts: z.boolean().optional(),
})
export type AddResult = z.infer<typeof AddResult>

export const CsvPreviewRow = z.object({
  /** 1-based line number of the row in the file (header is line 1). */
  line: z.number().int(),
  draft: ItemDraft.optional(),
  boardName: z.string().optional(),
  errors: z.array(z.string()),
  /** Things to check that do not keep the row out, such as a file outside the CSV's folder. */
  warnings: z.array(z.string()).optional(),
  /** The board name this row gives that the account does not have (the window offers to match it once). */
  unknownBoard: z.string().optional(),
  /** A row with errors: its own cells as written, so the window shows what to fix (issue 18, point 9). */
  raw: z
    .object({ media: z.string().optional(), title: z.string().optional(), board: z.string().optional() })
    .optional(),
})
export type CsvPreviewRow = z.infer<typeof CsvPreviewRow>
export const CsvPreview = z.object({
  previewId: z.string(),
  path: z.string(),
  format: z.enum(['pinload', 'pinterest_bulk']),
  rows: z.array(CsvPreviewRow),
  validCount: z.number().int(),
  errorCount: z.number().int(),
  /** Problems with the file as a whole (encoding, missing columns). */
  fileErrors: z.array(z.string()),
  /** Things to check that do not stop the import (a column Pinload does not know, so its values are ignored). */
  fileWarnings: z.array(z.string()),
})
export type CsvPreview = z.infer<typeof CsvPreview>

export const WatchView = z.object({
  id: z.number().int(),
  folder: z.string(),
  boardId: z.string().optional(),
  boardSectionId: z.string().optional(),
  /** Subfolder name = board name. */
  subfolderBoards: z.boolean(),
  moveDone: z.boolean(),
  /** The username of the account its files are queued under (issue 15); absent: the account in use. */
  account: z.string().optional(),
  accountEnvironment: Environment.optional(),
  status: z.enum(['watching', 'stopped', 'error']),
  lastFile: z.string().optional(),
  /** One line for the whole watch: the folder's own trouble, else a summary of `problems`. */
  lastError: z.string().optional(),
  /**
   * Files of this session that were not queued (or not moved to done/ or failed/), one per file, newest
   * first; the last 50. Empty, not absent: views are built afresh by the running service, never stored.
   */
  problems: z
    .array(
      z.object({
        /** Absolute path of the file. */
        path: z.string(),
        /** Names the file and says why and what to do; ends with "trying again in …" while a retry is due. */
        message: z.string(),
        /** When it was reported, ms since the epoch. */
        at: z.number(),
      }),
    )
    .max(50),
})
export type WatchView = z.infer<typeof WatchView>

export const Settings = z.object({
  concurrency: z.number().int().min(1).max(10),
  videoTransfers: z.number().int().min(1).max(4),
  /** Upload cap in bytes per second, 0..10 GB/s; 0 = unlimited. */
  bandwidthBytesPerSec: z
    .number()
    .int()
    .min(0)
    .max(10 * 1024 ** 3),
  rateProfile: z.enum(['standard', 'trial']),
  /**
   * Writes per minute a Standard app may make (docs/pinterest-api.md §6.1: 100), for an app Pinterest gave
   * another limit; 1..1000, absent = 100. Trial's per-day limit does not follow it.
   */
  writesPerMinute: z.number().int().min(1).max(1000).optional(),
  dataDir: z.string().max(4096),
  stableMs: z.number().int().min(200).max(600_000),
  /** Window appearance: follow the system's light/dark choice, or pin one. Absent = `system`. */
  theme: z.enum(['system', 'light', 'dark']).optional(),
  /**
   * Send JPEGs with their EXIF/XMP metadata (GPS location, camera serial). Absent or false: stripped before
   * upload without re-encoding (src/main/media/jpeg-segments.ts).
   */
  keepPhotoMetadata: z.boolean().optional(),
})
export type Settings = z.infer<typeof Settings>

/** The appearance choices of `Settings.theme`. */
export type ThemeChoice = NonNullable<Settings['theme']>
