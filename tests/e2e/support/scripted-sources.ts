import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Board, CsvPreview, CsvPreviewRow, InputProblem, ItemKind } from '../../../src/shared/domain'
import { PIN_LIMITS } from '../../../src/shared/limits'

/** A file found by the scripted scan. */
export interface ScannedFile {
  path: string
  kind: ItemKind
  size: number
}

const KINDS: Record<string, ItemKind> = {
  '.jpg': 'image',
  '.jpeg': 'image',
  '.png': 'image',
  '.mp4': 'video',
  '.mov': 'video',
}

/**
 * Expands files and folders by extension (the real scan sniffs bytes; this one only has to be plausible
 * for UI work): dot-files skipped, sidecar .json ignored, anything else reported as a problem.
 */
export function scanPaths(paths: string[]): { files: ScannedFile[]; problems: InputProblem[] } {
  const files: ScannedFile[] = []
  const problems: InputProblem[] = []
  const visit = (p: string): void => {
    let st
    try {
      st = statSync(p)
    } catch {
      problems.push({
        where: p,
        message: `${basename(p)} does not exist or cannot be read.`,
        fix: 'Check the path and try again.',
      })
      return
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) visit(join(p, name))
      return
    }
    const ext = extname(p).toLowerCase()
    if (ext === '.json') return
    const kind = KINDS[ext]
    if (!kind) {
      problems.push({
        where: p,
        message: `${basename(p)} is not an image or video Pinterest accepts.`,
        fix: 'Use JPEG, PNG, MP4 or MOV.',
      })
      return
    }
    files.push({ path: p, kind, size: st.size })
  }
  for (const p of paths) visit(p)
  return { files, problems }
}

/** The title a template gives a file. */
export function titleFor(template: string | undefined, path: string, index: number): string {
  const name = basename(path, extname(path))
  return (template ?? '{name}')
    .replaceAll('{name}', name)
    .replaceAll('{folder}', basename(dirname(path)))
    .replaceAll('{index}', String(index))
    .replaceAll('{date}', new Date(statSync(path).mtimeMs).toISOString().slice(0, 10))
}

/** Preview of a CSV in our column format (`file`, `title`, `description`, `link`, `board`). */
export function previewCsv(
  path: string,
  boards: Board[],
  createMissing: boolean,
  previewId: string,
): CsvPreview {
  const fileErrors: string[] = []
  let records: Record<string, string>[] = []
  try {
    records = parse(readFileSync(path, 'utf8'), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    })
  } catch (e) {
    fileErrors.push(`The file could not be read as CSV: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (records.length > 0 && !('file' in records[0]!))
    fileErrors.push('No "file" column: add a column named file with the path of each image or video.')
  const rows: CsvPreviewRow[] =
    fileErrors.length > 0
      ? []
      : records.map((r, i) => {
          const errors: string[] = []
          const file = (r.file ?? '').trim()
          const full = file === '' ? '' : isAbsolute(file) ? file : resolve(dirname(path), file)
          if (file === '') errors.push('The file cell is empty.')
          else {
            try {
              statSync(full)
              if (!KINDS[extname(full).toLowerCase()])
                errors.push(`${basename(full)} is not an image or video Pinterest accepts.`)
            } catch {
              errors.push(`File not found: ${full}`)
            }
          }
          const title = r.title ?? ''
          if (title.length > PIN_LIMITS.title)
            errors.push(`Title is ${title.length} characters; Pinterest allows ${PIN_LIMITS.title}.`)
          const boardName = (r.board ?? '').trim()
          const board = boards.find(
            (b) => b.name.toLowerCase() === boardName.toLowerCase() || b.id === boardName,
          )
          if (boardName === '') errors.push('The board cell is empty.')
          else if (!board && !createMissing)
            errors.push(`No board named "${boardName}". Choose "create missing boards" or fix the name.`)
          const link = (r.link ?? '').trim()
          if (link !== '' && !/^https?:\/\//.test(link))
            errors.push(`Link "${link}" is not an http(s) address.`)
          return {
            line: i + 2,
            boardName: boardName || undefined,
            errors,
            ...(errors.length === 0
              ? {
                  draft: {
                    path: full,
                    meta: { title, description: r.description, link: link || undefined, boardId: board?.id },
                  },
                }
              : {}),
          }
        })
  const validCount = rows.filter((r) => r.errors.length === 0).length
  return {
    previewId,
    path,
    format: 'pinload',
    rows,
    validCount,
    errorCount: rows.length - validCount,
    fileErrors,
    fileWarnings: [],
  }
}
