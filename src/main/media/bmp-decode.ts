import { ImageTooLarge, MAX_INPUT_PIXELS, type RawImage } from './image-codec'

/** Pixels decoded between two turns of the event loop: a few milliseconds of main's thread at a time. */
const PIXELS_PER_TURN = 1_000_000

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * A BMP reader for the common uncompressed kinds (8-bit palette, 24-bit, 32-bit): sharp's prebuilt libvips has
 * no BMP loader. Throws a message naming what is not supported, so the item's refusal can say it. It runs on
 * main's thread, so it gives the event loop a turn every million pixels: a 12 MP BMP would otherwise hold every
 * request of the window for about 75 ms.
 */
export async function decodeBmp(b: Buffer): Promise<RawImage> {
  if (b.length < 54 || b.toString('latin1', 0, 2) !== 'BM') throw new Error('not a BMP file')
  const dataAt = b.readUInt32LE(10)
  const headerSize = b.readUInt32LE(14)
  if (headerSize < 40) throw new Error('an OS/2 BMP header, which is not supported')
  const width = b.readInt32LE(18)
  const rawHeight = b.readInt32LE(22)
  const bpp = b.readUInt16LE(28)
  const compression = b.readUInt32LE(30)
  const height = Math.abs(rawHeight)
  const topDown = rawHeight < 0
  if (width <= 0 || height === 0) throw new Error('implausible BMP dimensions')
  // 0 = BI_RGB; 3 = BI_BITFIELDS, read here only for 32-bit with the usual BGRA masks.
  if (!(compression === 0 || (compression === 3 && bpp === 32)))
    throw new Error(`BMP compression type ${compression}, which is not supported`)
  if (bpp !== 8 && bpp !== 24 && bpp !== 32) throw new Error(`a ${bpp}-bit BMP, which is not supported`)
  const stride = Math.ceil((width * bpp) / 32) * 4
  if (dataAt + stride * height > b.length) throw new Error('the BMP pixel data is cut off')
  // Refused before the pixels are laid out in memory (up to 4 bytes each here), as any conversion is.
  if (width * height > MAX_INPUT_PIXELS) throw new ImageTooLarge(width, height)
  const channels = bpp === 32 ? 4 : 3
  const out = Buffer.alloc(width * height * channels)
  const paletteAt = 14 + headerSize
  const colours = bpp === 8 ? b.readUInt32LE(46) || 256 : 0
  if (bpp === 8 && paletteAt + colours * 4 > b.length) throw new Error('the BMP palette is cut off')
  const rowsPerTurn = Math.max(1, Math.floor(PIXELS_PER_TURN / width))
  let alphaSeen = false
  for (let y = 0; y < height; y++) {
    if (y > 0 && y % rowsPerTurn === 0) await nextTurn()
    const row = dataAt + (topDown ? y : height - 1 - y) * stride
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels
      if (bpp === 8) {
        const p = paletteAt + Math.min(b[row + x] ?? 0, colours - 1) * 4
        out[o] = b[p + 2] ?? 0
        out[o + 1] = b[p + 1] ?? 0
        out[o + 2] = b[p] ?? 0
        continue
      }
      const i = row + x * (bpp / 8)
      out[o] = b[i + 2] ?? 0
      out[o + 1] = b[i + 1] ?? 0
      out[o + 2] = b[i] ?? 0
      if (channels === 4) {
        const a = b[i + 3] ?? 255
        out[o + 3] = a
        if (a !== 0) alphaSeen = true
      }
    }
  }
  // Most 32-bit BMPs leave the fourth byte at 0 without meaning transparency: an all-zero alpha is opaque.
  if (channels === 4 && !alphaSeen) for (let i = 3; i < out.length; i += 4) out[i] = 255
  return { data: out, width, height, channels }
}
