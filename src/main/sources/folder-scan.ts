import { readdir, realpath, stat } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve as resolvePath, sep } from 'node:path'
import type { BatchDefaults, InputProblem, ItemDraft } from '../../shared/domain'
import { mapLimit } from './map-limit'
import { checkLocalMedia, type LocalMediaCheck } from '../media/local-media'
import { pinFieldProblems } from '../media/pin-field-rules'
import { checkTitleTemplate, compact, renderTitle } from './pin-fields'
import { readSidecar, sidecarNames, type SidecarMeta } from './sidecar'
import type { BoardResolver, ScanResult } from './source-types'

/** Files and folders that operating systems and NAS boxes leave behind; never media, never worth a message. */
const SYSTEM_NAMES = new Set([
  'thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
  '.ds_store',
  '__macosx',
  '@eadir',
  '$recycle.bin',
  'system volume information',
])

/** Hidden (dot) and system entries are skipped without a word. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || SYSTEM_NAMES.has(name.toLowerCase())
}

/** Names browsers and editors give files still being written. */
export function isPartialName(name: string): boolean {
  return name.startsWith('~$') || /\.(part|crdownload|tmp|download|partial)$/i.test(name)
}

/** Natural order ("img2" before "img10"), the order people number their files in. */
const naturalCompare = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare

/** Files read at once; one 64-byte read each, so this bounds open handles rather than bandwidth. */
const PARALLEL_READS = 16

interface Candidate {
  path: string
  /** Names in the same folder (for sidecars); undefined for a file dropped on its own. */
  siblings?: Set<string>
}

interface Walk {
  files: Candidate[]
  problems: InputProblem[]
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e)
}

function isUnder(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

async function walk(paths: string[], signal?: AbortSignal): Promise<Walk> {
  const files: Candidate[] = []
  const problems: InputProblem[] = []
  const seenDirs = new Set<string>()
  const seenFiles = new Set<string>()
  // Each folder carries the real paths of the folders above it, so a link to one of them is a loop.
  const stack: { path: string; real: string; ancestors: string[] }[] = []

  const pushDir = (path: string, real: string, ancestors: string[]) => {
    if (ancestors.some((a) => isUnder(a, real))) {
      problems.push({
        where: path,
        message: `${basename(path)} links back to a folder that contains it (a symbolic link loop); skipped`,
      })
      return
    }
    if (seenDirs.has(real)) return
    seenDirs.add(real)
    stack.push({ path, real, ancestors })
  }
  const pushFile = (path: string, real: string, siblings?: Set<string>) => {
    if (seenFiles.has(real)) return
    seenFiles.add(real)
    // Its bytes are still arriving and its name is not the final one: posting it would publish half a file.
    if (isPartialName(basename(path))) {
      problems.push({
        where: path,
        message: `${basename(path)} is a download or copy still in progress (or a temporary file); skipped`,
        fix: 'Add the file again once it has finished.',
      })
      return
    }
    files.push(siblings ? { path, siblings } : { path })
  }
  const linkProblem = async (path: string) => {
    const check = await checkLocalMedia(path)
    problems.push({
      where: path,
      message: check.ok ? `${basename(path)} cannot be followed` : check.message,
      ...(check.ok || !check.fix ? {} : { fix: check.fix }),
    })
  }

  for (const raw of paths) {
    const path = resolvePath(raw)
    let real: string
    try {
      real = await realpath(path)
      const st = await stat(real)
      if (st.isDirectory()) pushDir(path, real, [])
      else pushFile(path, real)
    } catch {
      await linkProblem(path)
    }
  }

  while (stack.length > 0) {
    signal?.throwIfAborted()
    const dir = stack.pop()!
    let entries
    try {
      entries = await readdir(dir.path, { withFileTypes: true })
    } catch (e) {
      const c = code(e)
      const why = c === 'EACCES' || c === 'EPERM' ? 'permission denied' : c
      problems.push({
        where: dir.path,
        message: `Folder ${basename(dir.path)} cannot be opened (${why}); its files were skipped`,
        fix: 'Give yourself read access to the folder.',
      })
      continue
    }
    const siblings = new Set(entries.map((e) => e.name))
    const ancestors = [...dir.ancestors, dir.real]
    for (const entry of entries) {
      const name = entry.name
      if (isIgnoredName(name)) continue
      const path = join(dir.path, name)
      if (entry.isDirectory()) {
        pushDir(path, join(dir.real, name), ancestors)
      } else if (entry.isSymbolicLink()) {
        try {
          const real = await realpath(path)
          const st = await stat(real)
          if (st.isDirectory()) pushDir(path, real, ancestors)
          else if (extname(name).toLowerCase() !== '.json') pushFile(path, real, siblings)
        } catch {
          await linkProblem(path)
        }
      } else if (extname(name).toLowerCase() !== '.json') {
        // Sidecars are metadata, not media; FIFOs and sockets go on to be reported by checkLocalMedia.
        pushFile(path, join(dir.real, name), siblings)
      }
    }
  }
  files.sort((a, b) => naturalCompare(a.path, b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { files, problems }
}

async function findSidecar(c: Candidate): Promise<string | undefined> {
  const dir = dirname(c.path)
  let siblings = c.siblings
  if (!siblings) siblings = new Set(await readdir(dir).catch(() => [] as string[]))
  return sidecarNames(basename(c.path)).find((n) => siblings.has(n))
}

const DIGITS = /^\d+$/

/**
 * Scans dropped or picked files and folders (recursively) into drafts. Media is picked by content,
 * never by extension; everything left out that the user would expect in is reported with the reason.
 * Drafts come in natural path order; `boardNames[i]`/`sectionNames[i]` hold sidecar names still to resolve.
 */
export async function scanPaths(
  paths: string[],
  defaults: BatchDefaults,
  opts: { signal?: AbortSignal } = {},
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
  const { files, problems } = await walk(paths, opts.signal)

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
      const check = await checkLocalMedia(c.path)
      if (!check.ok) return { c, check }
      const sidecarName = await findSidecar(c)
      return sidecarName
        ? { c, check, sidecar: await readSidecar(join(dirname(c.path), sidecarName)) }
        : { c, check }
    },
    opts.signal,
  )

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
