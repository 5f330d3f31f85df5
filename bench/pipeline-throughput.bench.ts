/**
 * 1,000 image Pins through the whole pipeline (queue + SQLite + hashing + client) against the fake Pinterest
 * running in a child process with rate limits off, versus a bare undici loop making the same create calls at
 * the same concurrency with no queue (bench/bare-pin-loop.ts, written apart from the product's body builder and
 * client). Both read the same files; before the measured rounds a recording proxy checks that both send the same
 * create bodies byte for byte. Rounds alternate which goes first (even rounds the bare loop, odd rounds the
 * pipeline: this machine's speed drifts by ±10 % between runs), and the median of the per-round ratios is printed.
 * Two sets of files: photo-sized JPEGs (150–450 KB, what people post; the target, ≥ 0.8×, is judged on
 * these) and 2 KB files, where the HTTP call costs next to nothing and the ratio shows the queue's own
 * per-Pin cost. On both sets, further rounds price the durable commit (issue 11): the pipeline as shipped
 * against the same with `durableCommits: false` (on 2 KB files nothing hides the fsync). Never passes or
 * fails on time.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { openDatabase } from '../src/main/db/connection'
import { defaultSettings } from '../src/main/db/settings-store'
import { createPinterestClient } from '../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../src/main/pinterest/rate-governor'
import { UploadQueue } from '../src/main/pipeline/upload-queue'
import { bareLoop } from './bare-pin-loop'
import { runBench } from './bench-kit'
import { maskStringValue, startWireRecorder, wireDifference, type RecordedCreate } from './wire-recorder'

const N = Number(process.env.BENCH_PINS ?? 1000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
/** The durable commit's cost is small next to this machine's drift between rounds: it gets more of them. */
const DURABLE_ROUNDS = Number(process.env.BENCH_DURABLE_ROUNDS ?? 5)
const CONCURRENCY = 3
const root = join(import.meta.dirname, '..')

interface FakeInfo {
  apiBase: string
  token: string
  boards: { bare: string; pipeline: string; check: string }
}

/** Both sides title a Pin the same way, so their bodies can be compared. */
const titleOf = (path: string) => path.slice(-12)

async function startFakeChild(): Promise<{ info: FakeInfo; stop: () => void }> {
  const code = `
    const m = await import(${JSON.stringify(join(root, 'src/main/fake-pinterest/index.ts'))})
    const startFakePinterest = m.startFakePinterest ?? m.default.startFakePinterest
    const fake = await startFakePinterest({ rateLimits: false })
    const board = (name) => fake.addBoard({ name }).id
    const boards = { bare: board('Bare'), pipeline: board('Pipeline'), check: board('Check') }
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

/** One pipeline run: its wall time and how many commits it made with `synchronous = FULL`. */
interface PipelineRun {
  secs: number
  fullCommits: number
}

async function pipeline(
  info: FakeInfo,
  files: string[],
  dataDir: string,
  opts: { boardId?: string; durableCommits?: boolean } = {},
): Promise<PipelineRun> {
  const boardId = opts.boardId ?? info.boards.pipeline
  const db = openDatabase({
    dataDir,
    ...(opts.durableCommits !== undefined && { durableCommits: opts.durableCommits }),
  })
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
    files.map((path) => ({ path, meta: { boardId, title: titleOf(path) } })),
    { kind: 'cli', label: 'bench' },
  )
  queue.start()
  await queue.whenIdle()
  const secs = (performance.now() - t0) / 1000
  const published = queue.list().totals.byState.published ?? 0
  await queue.shutdown()
  await client.close()
  const fullCommits = db.durableCommits
  db.close()
  if (published !== files.length) throw new Error(`only ${published} of ${files.length} published`)
  return { secs, fullCommits }
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

/**
 * Sends `files` once through each side, to one board through a recording proxy, and fails unless every create body
 * the bare loop sent equals the pipeline's for the same file, byte for byte, with the same Content-Type and
 * Content-Length. The one field allowed to differ is the value of a `dominant_color`, which the pipeline fills with
 * a random mark per create: when the pipeline sends one, so does the peer (a colour of its own, same length).
 * It also warms up both sides, the fake and the page cache; nothing here is timed.
 */
async function checkSameWire(
  info: FakeInfo,
  files: string[],
  dataDir: string,
): Promise<{ summary: string; markColour: boolean }> {
  const recorder = await startWireRecorder(info.apiBase)
  try {
    const via = { ...info, apiBase: recorder.apiBase }
    await pipeline(via, files, dataDir, { boardId: info.boards.check })
    const product = recorder.take()
    const markColour = product.some((c) => c.body.includes('"dominant_color":"'))
    await bareLoop({ ...via, boardId: info.boards.check, markColour }, files, titleOf, CONCURRENCY)
    const peer = recorder.take()
    if (product.length !== files.length || peer.length !== files.length)
      throw new Error(`wire check: ${product.length} and ${peer.length} creates for ${files.length} files`)
    const titleIn = (c: RecordedCreate) => (JSON.parse(c.body.toString()) as { title: string }).title
    const byTitle = new Map(product.map((c) => [titleIn(c), c]))
    for (const c of peer) {
      const twin = byTitle.get(titleIn(c))
      if (!twin) throw new Error(`wire check: the pipeline sent no create titled ${titleIn(c)}`)
      const diff = wireDifference(
        maskStringValue(twin, 'dominant_color'),
        maskStringValue(c, 'dominant_color'),
      )
      if (diff) throw new Error(`wire check, ${titleIn(c)}: ${diff}`)
    }
    const lengths = peer.map((c) => c.body.length)
    const summary =
      `${peer.length} create bodies byte-identical (${Math.min(...lengths)}–${Math.max(...lengths)} bytes)` +
      (markColour ? ' but for the dominant_color mark each side draws for itself' : '')
    return { summary, markColour }
  } finally {
    await recorder.close()
  }
}

/**
 * What the durable commit costs: the pipeline as shipped (the `creating` write committed with
 * `synchronous = FULL` before each create, src/main/db/connection.ts) against the same with
 * `durableCommits: false`, on the same files, alternating which goes first. The cost per Pin is the median of
 * the rounds' paired differences in wall time, so the machine's drift between rounds cancels out.
 */
async function durableCost(info: FakeInfo, files: string[], dir: string, name: string): Promise<void> {
  const n = files.length
  const sides = {
    on: { rate: [] as number[], cpu: [] as number[], full: [] as number[] },
    off: { rate: [] as number[], cpu: [] as number[], full: [] as number[] },
  }
  const diffMs: number[] = []
  const diffPct: number[] = []
  console.log(`  durable commit (database in ${dir}):`)
  for (let r = 0; r < DURABLE_ROUNDS; r++) {
    const secs = { on: 0, off: 0 }
    const run = async (side: 'on' | 'off') => {
      const cpu = process.cpuUsage()
      const out = await pipeline(info, files, join(dir, `${name}-${side}-${r}`), {
        durableCommits: side === 'on',
      })
      const used = process.cpuUsage(cpu)
      secs[side] = out.secs
      sides[side].rate.push(n / out.secs)
      sides[side].cpu.push((used.user + used.system) / 1000 / n)
      sides[side].full.push((out.fullCommits / n) * 1000)
    }
    const offFirst = r % 2 === 0
    for (const side of offFirst ? (['off', 'on'] as const) : (['on', 'off'] as const)) await run(side)
    const perPin = ((secs.on - secs.off) / n) * 1000
    diffMs.push(perPin)
    diffPct.push(((secs.on - secs.off) / secs.off) * 100)
    console.log(
      `    round ${r + 1} (${offFirst ? 'off first' : 'on first'}): FULL on ${(n / secs.on).toFixed(0)} Pins/s, ` +
        `off ${(n / secs.off).toFixed(0)} Pins/s, ${perPin >= 0 ? '+' : ''}${perPin.toFixed(3)} ms per Pin`,
    )
  }
  const ms = median(diffMs)
  const pct = median(diffPct)
  console.log(
    `    median of ${DURABLE_ROUNDS} rounds: the durable commit costs ${ms >= 0 ? '+' : ''}${ms.toFixed(3)} ms per Pin (${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %); ` +
      `on ${median(sides.on.rate).toFixed(0)} Pins/s (${median(sides.on.cpu).toFixed(2)} ms CPU/Pin), ` +
      `off ${median(sides.off.rate).toFixed(0)} Pins/s (${median(sides.off.cpu).toFixed(2)} ms CPU/Pin)`,
  )
  console.log(
    `    FULL commits per 1,000 Pins: on ${median(sides.on.full).toFixed(0)}, off ${median(sides.off.full).toFixed(0)}`,
  )
}

async function profile(
  info: FakeInfo,
  dir: string,
  name: string,
  title: string,
  sizeOf: (i: number) => number,
  opts: { durableRounds?: boolean } = {},
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
  console.log(
    `\n${title}: ${N} files, ${(bytes / N / 1024).toFixed(0)} KB on average, concurrency ${CONCURRENCY}`,
  )
  const wire = await checkSameWire(info, files.slice(0, 30), join(dir, `${name}-check`))
  console.log(`  wire check: ${wire.summary}`)
  const ratios: number[] = []
  const rates = { bare: [] as number[], pipe: [] as number[] }
  const cpu = { bare: [] as number[], pipe: [] as number[] }
  for (let r = 0; r < ROUNDS; r++) {
    const bareTarget = { ...info, boardId: info.boards.bare, markColour: wire.markColour }
    const runBare = () => measure(() => bareLoop(bareTarget, files, titleOf, CONCURRENCY))
    const runPipe = () =>
      measure(async () => (await pipeline(info, files, join(dir, `${name}-data-${r}`))).secs)
    let bare: Measured
    let pipe: Measured
    const bareFirst = r % 2 === 0
    if (bareFirst) {
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
      `  round ${r + 1} (${bareFirst ? 'bare first' : 'pipeline first'}): bare ${(N / bare.secs).toFixed(0)} Pins/s (${(bare.cpuMs / N).toFixed(2)} ms CPU/Pin), ` +
        `pipeline ${(N / pipe.secs).toFixed(0)} Pins/s (${(pipe.cpuMs / N).toFixed(2)} ms CPU/Pin), ratio ${(bare.secs / pipe.secs).toFixed(2)}`,
    )
  }
  console.log(
    `  median: bare ${median(rates.bare).toFixed(0)} Pins/s, pipeline ${median(rates.pipe).toFixed(0)} Pins/s; ` +
      `CPU of this process per Pin: bare ${median(cpu.bare).toFixed(2)} ms, pipeline ${median(cpu.pipe).toFixed(2)} ms`,
  )
  console.log(`  ratio pipeline/bare, median of ${ROUNDS} rounds: ${median(ratios).toFixed(2)}`)
  if (opts.durableRounds) await durableCost(info, files, dir, name)
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
      { durableRounds: true },
    )
    await profile(
      info,
      dir,
      'tiny',
      "2 KB files (the queue's own per-Pin cost laid bare; no target)",
      () => 2000,
      { durableRounds: true },
    )
  } finally {
    stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

runBench(main)
