/**
 * Queue thumbnails of 1,000 photos of 12 MP (issue 16): time to the first thumbnail of a fresh queue (the first
 * screenful, 20 rows, asked at once as the window does), the whole set through src/main/media/thumbnails.ts
 * against a bare sharp loop on the same files with the same parallelism (the peer, written here: sharp called
 * directly, no product code), the warm pass from the disk cache, peak RSS, and the HEIC conversion time of one
 * 12 MP iPhone-style photo through the pipeline's prepareImage. Photos are made once and kept in the temporary
 * folder (10 distinct pictures, hard-linked to 1,000 paths: each path is its own thumbnail). Nothing here passes
 * or fails on a timing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, linkSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { prepareImage } from '../src/main/media/prepare-image'
import { Thumbnails } from '../src/main/media/thumbnails'
import { runBench } from './bench-kit'

const PHOTOS = Number(process.env.PINLOAD_BENCH_PHOTOS ?? 1000)
const DISTINCT = 10
const WIDTH = 4000
const HEIGHT = 3000
const SCREENFUL = 20
/** Thumbnails decoded at once: the product's pool size, given to the peer too. */
const PARALLEL = 2
const store = join(tmpdir(), 'pinload-bench-12mp')

async function makePhotos(): Promise<string[]> {
  mkdirSync(store, { recursive: true })
  const distinct: string[] = []
  for (let i = 0; i < DISTINCT; i++) {
    const path = join(store, `base-${i}.jpg`)
    if (!existsSync(path)) {
      const noise = await sharp({
        create: {
          width: WIDTH / 8,
          height: HEIGHT / 8,
          channels: 3,
          background: '#777',
          noise: { type: 'gaussian', mean: 128, sigma: 40 },
        },
      })
        .png()
        .toBuffer()
      await sharp(noise)
        .resize(WIDTH, HEIGHT)
        .modulate({ hue: i * 36 })
        .jpeg({ quality: 90 })
        .toFile(path)
    }
    distinct.push(path)
  }
  const paths: string[] = []
  for (let i = 0; i < PHOTOS; i++) {
    const path = join(store, `photo-${i}.jpg`)
    if (!existsSync(path)) linkSync(distinct[i % DISTINCT]!, path)
    paths.push(path)
  }
  return paths
}

/** The peer: sharp called directly, `PARALLEL` at a time. */
async function bareLoop(paths: string[]): Promise<number> {
  const t0 = performance.now()
  let next = 0
  const worker = async () => {
    while (next < paths.length) {
      const p = paths[next++]!
      await sharp(p).rotate().resize(192, 192, { fit: 'inside' }).jpeg({ quality: 72 }).toBuffer()
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  return performance.now() - t0
}

async function ours(paths: string[], cacheDir: string): Promise<{ firstMs: number; totalMs: number }> {
  const t = new Thumbnails(cacheDir, PARALLEL)
  const t0 = performance.now()
  let firstMs = 0
  const screen = paths.slice(0, SCREENFUL).map((p) =>
    t.dataUrl(p).then((u) => {
      if (!firstMs && u) firstMs = performance.now() - t0
    }),
  )
  await Promise.all([...screen, ...paths.slice(SCREENFUL).map((p) => t.dataUrl(p))])
  return { firstMs, totalMs: performance.now() - t0 }
}

async function heicSeconds(): Promise<number[]> {
  const heic = join(store, 'iphone-12mp.heic')
  if (!existsSync(heic)) {
    const r = spawnSync('convert-im6.q16', [join(store, 'base-0.jpg'), heic])
    if (r.status !== 0) throw new Error(`ImageMagick could not write HEIC: ${r.stderr?.toString()}`)
  }
  const tempDir = mkdtempSync(join(tmpdir(), 'pinload-bench-heic-'))
  const out: number[] = []
  try {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now()
      const r = await prepareImage(heic, {
        name: 'iphone-12mp.heic',
        mime: 'image/heic',
        keepMetadata: false,
        tempDir,
        key: `bench-${i}`,
        size: statSync(heic).size,
      })
      if (!r.ok) throw new Error(r.error.message)
      out.push((performance.now() - t0) / 1000)
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true })
  }
  return out
}

async function main(): Promise<void> {
  const t0 = performance.now()
  const paths = await makePhotos()
  console.log(
    `${PHOTOS} photos of ${WIDTH}×${HEIGHT} ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${store})`,
  )
  const cacheRoot = mkdtempSync(join(tmpdir(), 'pinload-bench-thumbs-'))
  try {
    // Alternating order, two rounds each, best kept: neither side always runs on a cold page cache.
    const bare: number[] = []
    const mine: { firstMs: number; totalMs: number }[] = []
    for (let round = 0; round < 2; round++) {
      const runOurs = () => ours(paths, join(cacheRoot, `round-${round}`)).then((r) => mine.push(r))
      const runBare = () => bareLoop(paths).then((ms) => bare.push(ms))
      if (round % 2 === 0) await runOurs().then(runBare)
      else await runBare().then(runOurs)
    }
    const bestBare = Math.min(...bare)
    const best = mine.reduce((a, b) => (a.totalMs < b.totalMs ? a : b))
    const warm0 = performance.now()
    await ours(paths, join(cacheRoot, 'round-0'))
    const warmMs = performance.now() - warm0
    console.log(
      `first thumbnail of a fresh queue: ${Math.min(...mine.map((m) => m.firstMs)).toFixed(0)} ms (target < 300 ms)`,
    )
    console.log(
      `all ${PHOTOS} thumbnails: ${(best.totalMs / 1000).toFixed(1)} s; bare sharp loop: ${(bestBare / 1000).toFixed(1)} s`,
    )
    console.log(
      `ratio bare/ours: ${(bestBare / best.totalMs).toFixed(2)} (target ≥ 0.8; ${PARALLEL} at a time on both sides)`,
    )
    console.log(
      `warm pass from the disk cache: ${(warmMs / 1000).toFixed(2)} s (${(warmMs / PHOTOS).toFixed(2)} ms per photo)`,
    )
    const heic = await heicSeconds()
    console.log(`HEIC 12 MP → JPEG (prepareImage): ${heic.map((s) => `${s.toFixed(2)} s`).join(', ')}`)
    console.log(
      `peak RSS of this process (main's part): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    )
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true })
  }
}

runBench(main)
