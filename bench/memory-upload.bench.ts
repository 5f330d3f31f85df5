/**
 * Peak memory of streamed uploads: 4 × 1 GiB videos to the fake S3 endpoint at once (target ≤ 200 MB RSS), then one
 * 20 MB image sent as image_base64 (target ≤ +64 MB over idle). RSS is sampled every 50 ms. The fake runs in a child
 * process so its own memory is not counted. Files are sparse and deleted afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPinterestClient } from '../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../src/main/pinterest/rate-governor'
import { runBench, sparseFile, startFakeChild } from './bench-kit'

const VIDEO_BYTES = Number(process.env.BENCH_VIDEO_BYTES ?? 1024 ** 3)
const IMAGE_BYTES = 20 * 1024 * 1024
const MB = 1024 * 1024

/** Samples RSS every 50 ms until stopped; returns the peak in bytes. */
function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 50)
  return {
    stop() {
      clearInterval(t)
      return Math.max(peak, process.memoryUsage().rss)
    },
  }
}

function settle(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  return process.memoryUsage().rss
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pinload-bench-mem-'))
  const fake = await startFakeChild()
  const client = createPinterestClient({
    apiBase: fake.apiBase,
    tokens: {
      getAccessToken: async () => fake.accessToken,
      refreshAccessToken: async () => fake.accessToken,
    },
    governor: new RateGovernor({ maxAttempts: 1 }),
    fetchTimeoutMs: 300_000,
  })
  try {
    const ftyp = Buffer.from('\0\0\0\x18ftypisom', 'latin1')
    const videos = [0, 1, 2, 3].map((i) => sparseFile(join(dir, `v${i}.mp4`), ftyp, VIDEO_BYTES))
    const boards = await client.listBoards()
    const uploads = await Promise.all(videos.map(() => client.registerMedia()))

    const idle = settle()
    const sampler = sampleRss()
    const t0 = performance.now()
    await Promise.all(videos.map((v, i) => client.uploadMedia(uploads[i]!, v)))
    const secs = (performance.now() - t0) / 1000
    const peak = sampler.stop()
    const total = (4 * VIDEO_BYTES) / 1e6
    console.log(
      `4 × ${(VIDEO_BYTES / 1024 ** 3).toFixed(2)} GiB videos at once: ${(total / secs).toFixed(0)} MB/s aggregate, ${secs.toFixed(1)} s`,
    )
    console.log(
      `  idle RSS ${(idle / MB).toFixed(0)} MB, peak RSS ${(peak / MB).toFixed(0)} MB (target ≤ 200 MB)`,
    )

    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])
    const image = sparseFile(join(dir, 'big.jpg'), jpeg, IMAGE_BYTES)
    const idle2 = settle()
    const s2 = sampleRss()
    await client.createImagePinFromFile(
      { path: image, contentType: 'image/jpeg' },
      { boardId: boards[0]!.id, title: '20 MB image' },
    )
    const peak2 = s2.stop()
    console.log(
      `one 20 MB image as image_base64 (${((IMAGE_BYTES * 4) / 3 / MB).toFixed(1)} MB of base64 sent):`,
    )
    console.log(
      `  idle RSS ${(idle2 / MB).toFixed(0)} MB, peak RSS ${(peak2 / MB).toFixed(0)} MB, +${((peak2 - idle2) / MB).toFixed(1)} MB over idle (target ≤ +64 MB)`,
    )
  } finally {
    await client.close()
    fake.child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

runBench(main)
