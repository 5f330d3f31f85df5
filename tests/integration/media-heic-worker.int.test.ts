import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as WorkerThreads from 'node:worker_threads'
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

// A photo holding these bytes stops the worker it is given to, as one that runs it out of memory would.
const STOPS_WORKER = 'STOPS-THE-WORKER'
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>()
  class StoppableWorker extends real.Worker {
    override postMessage(value: unknown, transfer?: readonly WorkerThreads.TransferListItem[]) {
      const bytes = (value as { bytes?: Buffer }).bytes
      if (bytes && Buffer.from(bytes).includes(STOPS_WORKER)) void this.terminate()
      else super.postMessage(value, transfer)
    }
  }
  return { ...real, Worker: StoppableWorker, default: { ...real, Worker: StoppableWorker } }
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

  it('a photo that stops the worker is refused, never decoded here; the photos in line after it are decoded', async () => {
    const good = readFileSync(magick(dir, 'good.heic', [photo(dir, 'good.png', '320x240')]))
    await decodeHeicStill(good) // a worker has run here
    const bad = Buffer.concat([good, Buffer.from(STOPS_WORKER)])
    const results = await Promise.allSettled([
      decodeHeicStill(bad),
      decodeHeicStill(good),
      decodeHeicStill(bad),
      decodeHeicStill(good),
    ])
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value.width : (r.reason as Error).message)),
    ).toEqual([
      expect.stringMatching(/^the HEIC decoder stopped while reading this photo/),
      320,
      expect.stringMatching(/^the HEIC decoder stopped while reading this photo/),
      320,
    ])
    // However many photos stopped one, the next gets a worker of its own.
    for (let i = 0; i < 4; i++) await expect(decodeHeicStill(bad)).rejects.toThrow(/stopped while reading/)
    expect((await decodeHeicStill(good)).width).toBe(320)
    expect(hereDecodes.n).toBe(0)
  })

  it("a file that is not HEIC fails with the decoder's words", async () => {
    await expect(decodeHeicStill(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0junk', 'latin1'))).rejects.toThrow()
  })
})
