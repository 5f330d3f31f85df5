/**
 * The full write budget (issue 14 point 5): the fake Pinterest enforces a strict sliding window of 30 writes per
 * minute and Pinload is configured with the same limit (the "writes per minute" setting); 45 image Pins go
 * through the whole pipeline (queue + SQLite + client). The ideal is what the window allows: 30 at once, 15 a
 * minute later, so 60 s. Printed: the wall time, its ratio to the ideal and the 429s the fake answered, for the
 * sliding-window governor as shipped and, in the same run, for the token bucket it replaced
 * (bench/rate-token-bucket.ts, its own implementation). Each side gets a fresh fake so neither inherits the
 * other's window. Never passes or fails on time. BENCH_RATE_PINS and BENCH_RATE_LIMIT change the figures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/main/db/connection'
import { defaultSettings } from '../src/main/db/settings-store'
import { startFakePinterest } from '../src/main/fake-pinterest/index'
import { createPinterestClient } from '../src/main/pinterest/pinterest-client'
import { RateGovernor, type RequestGovernor } from '../src/main/pinterest/rate-governor'
import { UploadQueue } from '../src/main/pipeline/upload-queue'
import { runBench } from './bench-kit'
import { TokenBucketGovernor } from './rate-token-bucket'

const PINS = Number(process.env.BENCH_RATE_PINS ?? 45)
const LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? 30)
const WINDOW_MS = 60_000

/** A small JPEG as the API sees it: SOI, APP0, a comment distinct per seed, EOI. */
function jpeg(seed: number): Buffer {
  const comment = Buffer.alloc(2000, seed % 251)
  comment.write(`rate-budget-${seed}`)
  const marker = Buffer.from([0xff, 0xfe, 0, 0])
  marker.writeUInt16BE(comment.length + 2, 2)
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    marker,
    comment,
    Buffer.from([0xff, 0xd9]),
  ])
}

interface Outcome {
  secs: number
  refused: number
  published: number
}

async function publish(files: string[], dataDir: string, governor: RequestGovernor): Promise<Outcome> {
  const fake = await startFakePinterest({
    rateLimits: { org_write: { limit: LIMIT, windowMs: WINDOW_MS, sliding: true } },
  })
  const board = fake.addBoard({ name: 'Budget' }).id
  const token = fake.issueToken().accessToken
  const db = openDatabase({ dataDir })
  const client = createPinterestClient({
    apiBase: fake.apiBase,
    tokens: {
      getAccessToken: () => Promise.resolve(token),
      refreshAccessToken: () => Promise.reject(new Error('no refresh')),
    },
    governor,
  })
  const settings = defaultSettings(dataDir)
  const queue = new UploadQueue({ db, apiFor: () => client, settings: () => settings })
  try {
    const t0 = performance.now()
    queue.enqueue(
      files.map((path, i) => ({ path, meta: { boardId: board, title: `Pin ${i}` } })),
      { kind: 'cli', label: 'bench' },
    )
    queue.start()
    await queue.whenIdle()
    return {
      secs: (performance.now() - t0) / 1000,
      refused: fake.requests.filter((r) => r.status === 429).length,
      published: queue.list().totals.byState.published ?? 0,
    }
  } finally {
    await queue.shutdown()
    await client.close()
    db.close()
    await fake.close()
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pinload-rate-bench-'))
  try {
    const files = Array.from({ length: PINS }, (_, i) => {
      const path = join(root, `pin-${String(i).padStart(3, '0')}.jpg`)
      writeFileSync(path, jpeg(i))
      return path
    })
    // What the window allows: LIMIT at once, then LIMIT more at the start of each further window.
    const idealSecs = (Math.ceil(PINS / LIMIT) - 1) * (WINDOW_MS / 1000)
    console.log(
      `${PINS} image Pins, fake enforcing a strict sliding ${LIMIT} writes/minute, the same limit configured; ideal ${idealSecs} s`,
    )
    const sliding = await publish(
      files,
      join(root, 'sliding'),
      new RateGovernor({ profile: 'standard', writesPerMinute: LIMIT }),
    )
    const bucket = await publish(
      files,
      join(root, 'bucket'),
      new TokenBucketGovernor({
        org_read: { perWindow: 1000, windowMs: WINDOW_MS },
        org_write: { perWindow: LIMIT, windowMs: WINDOW_MS },
      }),
    )
    const row = (name: string, o: Outcome) =>
      `${name.padEnd(34)} ${o.secs.toFixed(1).padStart(6)} s  ${(o.secs / idealSecs).toFixed(3)}× ideal  ${String(o.refused).padStart(3)} × 429  ${o.published}/${PINS} published`
    console.log(row('sliding window (as shipped)', sliding))
    console.log(row('token bucket (before, peer)', bucket))
    console.log(
      `sliding window: ${(bucket.secs / sliding.secs).toFixed(2)}× faster than the token bucket; within 1.1× of the ideal: ${sliding.secs <= idealSecs * 1.1 ? 'yes' : 'no'}`,
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

runBench(main)
