import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * Images in the formats people have (WebP, GIF, TIFF, BMP, AVIF, HEIC, CMYK, 16-bit, with GPS), made by
 * Debian's ImageMagick and exiftool (CONTRIBUTING.md, "Set-up"; .ci/run installs both). A missing tool fails
 * the test with the package to install, never skips it.
 */

const IMAGE_MAGICK =
  ['convert-im6.q16', 'magick'].find((c) =>
    spawnSync(c, ['-version'], { encoding: 'utf8' }).stdout?.includes('ImageMagick'),
  ) ?? 'convert-im6.q16'

function run(command: string, args: string[], pkg: string): void {
  const r = spawnSync(command, args, { encoding: 'utf8' })
  if (r.error) throw new Error(`${command} is missing: install ${pkg} (CONTRIBUTING.md, "Set-up").`)
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`)
}

/** ImageMagick from arguments, writing `<dir>/<name>`; the output format follows the name or a `fmt:` prefix. */
export function magick(dir: string, name: string, args: string[], format?: string): string {
  const path = join(dir, name)
  run(IMAGE_MAGICK, [...args, format ? `${format}:${path}` : path], 'imagemagick')
  return path
}

/** A photo-like picture (a gradient with noise, so it does not compress to nothing) of `size` pixels. */
export function photo(dir: string, name: string, size = '320x240', format?: string): string {
  return magick(
    dir,
    name,
    ['-size', size, 'gradient:#3a7bd5-#f4d03f', '-attenuate', '0.3', '+noise', 'Gaussian'],
    format,
  )
}

/** Writes EXIF tags with exiftool (`-Tag=value` pairs) in place. */
export function exifWrite(path: string, tags: string[]): void {
  run('exiftool', ['-q', '-overwrite_original', ...tags, path], 'libimage-exiftool-perl')
}

/** The tags exiftool reads from a file, as `Group:Tag` → value. */
export function exifRead(path: string): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-G', '-n', path], { encoding: 'utf8' })
  return (JSON.parse(out) as Record<string, unknown>[])[0] ?? {}
}
