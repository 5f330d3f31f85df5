import { basename, dirname, extname, join } from 'node:path'
import type { BatchDefaults, ItemDraft } from '../../shared/domain'
import { mapLimit } from './map-limit'
import { checkLocalMedia, type LocalMediaCheck } from '../media/local-media'
import { pinFieldProblems } from '../media/pin-field-rules'
import {
  findSidecar,
  throttled,
  throwIfCancelled,
  walk,
  type Candidate,
  type ScanOptions,
} from './folder-walk'
import { checkTitleTemplate, compact, renderTitle } from './pin-fields'
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
): Promise<ScanResult> {
  const template = defaults.titleTemplate?.trim() ? defaults.titleTemplate : undefined
  if (template !== undefined) {
    const why = checkTitleTemplate(template)
    if (why)
      return {
        drafts: [],
        problems: [{ where: 'title template', message: why }],
        boardNames: [],
        sectionNames: [],
      }
  }
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
  let index = 0
  for (const { c, check, sidecar } of checked) {
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
    const title =
      sc.title ??
      (template !== undefined
        ? renderTitle(template, {
            name: name.slice(0, name.length - extname(name).length) || name,
            folder: basename(dirname(c.path)),
            index,
            mtimeMs: check.mtimeMs,
          })
        : undefined)
    const text = {
      title,
      description: sc.description ?? defaults.description,
      link: sc.link ?? defaults.link,
      altText: sc.altText ?? defaults.altText,
    }
    const textProblems = pinFieldProblems(text)
    if (textProblems.length > 0) {
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
    let boardId = defaults.boardId
    let boardSectionId = defaults.boardSectionId
    let boardName: string | undefined
    let sectionName: string | undefined
    if (sc.board !== undefined) {
      // A sidecar naming another board drops the batch's section: sections belong to one board.
      boardSectionId = undefined
      if (DIGITS.test(sc.board)) boardId = sc.board
      else [boardId, boardName] = [undefined, sc.board]
    }
    if (sc.section !== undefined) {
      if (DIGITS.test(sc.section)) boardSectionId = sc.section
      else [boardSectionId, sectionName] = [undefined, sc.section]
    }
    drafts.push({ path: c.path, meta: compact({ ...text, boardId, boardSectionId }) })
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
