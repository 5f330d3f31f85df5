import { basename, dirname, extname, join } from 'node:path'
import type { BatchDefaults, ItemDraft } from '../../shared/domain'
import { mapLimit } from './map-limit'
import { checkLocalMedia, type LocalMediaCheck } from '../media/local-media'
import {
  findSidecar,
  throttled,
  throwIfCancelled,
  walk,
  type Candidate,
  type ScanOptions,
} from './folder-walk'
import { batchText, pinText } from './batch-text'
import { carouselDirOf, carouselDraft, type CarouselMember } from './carousel-scan'
import { livePhotoStill, stillsByStem } from './live-photo'
import { compact } from './pin-fields'
import { readSidecar, type SidecarMeta } from './sidecar'
import type { BoardResolver, ScanResult } from './source-types'

/** Files read at once; one 64-byte read each, so this bounds open handles rather than bandwidth. */
const PARALLEL_READS = 16

const DIGITS = /^\d+$/

/**
 * Scans dropped or picked files and folders (recursively) into drafts. Media is picked by content,
 * never by extension; everything left out that the user would expect in is reported with the reason.
 * Drafts come in natural path order; `boardNames[i]`/`sectionNames[i]` hold sidecar names still to resolve.
 */
export async function scanPaths(
  paths: string[],
  defaults: BatchDefaults,
  opts: ScanOptions = {},
  names: { board?: string } = {},
): Promise<ScanResult> {
  const text = batchText(defaults)
  if (!text.ok) return { drafts: [], problems: [text.problem], boardNames: [], sectionNames: [] }
  const adOnly = defaults.adOnly === true || defaults.adAccountId !== undefined
  const target = adOnly
    ? { adOnly: true, adAccountId: defaults.adAccountId }
    : { boardId: defaults.boardId, boardSectionId: defaults.boardSectionId }
  const batchBoard = adOnly ? '' : (names.board ?? defaults.boardId ?? '')
  // One throttle for the whole scan, so the window gets about ten updates a second across both stages.
  const progress = throttled(opts)
  const { files, problems, overflow } = await walk(paths, opts, progress)
  if (overflow) return { drafts: [], problems: [overflow, ...problems], boardNames: [], sectionNames: [] }

  let done = 0
  const checked = await mapLimit(
    files,
    PARALLEL_READS,
    async (
      c,
    ): Promise<{
      c: Candidate
      check: LocalMediaCheck
      sidecar?: { meta: SidecarMeta } | { error: string }
    }> => {
      throwIfCancelled(opts.signal)
      const check = await checkLocalMedia(c.path)
      progress({ stage: 'checking', done: ++done, total: files.length }, done === files.length)
      if (!check.ok) return { c, check }
      const sidecarName = await findSidecar(c)
      return sidecarName
        ? { c, check, sidecar: await readSidecar(join(dirname(c.path), sidecarName)) }
        : { c, check }
    },
  )
  throwIfCancelled(opts.signal)

  const drafts: ItemDraft[] = []
  const boardNames: (string | undefined)[] = []
  const sectionNames: (string | undefined)[] = []
  // The media files of each `.carousel` folder make one draft, placed where its first one is; a file that is not
  // media there (notes, a PDF) is reported as anywhere else and leaves the carousel be.
  const carousels = new Map<string, CarouselMember[]>()
  for (const { c, check, sidecar } of checked) {
    const dir = carouselDirOf(c.path)
    if (dir === undefined || !check.ok) continue
    const list = carousels.get(dir) ?? []
    list.push({ path: c.path, mtimeMs: check.mtimeMs, ...(sidecar && { sidecar }) })
    carousels.set(dir, list)
  }
  const stills = stillsByStem(checked.flatMap((x) => (x.check.ok ? [x.c.path] : [])))
  let index = 0
  for (const { c, check, sidecar } of checked) {
    const dir = carouselDirOf(c.path)
    if (dir !== undefined && check.ok) {
      const members = carousels.get(dir)
      if (members?.[0]?.path !== c.path) continue
      const made = await carouselDraft(dir, members, {
        text: text.value,
        index: index + 1,
        board: batchBoard,
        target,
      })
      if ('message' in made) {
        problems.push(
          made.fix
            ? { where: dir, message: made.message, fix: made.fix }
            : { where: dir, message: made.message },
        )
        continue
      }
      index++
      drafts.push(made.draft)
      boardNames.push(undefined)
      sectionNames.push(undefined)
      continue
    }
    const still = !check.ok && check.rule === 'too_short' ? livePhotoStill(c.path, stills) : undefined
    if (still !== undefined && !check.ok) {
      problems.push({
        where: c.path,
        message: `${basename(c.path)} is the moving part of the live photo ${still}, which is posted as a photo; ${check.message}`,
        fix: 'Nothing to do for the photo. To post the motion too, save it as a video of 4 s or more.',
      })
      continue
    }
    if (!check.ok) {
      problems.push(
        check.fix
          ? { where: c.path, message: check.message, fix: check.fix }
          : { where: c.path, message: check.message },
      )
      continue
    }
    index++
    if (sidecar && 'error' in sidecar) {
      problems.push({ where: c.path, message: sidecar.error, fix: 'Fix the sidecar file or delete it.' })
      continue
    }
    const sc = sidecar?.meta ?? {}
    const name = basename(c.path)
    const filled = pinText(
      text.value,
      {
        name: name.slice(0, name.length - extname(name).length) || name,
        folder: basename(dirname(c.path)),
        index,
        mtimeMs: check.mtimeMs,
        board: adOnly || sc.board === undefined ? batchBoard : sc.board,
      },
      sc,
      name,
    )
    if (!filled.ok) {
      const textProblems = filled.problems
      const from =
        sc.title !== undefined ||
        sc.description !== undefined ||
        sc.link !== undefined ||
        sc.altText !== undefined
          ? ' (from its sidecar)'
          : ''
      for (const p of textProblems)
        problems.push({ where: c.path, message: `${name}: ${p.message}${from}`, fix: p.fix })
      continue
    }
    let boardId = target.boardId
    let boardSectionId = target.boardSectionId
    let boardName: string | undefined
    let sectionName: string | undefined
    if (sc.board !== undefined && !adOnly) {
      // A sidecar naming another board drops the batch's section: sections belong to one board.
      boardSectionId = undefined
      if (DIGITS.test(sc.board)) boardId = sc.board
      else [boardId, boardName] = [undefined, sc.board]
    }
    if (sc.section !== undefined && !adOnly) {
      if (DIGITS.test(sc.section)) boardSectionId = sc.section
      else [boardSectionId, sectionName] = [undefined, sc.section]
    }
    drafts.push({
      path: c.path,
      meta: compact({
        ...filled.text,
        boardId,
        boardSectionId,
        adOnly: target.adOnly,
        adAccountId: target.adAccountId,
      }),
    })
    boardNames.push(boardName)
    sectionNames.push(sectionName)
  }
  return { drafts, problems, boardNames, sectionNames }
}

/**
 * Replaces the sidecar board/section names of a scan with IDs. Drafts whose name does not resolve move
 * to `problems` with the resolver's message; without a resolver (signed out) names cannot be resolved.
 */
export async function resolveScanBoards(
  result: ScanResult,
  resolver: BoardResolver | null,
): Promise<ScanResult> {
  const drafts: ItemDraft[] = []
  const problems = [...result.problems]
  for (const [i, draft] of result.drafts.entries()) {
    const boardName = result.boardNames?.[i]
    const sectionName = result.sectionNames?.[i]
    const where = draft.path ?? draft.url ?? `item ${i + 1}`
    const meta = { ...draft.meta }
    if (boardName !== undefined) {
      if (!resolver) {
        problems.push({
          where,
          message: `Cannot look up board '${boardName}' from the sidecar: not connected to Pinterest`,
          fix: 'Connect your account, or use the board ID.',
        })
        continue
      }
      const r = await resolver.resolve(boardName)
      if ('error' in r) {
        problems.push({ where, message: r.error })
        continue
      }
      meta.boardId = r.id
    }
    if (sectionName !== undefined) {
      if (!resolver || !meta.boardId) {
        problems.push({
          where,
          message: `Cannot look up section '${sectionName}': ${resolver ? 'no board chosen' : 'not connected to Pinterest'}`,
        })
        continue
      }
      const r = await resolver.resolveSection(meta.boardId, sectionName)
      if ('error' in r) {
        problems.push({ where, message: r.error })
        continue
      }
      meta.boardSectionId = r.id
    }
    drafts.push({ ...draft, meta })
  }
  return {
    drafts,
    problems,
    boardNames: drafts.map(() => undefined),
    sectionNames: drafts.map(() => undefined),
  }
}
