/**
 * Queue thumbnails of 1,000 photos of 12 MP (issue 16). First, what a user sees on opening a fresh queue (cold
 * thumbnail cache): the window asks only for the rows it mounts (src/renderer/src/features/queue/use-thumbnail.ts),
 * which at the e2e viewport of 1100×720 is at most one screen of 56 px rows plus the list's overscan of 6
 * (queue-row.tsx, queue-list.tsx); the time from that ask to the first thumbnail back, through the real
 * `uploads:thumbnail` service (src/main/services/thumbnail-source.ts) over a real SQLite queue. Then the rest of
 * the queue, asked all at once (a throughput pass: real scrolling asks screen by screen), against a bare sharp loop on the same files with the same parallelism
 * (the peer: sharp called directly in a process of its own, bench/bare-sharp-thumbs.ts, no product code); the warm pass from the disk cache, peak RSS,
 * and the HEIC conversion time of one 12 MP iPhone-style photo through the pipeline's prepareImage. Photos are
 * made once and kept in the temporary folder (10 distinct pictures, hard-linked to 1,000 paths: each path is its
 * own thumbnail). Nothing here passes or fails on a timing.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/db/connection'
import { ItemRepository } from '../src/main/db/item-repository'
import { prepareImage } from '../src/main/media/prepare-image'
import { thumbnailService } from '../src/main/services/thumbnail-source'
import { runBench } from './bench-kit'
import { PHOTO_STORE as store, twelveMpPhotos } from './twelve-mp-photos'

const PHOTOS = Number(process.env.PINLOAD_BENCH_PHOTOS ?? 1000)
/** Rows the window mounts on opening: ⌈720 / 56⌉ rows of the viewport (less its header) plus an overscan of 6. */
const SCREENFUL = Math.ceil(720 / 56) + 6
/** Thumbnails decoded at once: the product's pool size, given to the peer too. */
const PARALLEL = 2

/** The peer: sharp called directly, `PARALLEL` at a time, in a process of its own (bench/bare-sharp-thumbs.ts). */
async function bareLoop(paths: string[]): Promise<number> {
  const list = join(store, 'paths.json')
  writeFileSync(list, JSON.stringify(paths))
  const script = join(import.meta.dirname, 'bare-sharp-thumbs.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', script, list, String(PARALLEL)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  const code = await new Promise<number | null>((r) => child.on('exit', r))
  if (code !== 0 || !Number(out)) throw new Error(`the bare sharp loop failed (exit ${code}): ${out}`)
  return Number(out)
}

/** A queue of published photos in a real database, as pre-flight leaves them (content type known). */
function seedQueue(dataDir: string, paths: string[]): { repo: ItemRepository; ids: number[]; close(): void } {
  const db = openDatabase({ dataDir })
  const repo = new ItemRepository(db)
  const ids = db.transaction(() => {
    const batchId = repo.createBatch({ kind: 'cli', label: 'photos' })
    return paths.map((path, i) => {
      const row = repo.insertRow(batchId, i, {
        draft: { path, meta: { boardId: '1' } },
        kind: 'image',
        size: statSync(path).size,
        mtimeMs: 0,
        state: 'published',
      })
      repo.update(row.id, { content_type: 'image/jpeg' })
      return row.id
    })
  })
  return { repo, ids, close: () => db.close() }
}

interface Pass {
  firstMs: number
  screenMs: number
  totalMs: number
}

/**
 * Through the real service: the screenful asked alone (opening the queue), then the rest at once.
 * A fresh service per pass (an app start), over `cacheDir`: empty for a cold pass.
 */
async function ours(queue: ReturnType<typeof seedQueue>, cacheDir: string): Promise<Pass> {
  const thumbnail = thumbnailService(queue.repo, cacheDir)
  const t0 = performance.now()
  let firstMs = 0
  const urls = await Promise.all(
    queue.ids.slice(0, SCREENFUL).map((id) =>
      thumbnail(id).then((u) => {
        if (!firstMs && u) firstMs = performance.now() - t0
        return u
      }),
    ),
  )
  if (urls.some((u) => !u)) throw new Error('a row of the first screen got no thumbnail')
  const screenMs = performance.now() - t0
  await Promise.all(queue.ids.slice(SCREENFUL).map((id) => thumbnail(id)))
  return { firstMs, screenMs, totalMs: performance.now() - t0 }
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
  const paths = await twelveMpPhotos(PHOTOS)
  console.log(
    `${PHOTOS} photos of 4000×3000 ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${store})`,
  )
  const cacheRoot = mkdtempSync(join(tmpdir(), 'pinload-bench-thumbs-'))
  const dataDir = join(cacheRoot, 'data')
  mkdirSync(dataDir)
  const queue = seedQueue(dataDir, paths)
  try {
    // Alternating order, two rounds each: neither side always runs on a cold page cache.
    const bare: number[] = []
    const mine: Pass[] = []
    for (let round = 0; round < 2; round++) {
      const runOurs = () => ours(queue, join(cacheRoot, `round-${round}`)).then((r) => mine.push(r))
      const runBare = () => bareLoop(paths).then((ms) => bare.push(ms))
      if (round % 2 === 0) await runOurs().then(runBare)
      else await runBare().then(runOurs)
    }
    const bestBare = Math.min(...bare)
    const best = mine.reduce((a, b) => (a.totalMs < b.totalMs ? a : b))
    const warm0 = performance.now()
    await ours(queue, join(cacheRoot, 'round-0'))
    const warmMs = performance.now() - warm0
    const ms = (xs: number[]) => xs.map((x) => `${x.toFixed(0)} ms`).join(', ')
    console.log(
      `opening a fresh queue (${SCREENFUL} rows asked, cold thumbnail cache; the files themselves are in the OS page cache), first thumbnail: ${ms(mine.map((m) => m.firstMs))} (target < 300 ms); whole screen: ${ms(mine.map((m) => m.screenMs))}`,
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
    queue.close()
    rmSync(cacheRoot, { recursive: true, force: true })
  }
}

runBench(main)
