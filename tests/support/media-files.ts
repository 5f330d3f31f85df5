import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Real media files on disk for the flow tests: pictures from ImageMagick, videos from ffmpeg (README
 * "Set-up" lists both), and look-alike files whose magic numbers alone pass the sniffer. The bytes the
 * sniffer sees without a file are in media-bytes.ts.
 */

/** Debian's ImageMagick 6 by its full name (`convert` may be a stand-in there), else ImageMagick 7's `magick`. */
const IMAGE_MAGICK =
  ['convert-im6.q16', 'magick'].find((c) =>
    spawnSync(c, ['-version'], { encoding: 'utf8' }).stdout?.includes('ImageMagick'),
  ) ?? 'convert-im6.q16'

/**
 * The tools the media tests need. CI installs both (.ci/run); a machine without one fails those tests with
 * this message instead of skipping them, so a missing tool can never pass for a green run.
 */
function requireTool(command: string, args: string[], pkg: string): void {
  if (spawnSync(command, args).status !== 0)
    throw new Error(`${command} is missing: install ${pkg} (CONTRIBUTING.md, "Set-up"; .ci/run installs it).`)
}

/** A real JPEG/PNG of one `color`, from ImageMagick. Different colours give different bytes (no duplicates). */
export function writeImage(
  dir: string,
  name: string,
  kind: 'jpeg' | 'png',
  opts: { size?: string; color?: string; bare?: boolean } = {},
): string {
  requireTool(IMAGE_MAGICK, ['-version'], 'imagemagick')
  const path = join(dir, name)
  const r = spawnSync(IMAGE_MAGICK, [
    '-size',
    opts.size ?? '100x150',
    `xc:${opts.color ?? 'pink'}`,
    // `bare`: no ancillary chunk (ImageMagick's date text, time, …), so a PNG is sent exactly as it is on disk.
    ...(opts.bare ? ['-define', 'png:exclude-chunk=all'] : []),
    `${kind}:${path}`,
  ])
  if (r.status !== 0) throw new Error(`ImageMagick failed: ${r.stderr.toString()}`)
  return path
}

/**
 * A real 1×1 JPEG padded with comment segments to exactly `bytes` bytes (at least 164), so it decodes like a
 * whole photo: the pre-flight decodes a JPEG whose metadata it strips (src/main/media/prepare-image.ts).
 */
export function writeBigJpeg(dir: string, name: string, bytes: number): string {
  const path = join(dir, name)
  const pixel = Buffer.from(ONE_PIXEL_JPEG, 'base64')
  let fill = bytes - pixel.length
  if (fill < 4) throw new Error(`writeBigJpeg needs at least ${pixel.length + 4} bytes`)
  const parts: Buffer[] = [pixel.subarray(0, 20)]
  for (let at = 0; fill > 0; at++) {
    // Each comment segment is 4 bytes of marker and length plus at most 65,531 bytes; never leave under 4.
    let n = Math.min(fill, 65_535)
    if (fill - n > 0 && fill - n < 4) n -= 4
    const seg = Buffer.alloc(n)
    seg.set([0xff, 0xfe])
    seg.writeUInt16BE(n - 2, 2)
    for (let i = 4; i < n; i += 4096) seg[i] = ((at * 65_536 + i) * 7) & 0xff
    parts.push(seg)
    fill -= n
  }
  parts.push(pixel.subarray(20))
  writeFileSync(path, Buffer.concat(parts))
  return path
}

const ONE_PIXEL_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAB//EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AQH//2Q=='

/**
 * A real portrait H.264 MP4 (a small frame so it encodes fast on a busy machine), within Pinterest's
 * video rules, from ffmpeg.
 */
export function writeVideo(
  dir: string,
  name = 'clip.mp4',
  opts: { seconds?: number; size?: string; rate?: number } = {},
): string {
  requireTool('ffmpeg', ['-version'], 'ffmpeg')
  const path = join(dir, name)
  const r = spawnSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${opts.size ?? '360x640'}:rate=${opts.rate ?? 15}`,
    '-t',
    String(opts.seconds ?? 6),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    path,
  ])
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`)
  return path
}

/** The JPEG with a comment segment (COM, ITU T.81 §B.2.4.5) holding `text` right after its start marker. */
export function withComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text, 'utf8')
  const head = Buffer.alloc(4)
  head.writeUInt16BE(0xfffe, 0)
  head.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)])
}

/**
 * `images` real JPEGs and `videos` real MP4s in `dir`, each made once and copied with a few bytes of its own so
 * every file's hash differs (the queue skips identical bytes as duplicates). Needs ffmpeg. A JPEG's are a comment
 * segment right after its start, which is sent as it is: bytes after the picture's end are not sent
 * (src/main/media/prepare-image.ts), so Pins would be alike.
 */
export function makeMedia(
  dir: string,
  opts: { images: number; videos: number; prefix?: string },
): { images: string[]; videos: string[] } {
  mkdirSync(dir, { recursive: true })
  const base = `${dir}-base`
  mkdirSync(base, { recursive: true })
  const jpg = join(base, 'base.jpg')
  requireTool('ffmpeg', ['-version'], 'ffmpeg')
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=64x64:rate=1',
    '-frames:v',
    '1',
    jpg,
  ])
  const mp4 = opts.videos > 0 ? writeVideo(base, 'base.mp4', { seconds: 5, rate: 10 }) : ''
  const prefix = opts.prefix ?? ''
  const images: string[] = []
  const videos: string[] = []
  for (let i = 0; i < opts.images; i++) {
    const p = join(dir, `${prefix}img-${String(i).padStart(3, '0')}.jpg`)
    writeFileSync(p, withComment(readFileSync(jpg), `#${prefix}${i}`))
    images.push(p)
  }
  for (let i = 0; i < opts.videos; i++) {
    const p = join(dir, `${prefix}vid-${String(i).padStart(3, '0')}.mp4`)
    copyFileSync(mp4, p)
    // A trailing `free` box keeps the file a valid MP4 while changing its hash.
    const payload = Buffer.from(`${prefix}${i}`)
    const head = Buffer.alloc(8)
    head.writeUInt32BE(8 + payload.length, 0)
    head.write('free', 4, 'latin1')
    appendFileSync(p, Buffer.concat([head, payload]))
    videos.push(p)
  }
  return { images, videos }
}
