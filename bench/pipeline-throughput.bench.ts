/**
 * 1,000 image Pins through the whole pipeline (queue + SQLite + hashing + client) against the fake Pinterest
 * running in a child process with rate limits off, versus a bare undici loop making the same create calls at
 * the same concurrency with no queue. Both read the same files. Rounds alternate which goes first (this
 * machine's speed drifts by ±10 % between runs), and the median of the per-round ratios is printed.
 * Two sets of files: photo-sized JPEGs (150–450 KB, what people post; the target, ≥ 0.8×, is judged on
 * these) and 2 KB files, where the HTTP call costs next to nothing and the ratio shows the queue's own
 * per-Pin cost. Never passes or fails on time.
 */
import { spawn } from 'node:child_process'
import {
  closeSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Agent, request } from 'undici'
import { openDatabase } from '../src/main/db/connection'
import { defaultSettings } from '../src/main/db/settings-store'
import { base64JsonBodyFromBytes } from '../src/main/pinterest/image-pin-body'
import { createPinterestClient } from '../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../src/main/pinterest/rate-governor'
import { UploadQueue } from '../src/main/pipeline/upload-queue'
import { runBench } from './bench-kit'

const N = Number(process.env.BENCH_PINS ?? 1000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONCURRENCY = 3
const root = join(import.meta.dirname, '..')

interface FakeInfo {
  apiBase: string
  token: string
  boards: string[]
}

async function startFakeChild(): Promise<{ info: FakeInfo; stop: () => void }> {
  const code = `
    const m = await import(${JSON.stringify(join(root, 'tests/fake-pinterest/index.ts'))})
    const startFakePinterest = m.startFakePinterest ?? m.default.startFakePinterest
    const fake = await startFakePinterest({ rateLimits: false })
    const boards = [fake.addBoard({ name: 'Bare' }).id, fake.addBoard({ name: 'Pipeline' }).id]
    process.stdout.write(JSON.stringify({ apiBase: fake.apiBase, token: fake.issueToken().accessToken, boards }) + '\\n')
    process.stdin.on('end', () => fake.close().then(() => process.exit(0)))
    process.stdin.resume()
  `
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (c) => reject(new Error(`fake exited with ${c}`)))
  })
  return { info: JSON.parse(line) as FakeInfo, stop: () => child.stdin.end() }
}

/** A JPEG as the API sees it: SOI, APP0, `size` bytes of comment segments (distinct per seed), EOI. */
function jpeg(seed: number, size: number): Buffer {
  const parts: Buffer[] = [
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
  ]
  for (let left = size; left > 0; left -= 65_000) {
    const comment = Buffer.alloc(Math.min(65_000, left), (seed + left) % 251)
    comment.write(`pin-${seed}-${left}`)
    const marker = Buffer.from([0xff, 0xfe, 0, 0])
    marker.writeUInt16BE(comment.length + 2, 2)
    parts.push(marker, comment)
  }
  parts.push(Buffer.from([0xff, 0xd9]))
  return Buffer.concat(parts)
}

/**
 * The peer: the same create calls, byte for byte, made the cheapest way a loop can (each worker reads into one
 * reused buffer and encodes into another, and hands undici a single buffer), so the ratio is what the queue,
 * SQLite, hashing and validation cost, not a difference in how the bodies are built.
 */
async function bareLoop(info: FakeInfo, files: string[]): Promise<number> {
  const agent = new Agent({ connections: 6, keepAliveTimeout: 30_000 })
  let next = 0
  const t0 = performance.now()
  const worker = async () => {
    let raw = Buffer.allocUnsafeSlow(64 * 1024)
    let out = Buffer.allocUnsafeSlow(64 * 1024)
    const scratch = (n: number) => (out.length >= n ? out : (out = Buffer.allocUnsafeSlow(n))).subarray(0, n)
    while (next < files.length) {
      const file = files[next++]!
      const fd = openSync(file, 'r')
      const size = fstatSync(fd).size
      if (raw.length < size) raw = Buffer.allocUnsafeSlow(size)
      const bytes = raw.subarray(0, readSync(fd, raw, 0, size, 0))
      closeSync(fd)
      const build = (slot: string) => ({
        board_id: info.boards[0],
        title: file.slice(-12),
        media_source: { source_type: 'image_base64', content_type: 'image/jpeg', data: slot },
      })
      const [body] = [
        ...(base64JsonBodyFromBytes(build, bytes, () => {}, scratch).open(
          new AbortController().signal,
        ) as Iterable<Uint8Array>),
      ]
      const res = await request(`${info.apiBase}/pins`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
        body: body!,
      })
      await res.body.text()
      if (res.statusCode >= 300) throw new Error(`bare create answered ${res.statusCode}`)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const secs = (performance.now() - t0) / 1000
  await agent.close()
  return secs
}

async function pipeline(info: FakeInfo, files: string[], dataDir: string): Promise<number> {
  const db = openDatabase({ dataDir })
  const unlimited = { perWindow: 1e9, windowMs: 60_000, burst: 1e9 }
  const tokens = {
    getAccessToken: () => Promise.resolve(info.token),
    refreshAccessToken: () => Promise.reject(new Error('no refresh')),
  }
  const client = createPinterestClient({
    apiBase: info.apiBase,
    tokens,
    governor: new RateGovernor({ limits: { org_read: unlimited, org_write: unlimited } }),
  })
  const settings = { ...defaultSettings(dataDir), concurrency: CONCURRENCY }
  const queue = new UploadQueue({ db, apiFor: () => client, settings: () => settings })
  const t0 = performance.now()
  queue.enqueue(
    files.map((path) => ({ path, meta: { boardId: info.boards[1], title: path.slice(-12) } })),
    { kind: 'cli', label: 'bench' },
  )
  queue.start()
  await queue.whenIdle()
  const secs = (performance.now() - t0) / 1000
  const published = queue.list().totals.byState.published ?? 0
  await queue.shutdown()
  await client.close()
  db.close()
  if (published !== files.length) throw new Error(`only ${published} of ${files.length} published`)
  return secs
}

interface Measured {
  secs: number
  cpuMs: number
}

async function measure(run: () => Promise<number>): Promise<Measured> {
  const cpu = process.cpuUsage()
  const secs = await run()
  const used = process.cpuUsage(cpu)
  return { secs, cpuMs: (used.user + used.system) / 1000 }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function profile(
  info: FakeInfo,
  dir: string,
  name: string,
  title: string,
  sizeOf: (i: number) => number,
): Promise<void> {
  const filesDir = join(dir, name)
  mkdirSync(filesDir)
  let bytes = 0
  const files = Array.from({ length: N }, (_, i) => {
    const p = join(filesDir, `${String(i).padStart(5, '0')}.jpg`)
    const data = jpeg(i, sizeOf(i))
    bytes += data.length
    writeFileSync(p, data)
    return p
  })
  await bareLoop(info, files.slice(0, 30)) // warm up the fake, the page cache and the JIT
  console.log(
    `\n${title}: ${N} files, ${(bytes / N / 1024).toFixed(0)} KB on average, concurrency ${CONCURRENCY}`,
  )
  const ratios: number[] = []
  const rates = { bare: [] as number[], pipe: [] as number[] }
  const cpu = { bare: [] as number[], pipe: [] as number[] }
  for (let r = 0; r < ROUNDS; r++) {
    const runBare = () => measure(() => bareLoop(info, files))
    const runPipe = () => measure(() => pipeline(info, files, join(dir, `${name}-data-${r}`)))
    let bare: Measured
    let pipe: Measured
    if (r % 2 === 0) {
      bare = await runBare()
      pipe = await runPipe()
    } else {
      pipe = await runPipe()
      bare = await runBare()
    }
    rates.bare.push(N / bare.secs)
    rates.pipe.push(N / pipe.secs)
    cpu.bare.push(bare.cpuMs / N)
    cpu.pipe.push(pipe.cpuMs / N)
    ratios.push(bare.secs / pipe.secs)
    console.log(
      `  round ${r + 1}: bare ${(N / bare.secs).toFixed(0)} Pins/s (${(bare.cpuMs / N).toFixed(2)} ms CPU/Pin), ` +
        `pipeline ${(N / pipe.secs).toFixed(0)} Pins/s (${(pipe.cpuMs / N).toFixed(2)} ms CPU/Pin), ratio ${(bare.secs / pipe.secs).toFixed(2)}`,
    )
  }
  console.log(
    `  median: bare ${median(rates.bare).toFixed(0)} Pins/s, pipeline ${median(rates.pipe).toFixed(0)} Pins/s; ` +
      `CPU of this process per Pin: bare ${median(cpu.bare).toFixed(2)} ms, pipeline ${median(cpu.pipe).toFixed(2)} ms`,
  )
  console.log(`  ratio pipeline/bare, median of ${ROUNDS} rounds: ${median(ratios).toFixed(2)}`)
  rmSync(filesDir, { recursive: true, force: true })
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pinload-bench-'))
  const { info, stop } = await startFakeChild()
  try {
    // Sizes spread evenly over 150–450 KB, in a fixed order.
    await profile(
      info,
      dir,
      'photos',
      'Photos of 150-450 KB (target >= 0.8)',
      (i) => 150_000 + ((i * 7919) % 300_001),
    )
    await profile(
      info,
      dir,
      'tiny',
      "2 KB files (the queue's own per-Pin cost laid bare; no target)",
      () => 2000,
    )
  } finally {
    stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

runBench(main)
