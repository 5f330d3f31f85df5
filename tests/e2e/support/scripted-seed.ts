import type { ItemError, ItemState, ItemView } from '../../../src/shared/domain'
import { pinWebUrl } from '../../../src/shared/pinterest-urls'
import type { ScriptedPipeline } from './scripted-pipeline'

const ERRORS: ItemError[] = [
  {
    kind: 'file',
    message: 'holiday/IMG_0042.heic is a HEIC image, which Pinterest does not take.',
    fix: 'Convert it to JPEG or PNG and add it again.',
  },
  {
    kind: 'validation',
    message: 'The link "htp://example" is not a valid URL.',
    fix: 'Correct the link in the CSV, then retry.',
    requestId: '8f1c2a9e0b7d4e31',
  },
  { kind: 'media_failed', message: 'Pinterest could not process clip.mov.', requestId: '3a0e7c55d1f24b90' },
]

/** States cycled through when seeding a mixed queue (mostly queued, like a fresh big batch). */
const MIX: readonly ItemState[] = [
  'published',
  'uploading',
  'processing',
  'failed',
  'needs_attention',
  'queued',
  'queued',
  'queued',
  'creating',
  'cancelled',
]

/**
 * Seeds `count` items without running them: `mixed` spreads states, errors and Pin links over the rows
 * (for screenshots and accessibility checks), otherwise all queued (the 10,000-row benchmark).
 */
export function seedQueue(
  pipeline: ScriptedPipeline,
  count: number,
  opts: { mixed?: boolean; boardId?: string } = {},
): ItemView[] {
  const batchId = pipeline.newBatch()
  const out: ItemView[] = []
  for (let i = 0; i < count; i++) {
    const state: ItemState = opts.mixed ? MIX[i % MIX.length]! : 'queued'
    const video = i % 7 === 3
    const total = video ? 48_000_000 + i * 1000 : 2_400_000 + i * 100
    const sent =
      state === 'uploading'
        ? Math.floor(total * 0.42)
        : ['processing', 'creating', 'published'].includes(state)
          ? total
          : 0
    const pinId = String(800_000_000_000 + i)
    const view = pipeline.add(
      batchId,
      {
        name: video
          ? `clip-${String(i + 1).padStart(5, '0')}.mp4`
          : `photo-${String(i + 1).padStart(5, '0')}.jpg`,
        path: `/home/user/Pictures/batch/${video ? 'clip' : 'photo'}-${i + 1}.${video ? 'mp4' : 'jpg'}`,
        kind: video ? 'video' : 'image',
        bytesTotal: total,
        bytesSent: sent,
        boardId: opts.boardId ?? '1001',
        boardName: pipeline.boardName(opts.boardId ?? '1001'),
        attempts: state === 'queued' ? 0 : 1,
        ...(video && state === 'processing' ? { mediaStatus: 'processing' as const } : {}),
        ...(state === 'published' ? { pinId, pinUrl: pinWebUrl(pinId) } : {}),
        ...(state === 'failed' ? { error: ERRORS[i % ERRORS.length] } : {}),
        ...(state === 'needs_attention'
          ? {
              error: {
                kind: 'not_found',
                message: 'The board “Recipes” is gone, so Pinload cannot check whether the Pin was created.',
                fix: 'Check the board on pinterest.com, then retry or cancel.',
              },
            }
          : {}),
      },
      state,
    )
    out.push(view)
  }
  return out
}
