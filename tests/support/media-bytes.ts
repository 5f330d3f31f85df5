import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tinyMp4 } from './mp4-builder'

/** Pads `head` with zeros to `size` bytes (default 256), so the sniffer sees a plausible file. */
const pad = (head: number[] | Buffer, size = 256) => {
  const b = Buffer.alloc(Math.max(size, head.length))
  Buffer.from(head).copy(b)
  return b
}
const ascii = (s: string) => [...Buffer.from(s, 'latin1')]

/** A 6-second 720×1280 portrait clip: within every Pinterest video rule, with a moov box the checks can read. */
const GOOD_CLIP = { durationSec: 6, width: 720, height: 1280 }

/**
 * File contents whose first bytes the sniffer recognises; the videos carry a real movie header so the local
 * media check (duration, aspect) accepts them. `size` pads with zeros (a larger file, same content type).
 */
export const bytes = {
  jpeg: (size?: number) => pad([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF')], size),
  png: (size?: number) => pad(ascii('\x89PNG\r\n\x1a\n'), size),
  gif: () => pad(ascii('GIF89a')),
  webp: () => pad([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP')]),
  heic: () => pad([0, 0, 0, 0x18, ...ascii('ftypheic')]),
  mp4: (size?: number) => pad(tinyMp4(GOOD_CLIP), size),
  mov: () => pad(tinyMp4({ ...GOOD_CLIP, brand: 'qt  ' })),
  webm: () => pad([0x1a, 0x45, 0xdf, 0xa3]),
  avi: () => pad([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('AVI ')]),
  text: (s = 'hello, this is not a picture at all') => Buffer.from(s),
}

/**
 * A folder `dir` of `count` files named p000.png, p001.png… that sniff as PNG: enough to pass a threshold the
 * scan counts (more than 500 files ask first) without decoding any.
 */
export function pngFolder(dir: string, count: number): string {
  mkdirSync(dir)
  const png = bytes.png()
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `p${String(i).padStart(3, '0')}.png`), png)
  return dir
}
