import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeHeicStill } from '../../src/main/media/heic-image'
import { magick, photo } from '../support/image-files'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-heic-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('HEIC decoding', () => {
  it('runs off the main thread: timers keep firing while a photo decodes', async () => {
    const heic = magick(dir, 'big.heic', [photo(dir, 'big.png', '1600x1200')])
    const bytes = readFileSync(heic)
    await decodeHeicStill(bytes) // the worker and its WebAssembly start once
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    const t0 = performance.now()
    const image = await decodeHeicStill(bytes)
    const ms = performance.now() - t0
    clearInterval(timer)
    expect([image.width, image.height, image.channels, image.data.length]).toEqual([
      1600,
      1200,
      4,
      1600 * 1200 * 4,
    ])
    // Decoded on this thread, no timer could fire until it returned; a worker leaves this thread free. Half the
    // ticks a free thread would see leaves room for a busy machine.
    expect(ticks, `${ticks} ticks in ${ms.toFixed(0)} ms`).toBeGreaterThanOrEqual(Math.floor(ms / 10 / 2))
  })

  it("a file that is not HEIC fails with the decoder's words", async () => {
    await expect(decodeHeicStill(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0junk', 'latin1'))).rejects.toThrow()
  })
})
