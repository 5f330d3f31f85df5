import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'

/** A valid 1×1 PNG, for when ImageMagick is not installed. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const IM = '/usr/bin/convert-im6.q16'

/** Writes a real image: a JPEG/PNG of `color` via ImageMagick, else a tiny PNG (then name it .png). */
export function makeImage(path: string, color = 'pink', size = '200x300'): void {
  if (existsSync(IM)) execFileSync(IM, ['-size', size, `xc:${color}`, path])
  else writeFileSync(path, TINY_PNG)
}

/** Writes a valid 5-second H.264 MP4 (portrait, within Pinterest's aspect limits); false when ffmpeg is missing. */
export function makeVideo(path: string): boolean {
  try {
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=360x640:rate=15',
      '-t',
      '5',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      path,
    ])
    return true
  } catch {
    return false
  }
}
