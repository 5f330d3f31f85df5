import type { Stats } from 'node:fs'
import { lstat, open, readlink, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import {
  VIDEO_MAX_ASPECT,
  VIDEO_MAX_BYTES,
  VIDEO_MAX_SECONDS,
  VIDEO_MIN_ASPECT,
  VIDEO_MIN_SECONDS,
} from '../../shared/limits'
import { isConvertibleImage, isPinterestVideo, sniffFile, type SniffedType } from './media-sniff'
import { readMovieInfo, type MovieInfo } from './mp4-box-reader'

/**
 * "Is this local file media Pinterest accepts": one check for the sources (scan, CSV rows, watch) and the
 * pipeline's pre-flight, so a file accepted at import is refused at publish only when it changed since.
 */

/** The largest image file taken at all: a 20,000 px panorama or a 16-bit TIFF fits, a disk image does not. */
const SOURCE_IMAGE_MAX_BYTES = 200 * 1024 * 1024

/** A local file that Pinterest can take, with what the queue needs to detect later changes. */
interface LocalMediaOk {
  ok: true
  kind: 'image' | 'video'
  sniffed: SniffedType
  /** Bytes. */
  size: number
  mtimeMs: number
  /** Videos only: what the moov box says (duration, display size). */
  movie?: MovieInfo
}

/** Which rule a file broke, for callers that word one case for their context (a queued file that vanished). */
type LocalMediaRule =
  'missing' | 'broken_link' | 'unreadable' | 'not_file' | 'empty' | 'type' | 'size' | 'movie' | 'too_short'

/** Why a file cannot be published, in words that name the file and the rule. */
interface LocalMediaBad {
  ok: false
  rule: LocalMediaRule
  message: string
  fix?: string
}

export type LocalMediaCheck = LocalMediaOk | LocalMediaBad

export interface LocalMediaOptions {
  /** What messages call the file; default its base name. */
  name?: string
}

function bad(rule: LocalMediaRule, message: string, fix?: string): LocalMediaBad {
  return fix === undefined ? { ok: false, rule, message } : { ok: false, rule, message, fix }
}

function errCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined
}

function unreadable(name: string, e: unknown): LocalMediaBad {
  const code = errCode(e)
  if (code === 'EACCES' || code === 'EPERM')
    return bad(
      'unreadable',
      `${name} cannot be read (permission denied)`,
      'Give yourself read access to the file.',
    )
  return bad(
    'unreadable',
    `${name} cannot be read (${code ?? String(e)})`,
    'Check that the file is still there and readable.',
  )
}

function fileKind(s: Stats): string {
  if (s.isDirectory()) return 'a folder'
  if (s.isFIFO()) return 'a named pipe (FIFO)'
  if (s.isSocket()) return 'a socket'
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

/** "an AVI video", "an MP4 video", "a WebP image": by the first letter's sound, enough for media-sniff's labels. */
function article(label: string): string {
  return /^(?:[AEIOU]|M4V|MP4)/.test(label) ? `an ${label}` : `a ${label}`
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

function minutes(sec: number): string {
  return `${Math.floor(sec / 60)} min ${Math.round(sec % 60)} s`
}

/** Shows what a non-media file starts with, so "fake.jpg" tells the user it is really text or HTML. */
/**
 * What a refused file seems to be, in words that quote none of its content: an error message may reach a log,
 * the window or a terminal, and the file may be anything the user picked (a key, a password list).
 */
function describeBytes(head: Uint8Array): string {
  if (head.length === 0) return 'it is empty'
  const ascii = Buffer.from(head.subarray(0, 16)).toString('latin1')
  const known: [RegExp, string][] = [
    [/^%PDF/, 'a PDF document'],
    [/^PK\x03\x04/, 'a ZIP archive or Office document'],
    [/^GIF8/, 'a GIF image'],
    [/^RIFF....WEBP/s, 'a WebP image'],
    [/^....ftyp(heic|heix|mif1|msf1|avif)/s, 'a HEIC or AVIF image'],
    [/^BM/, 'a BMP image'],
    [/^(II\*\x00|MM\x00\*)/, 'a TIFF image'],
  ]
  for (const [re, what] of known) if (re.test(ascii)) return `it is ${what}`
  const slice = head.subarray(0, 64)
  const text = slice.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0x80)
  if (!text) return 'its type is unknown'
  return /^\s*<(!doctype|html|\?xml|svg)/i.test(Buffer.from(slice).toString('utf8'))
    ? 'it is a web page or XML file'
    : 'it is a text file'
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

async function statOrWhy(path: string, name: string): Promise<Stats | LocalMediaBad> {
  try {
    return await stat(path)
  } catch (e) {
    const code = errCode(e)
    if (code === 'ENOENT') {
      const link = await lstat(path).catch(() => null)
      if (link?.isSymbolicLink()) {
        const target = await readlink(path).catch(() => '?')
        return bad(
          'broken_link',
          `${name} is a link to '${target}', which does not exist`,
          'Fix or delete the link.',
        )
      }
      return bad('missing', `${name} was not found (${path})`, 'Check the file name and folder.')
    }
    if (code === 'ELOOP')
      return bad(
        'broken_link',
        `${name} is a symbolic link that points back to itself (a link loop)`,
        'Fix or delete the link.',
      )
    return unreadable(name, e)
  }
}

/** Pinterest's duration and aspect rules for a video whose movie header was read. */
function movieRules(name: string, info: MovieInfo): LocalMediaBad | null {
  const { durationSec, width, height } = info
  if (durationSec !== undefined && durationSec < VIDEO_MIN_SECONDS) {
    return bad(
      'too_short',
      `${name} lasts ${durationSec.toFixed(1)} s; Pinterest needs videos of at least ${VIDEO_MIN_SECONDS} s`,
      'Use a longer clip.',
    )
  }
  if (durationSec !== undefined && durationSec > VIDEO_MAX_SECONDS) {
    return bad(
      'movie',
      `${name} lasts ${minutes(durationSec)}; Pinterest accepts videos up to ${VIDEO_MAX_SECONDS / 60} min`,
      `Trim the video to ${VIDEO_MAX_SECONDS / 60} minutes or less.`,
    )
  }
  if (width && height) {
    const ratio = width / height
    if (ratio <= VIDEO_MIN_ASPECT || ratio >= VIDEO_MAX_ASPECT) {
      return bad(
        'movie',
        `${name} is ${width}×${height} (aspect ratio ${ratio.toFixed(2)}:1); Pinterest needs a ratio between 1:2 and 1.91:1`,
        'Crop the video, e.g. to 9:16, 2:3, 1:1 or 16:9.',
      )
    }
  }
  return null
}

/**
 * Checks one local file the way the uploader will need it: a regular, readable, non-empty file whose bytes
 * (never its extension) are an image Pinload sends or converts (JPEG, PNG, WebP, GIF, TIFF, BMP, AVIF, HEIC) or an MP4/MOV/M4V video within Pinterest's size limits, and for
 * videos a readable movie header within the duration and aspect rules (a few small reads: about 0.3 ms more per
 * video in a 10,000-video scan, measured; images pay nothing). Never opens a FIFO or device (that would block
 * or read forever). Each failure names the file, the rule and the fix.
 */
export async function checkLocalMedia(path: string, opts: LocalMediaOptions = {}): Promise<LocalMediaCheck> {
  const name = opts.name ?? basename(path)
  const st = await statOrWhy(path, name)
  if ('ok' in st) return st
  if (!st.isFile())
    return bad(
      'not_file',
      `${name} is ${fileKind(st)}, not an image or video file`,
      'Choose an image or video file.',
    )
  const empty = () =>
    bad(
      'empty',
      `${name} is empty (0 bytes)`,
      'The file may still be downloading or was not saved; export it again.',
    )
  if (st.size === 0) return empty()

  let sniffed: SniffedType | null
  try {
    sniffed = await sniffFile(path)
  } catch (e) {
    return unreadable(name, e)
  }
  if (sniffed === null) return empty()
  const base = { size: st.size, mtimeMs: st.mtimeMs, sniffed }
  if (isConvertibleImage(sniffed)) {
    // Larger than Pinterest takes is scaled down before it is sent (src/main/media/prepare-image.ts); only a
    // file no photo reaches is refused here, before anything decodes it.
    if (st.size > SOURCE_IMAGE_MAX_BYTES) {
      return bad(
        'size',
        `${name} is a ${megabytes(st.size)} image; Pinload converts images up to ${megabytes(SOURCE_IMAGE_MAX_BYTES)}`,
        'Export it smaller (e.g. as JPEG at 2000×3000), then add it again.',
      )
    }
    return { ok: true, kind: 'image', ...base }
  }
  if (isPinterestVideo(sniffed)) {
    if (st.size > VIDEO_MAX_BYTES) {
      return bad(
        'size',
        `${name} is a ${megabytes(st.size)} video; Pinterest takes videos up to 2 GB`,
        'Shorten or re-encode it.',
      )
    }
    const movie = await readMovieInfo(path).catch(() => null)
    if (!movie) {
      return bad(
        'movie',
        `${name} has no readable movie header (moov box): the file is incomplete or damaged`,
        'Export the video again.',
      )
    }
    return movieRules(name, movie) ?? { ok: true, kind: 'video', ...base, movie }
  }
  if (sniffed.kind === 'image') {
    return bad(
      'type',
      `${name} is ${article(sniffed.label)}, which Pinload cannot convert`,
      'Convert it to JPEG or PNG.',
    )
  }
  if (sniffed.kind === 'video') {
    return bad(
      'type',
      `${name} is ${article(sniffed.label)}; Pinterest only takes MP4, MOV or M4V videos`,
      'Convert it to MP4 (H.264).',
    )
  }
  const head = await readHead(path).catch(() => undefined)
  return bad(
    'type',
    `${name} is not an image or video (${head ? describeBytes(head) : 'it cannot be read'})`,
    'Choose a JPEG, PNG, MP4, MOV or M4V file.',
  )
}
