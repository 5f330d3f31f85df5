/**
 * Scans a folder of 10,000 small image files (the sources engineer's scanPaths: walk, magic-byte check,
 * sidecar lookup) and enqueues them in one batch (one SQLite transaction). Prints the time and files/s of
 * each step, next to a bare readdir+stat walk of the same tree as the peer.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/db/connection'
import { defaultSettings } from '../src/main/db/settings-store'
import { UploadQueue } from '../src/main/pipeline/upload-queue'
import { scanPaths } from '../src/main/sources/folder-scan'
import { runBench } from './bench-kit'

const N = Number(process.env.BENCH_FILES ?? 10_000)
const PER_FOLDER = 500

function jpeg(i: number): Buffer {
  const tag = Buffer.from(`file-${i}`)
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    tag,
    Buffer.from([0xff, 0xd9]),
  ])
}

function bareWalk(dir: string): number {
  let n = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) n += bareWalk(p)
    else if (statSync(p).isFile()) n++
  }
  return n
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pinload-scan-'))
  try {
    const media = join(root, 'media')
    for (let i = 0; i < N; i++) {
      const dir = join(media, `f${Math.floor(i / PER_FOLDER)}`)
      if (i % PER_FOLDER === 0) mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, `img-${String(i).padStart(5, '0')}.jpg`), jpeg(i))
    }
    let t = performance.now()
    const walked = bareWalk(media)
    const bare = (performance.now() - t) / 1000

    t = performance.now()
    const scan = await scanPaths([media], { boardId: '1', titleTemplate: '{name}' })
    const scanSecs = (performance.now() - t) / 1000
    if (scan.drafts.length !== N)
      throw new Error(`scan found ${scan.drafts.length} of ${N} (${scan.problems.length} problems)`)

    const db = openDatabase({ dataDir: join(root, 'data') })
    const settings = defaultSettings(join(root, 'data'))
    const queue = new UploadQueue({ db, apiFor: () => null, settings: () => settings })
    t = performance.now()
    const r = queue.enqueue(scan.drafts, { kind: 'folder', label: 'bench' })
    const enqSecs = (performance.now() - t) / 1000
    await queue.shutdown()
    db.close()
    if (r.queued !== N) throw new Error(`queued ${r.queued} of ${N}`)

    const rate = (s: number) => `${(N / s).toFixed(0)} files/s`
    console.log(`bare readdir+stat walk: ${walked} files in ${bare.toFixed(2)} s (${rate(bare)})`)
    console.log(
      `scanPaths             : ${N} files in ${scanSecs.toFixed(2)} s (${rate(scanSecs)}), ${(scanSecs / bare).toFixed(1)}x the bare walk`,
    )
    console.log(`enqueue (1 transaction): ${N} items in ${enqSecs.toFixed(2)} s (${rate(enqSecs)})`)
    console.log(`scan + enqueue        : ${(scanSecs + enqSecs).toFixed(2)} s (${rate(scanSecs + enqSecs)})`)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

runBench(main)
