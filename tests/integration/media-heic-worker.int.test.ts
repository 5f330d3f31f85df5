import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { decodeHeicStill } from '../../src/main/media/heic-image'
import { magick, photo } from '../support/image-files'

// The decoder as this thread loads it, counted and then run: the worker loads its own copy.
const hereDecodes = vi.hoisted(() => ({ n: 0 }))
vi.mock('heic-decode', async (importOriginal) => {
  const real = (await importOriginal<{ default: (o: { buffer: Buffer }) => Promise<unknown> }>()).default
  return {
    default: (o: { buffer: Buffer }) => {
      hereDecodes.n++
      return real(o)
    },
  }
})

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-heic-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('HEIC decoding', () => {
  it('runs off the main thread: the decoder loaded here is never called', async () => {
    const heic = magick(dir, 'big.heic', [photo(dir, 'big.png', '1600x1200')])
    const image = await decodeHeicStill(readFileSync(heic))
    expect([image.width, image.height, image.channels, image.data.length]).toEqual([
      1600,
      1200,
      4,
      1600 * 1200 * 4,
    ])
    // libheif decodes synchronously (1–2 s for 12 MP): here, it would stall every request of the window.
    expect(hereDecodes.n).toBe(0)
  })

  it("a file that is not HEIC fails with the decoder's words", async () => {
    await expect(decodeHeicStill(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0junk', 'latin1'))).rejects.toThrow()
  })
})
