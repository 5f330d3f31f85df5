import { basename, dirname } from 'node:path'
import type { ItemDraft, PinMeta } from '../../shared/domain'
import { checkCarouselImages } from '../media/carousel-images'
import { checkPinText } from '../media/pin-field-rules'
import { pinText, type BatchText } from './batch-text'
import { compact } from './pin-fields'
import type { SidecarMeta } from './sidecar'
import { withUtm } from './utm-link'

/** A folder whose name ends in `.carousel` (any case) makes one carousel Pin of its images (issue 13). */
const CAROUSEL_DIR = /\.carousel$/i

/** The carousel folder a file sits directly in, or undefined. */
export function carouselDirOf(path: string): string | undefined {
  const dir = dirname(path)
  return CAROUSEL_DIR.test(basename(dir)) ? dir : undefined
}

/** One file of a carousel folder as the scan found it. */
export interface CarouselMember {
  path: string
  mtimeMs: number
  /** Its sidecar's text (title, description, link) becomes that image's own; an unreadable sidecar stops the carousel. */
  sidecar?: { meta: SidecarMeta } | { error: string }
}

export interface CarouselContext {
  text: BatchText
  /** 1-based place of the carousel in the batch ({index}). */
  index: number
  /** {board}: the batch board's name (or id); empty for ad-only Pins. */
  board: string
  /** The batch's board, section and ad-only fields. */
  target: Pick<PinMeta, 'boardId' | 'boardSectionId' | 'adOnly' | 'adAccountId'>
}

/**
 * The draft of one carousel folder, or why it cannot be one: the carousel pre-flight (2–5 images of one size,
 * media/carousel-images.ts), the templates filled with the folder's name, each image's own text within the limits.
 */
export async function carouselDraft(
  dir: string,
  members: readonly CarouselMember[],
  ctx: CarouselContext,
): Promise<{ draft: ItemDraft } | { message: string; fix?: string }> {
  const folderName = basename(dir)
  const check = await checkCarouselImages(
    folderName,
    members.map((m) => m.path),
  )
  if (!check.ok) return { message: check.message, fix: check.fix }
  const name = folderName.replace(CAROUSEL_DIR, '') || folderName
  const filled = pinText(
    ctx.text,
    {
      name,
      folder: basename(dirname(dir)),
      index: ctx.index,
      mtimeMs: Math.max(...check.files.map((f) => f.mtimeMs)),
      board: ctx.board,
    },
    {},
    folderName,
  )
  if (!filled.ok) {
    const p = filled.problems[0]!
    return { message: `${folderName}: ${p.message}`, fix: p.fix }
  }
  const carousel: NonNullable<ItemDraft['carousel']> = []
  for (const m of members) {
    if (m.sidecar && 'error' in m.sidecar)
      return { message: m.sidecar.error, fix: 'Fix the sidecar file or delete it.' }
    const sc = m.sidecar?.meta ?? {}
    const image = compact({
      path: m.path,
      title: sc.title,
      description: sc.description,
      link:
        sc.link && ctx.text.utmCampaign !== undefined
          ? withUtm(sc.link, ctx.text.utmCampaign, basename(m.path))
          : sc.link,
    })
    const bad = checkPinText(image)[0]
    if (bad) return { message: `${folderName}: ${basename(m.path)}: ${bad} (from its sidecar)` }
    carousel.push(image)
  }
  return { draft: { path: dir, meta: compact({ ...filled.text, ...ctx.target }), carousel } }
}
