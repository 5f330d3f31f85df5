import { lstat, open, readlink, stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { basename } from 'node:path'
import { isPinterestImage, isPinterestVideo, sniffFile, type SniffedType } from '../media/media-sniff'
import { IMAGE_MAX_BYTES, VIDEO_MAX_BYTES } from '../../shared/limits'

/** A local file that Pinterest can take, with what the queue needs to detect later changes. */
export interface MediaOk {
  ok: true
  kind: 'image' | 'video'
  sniffed: SniffedType
  /** Bytes. */
  size: number
  mtimeMs: number
}

/** Why a file cannot be published, in words that name the file and the rule. */
export interface MediaBad {
  ok: false
  message: string
  fix?: string
}

export type MediaCheck = MediaOk | MediaBad

function bad(message: string, fix?: string): MediaBad {
  return fix === undefined ? { ok: false, message } : { ok: false, message, fix }
}

function errCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e).code) : undefined
}

function fileKind(s: Stats): string {
  if (s.isDirectory()) return 'a folder'
  if (s.isFIFO()) return 'a named pipe (FIFO)'
  if (s.isSocket()) return 'a socket'
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

/** "an AVI video", "an MP4 video", "a WebP image". */
function article(label: string): string {
  return /^(?:[AEIOU]|M4V|MP4)/.test(label) ? `an ${label}` : `a ${label}`
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** Shows what a non-media file starts with, so "fake.jpg" tells the user it is really text or HTML. */
export function describeBytes(head: Uint8Array): string {
  const slice = head.subarray(0, 32)
  const printable = slice.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc0 || (b >= 0x80 && b < 0xc0))
  if (printable && slice.length > 0) {
    const text = Buffer.from(slice).toString('utf8').replace(/\s+/g, ' ').trim()
    return `text: "${text}${head.length > slice.length ? '…' : ''}"`
  }
  return Array.from(slice.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join(' ')
}

async function readHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(64)
    const { bytesRead } = await fh.read(buf, 0, 64, 0)
    return buf.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
}

/**
 * Checks one local file the way the uploader will need it: a regular, readable, non-empty file whose
 * bytes are a JPEG/PNG image or an MP4/MOV/M4V video within Pinterest's size limits. Never opens a
 * FIFO or device (that would block or read forever). `name` is what messages call the file.
 */
export async function checkMediaFile(path: string, name = basename(path)): Promise<MediaCheck> {
  let st: Stats
  try {
    st = await stat(path)
  } catch (e) {
    const code = errCode(e)
    if (code === 'ENOENT') {
      const link = await lstat(path).catch(() => null)
      if (link?.isSymbolicLink()) {
        const target = await readlink(path).catch(() => '?')
        return bad(`${name} is a link to '${target}', which does not exist`, 'Fix or delete the link.')
      }
      return bad(`${name} was not found (${path})`, 'Check the file name and folder.')
    }
    if (code === 'ELOOP') return bad(`${name} is a symbolic link that points back to itself (a link loop)`, 'Fix or delete the link.')
    if (code === 'EACCES' || code === 'EPERM') return bad(`${name} cannot be read (permission denied)`, 'Give yourself read access to the file.')
    return bad(`${name} cannot be read (${code ?? String(e)})`)
  }
  if (!st.isFile()) return bad(`${name} is ${fileKind(st)}, not an image or video file`)
  if (st.size === 0) return bad(`${name} is empty (0 bytes)`, 'The file may still be downloading or was not saved; export it again.')

  let sniffed: SniffedType | null
  try {
    sniffed = await sniffFile(path)
  } catch (e) {
    const code = errCode(e)
    if (code === 'EACCES' || code === 'EPERM') return bad(`${name} cannot be read (permission denied)`, 'Give yourself read access to the file.')
    return bad(`${name} cannot be read (${code ?? String(e)})`)
  }
  if (sniffed === null) return bad(`${name} is empty (0 bytes)`)
  const base = { size: st.size, mtimeMs: st.mtimeMs, sniffed }
  if (isPinterestImage(sniffed)) {
    if (st.size > IMAGE_MAX_BYTES) {
      return bad(`${name} is a ${megabytes(st.size)} image; Pinterest takes images up to ${megabytes(IMAGE_MAX_BYTES)}`, 'Resize or compress it.')
    }
    return { ok: true, kind: 'image', ...base }
  }
  if (isPinterestVideo(sniffed)) {
    if (st.size > VIDEO_MAX_BYTES) {
      return bad(`${name} is a ${megabytes(st.size)} video; Pinterest takes videos up to 2 GB`, 'Shorten or re-encode it.')
    }
    return { ok: true, kind: 'video', ...base }
  }
  if (sniffed.kind === 'image') {
    return bad(`${name} is ${article(sniffed.label)}; Pinterest only takes JPEG or PNG images`, 'Convert it to JPEG or PNG.')
  }
  if (sniffed.kind === 'video') {
    return bad(`${name} is ${article(sniffed.label)}; Pinterest only takes MP4, MOV or M4V videos`, 'Convert it to MP4 (H.264).')
  }
  const head = await readHead(path).catch(() => undefined)
  return bad(`${name} is not an image or video (its bytes are ${head ? describeBytes(head) : 'unreadable'})`)
}
