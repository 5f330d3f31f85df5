import type { InputProblem } from '../../../../shared/domain'
import { PIN_LIMITS } from '../../../../shared/limits'
import { formatCount } from '../../lib/format'

/** What a drop or a pick holds, as the New batch sheet tells it before anything is scanned. */
export interface DroppedSummary {
  /** Media files by name, in the order given. */
  files: { name: string; displayPath: string }[]
  /** Folders (names without an extension): scanned with their subfolders. */
  folders: string[]
  /** Files Pinload does not post, grouped by their extension ("14 TXT files"). */
  skipped: { label: string; names: string[] }[]
}

/** What the queue takes (the scan in main decides for certain; this only sorts the sheet's list). */
const MEDIA = new Set([
  'jpg',
  'jpeg',
  'png',
  'gif',
  'webp',
  'heic',
  'heif',
  'bmp',
  'tif',
  'tiff',
  'mp4',
  'mov',
  'm4v',
])

const extOf = (name: string) => {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

export function summarizeDropped(grants: readonly { name: string; displayPath: string }[]): DroppedSummary {
  const files: DroppedSummary['files'] = []
  const folders: string[] = []
  const skipped = new Map<string, string[]>()
  for (const g of grants) {
    const ext = extOf(g.name)
    if (ext === '') folders.push(g.name)
    else if (MEDIA.has(ext)) files.push(g)
    else skipped.set(ext, [...(skipped.get(ext) ?? []), g.name])
  }
  return {
    files,
    folders,
    skipped: [...skipped].map(([ext, names]) => ({
      label: `${formatCount(names.length)} ${ext.toUpperCase()} ${names.length === 1 ? 'file' : 'files'}`,
      names,
    })),
  }
}

/** One title of the live preview, with its length against Pinterest's limit. */
export interface TitlePreview {
  file: string
  title: string
  length: number
  tooLong: boolean
}

/**
 * The first titles the template gives (the same placeholders main fills: {name}, {folder}, {index}, {board};
 * {date} is the file's date, which only main reads, so the preview says "file date").
 */
export function previewTitles(
  template: string,
  files: readonly { name: string; displayPath: string }[],
  boardName: string,
  count = 5,
): TitlePreview[] {
  return files.slice(0, count).map((f, i) => {
    const dot = f.name.lastIndexOf('.')
    const parts = f.displayPath.split(/[\\/]/)
    const vars: Record<string, string> = {
      name: dot > 0 ? f.name.slice(0, dot) : f.name,
      folder: parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '',
      index: String(i + 1),
      board: boardName,
      date: 'file date',
    }
    const title = template.replace(/\{(name|folder|index|board|date)\}/g, (_m, k: string) => vars[k] ?? '')
    const length = [...title].length
    return { file: f.name, title, length, tooLong: length > PIN_LIMITS.title }
  })
}

/** Problems the add reported, grouped by the kind of file and what is wrong ("14 HEIC files: …"). */
export function groupProblems(
  problems: readonly InputProblem[],
): { label: string; message: string; fix?: string; items: InputProblem[] }[] {
  const groups = new Map<string, InputProblem[]>()
  for (const p of problems) {
    const name = p.where.split(/[\\/]/).pop() ?? p.where
    const ext = extOf(name.replace(/:\d+$/, ''))
    // The message without the file's own name, so the same trouble on many files reads as one group.
    const what = p.message.split(name).join('…')
    const key = `${ext}\u0000${what}`
    groups.set(key, [...(groups.get(key) ?? []), p])
  }
  return [...groups].map(([key, items]) => {
    const ext = key.split('\u0000')[0] ?? ''
    const n = items.length
    const kind =
      ext === '' ? (n === 1 ? 'item' : 'items') : `${ext.toUpperCase()} ${n === 1 ? 'file' : 'files'}`
    const first = items[0]!
    return {
      label: `${n.toLocaleString()} ${kind}`,
      message: first.message,
      ...(first.fix !== undefined && { fix: first.fix }),
      items,
    }
  })
}
