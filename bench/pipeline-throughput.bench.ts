/**
 * 1,000 image Pins through the whole pipeline (queue + SQLite + client) against the fake Pinterest running in
 * a child process with rate limits off, versus a bare undici loop making the same create calls at the same
 * concurrency with no queue. Prints both rates and the ratio (target ≥ 0.8); never passes or fails on time.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Agent, request } from 'undici'
import { openDatabase } from '../src/main/db/connection'
import { defaultSettings } from '../src/main/db/settings-store'
import { createPinterestClient } from '../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../src/main/pinterest/rate-governor'
import { UploadQueue } from '../src/main/pipeline/upload-queue'
import { runBench } from './bench-kit'

const N = Number(process.env.BENCH_PINS ?? 1000)
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
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (c) => reject(new Error(`fake exited with ${c}`)))
  })
  return { info: JSON.parse(line) as FakeInfo, stop: () => child.stdin.end() }
}

function jpeg(seed: number): Buffer {
  // A JPEG header, ~2 KB of comment bytes (distinct per file), end marker: a small image as the API sees it.
  const comment = Buffer.alloc(2000, seed % 251)
  comment.write(`pin-${seed}`)
  const len = Buffer.alloc(2)
  len.writeUInt16BE(comment.length + 2)
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xfe]), len, comment, Buffer.from([0xff, 0xd9])])
}

async function bareLoop(info: FakeInfo, files: string[]): Promise<number> {
  const agent = new Agent({ connections: 6, keepAliveTimeout: 30_000 })
  let next = 0
  const t0 = performance.now()
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!
      const data = readFileSync(file).toString('base64')
      const body = JSON.stringify({ board_id: info.boards[0], title: file.slice(-12), media_source: { source_type: 'image_base64', content_type: 'image/jpeg', data } })
      const res = await request(`${info.apiBase}/pins`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
        body,
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

async function pipeline(info: FakeInfo, files: string[], dir: string): Promise<number> {
  const db = openDatabase({ dataDir: join(dir, 'data') })
  const unlimited = { perWindow: 1e9, windowMs: 60_000, burst: 1e9 }
  const tokens = { getAccessToken: () => Promise.resolve(info.token), refreshAccessToken: () => Promise.reject(new Error('no refresh')) }
  const client = createPinterestClient({ apiBase: info.apiBase, tokens, governor: new RateGovernor({ limits: { org_read: unlimited, org_write: unlimited } }) })
  const settings = { ...defaultSettings(join(dir, 'data')), concurrency: CONCURRENCY }
  const queue = new UploadQueue({ db, apiFor: () => client, settings: () => settings })
  const t0 = performance.now()
  queue.enqueue(files.map((path) => ({ path, meta: { boardId: info.boards[1], title: path.slice(-12) } })), { kind: 'cli', label: 'bench' })
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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pinload-bench-'))
  const { info, stop } = await startFakeChild()
  try {
    const mk = (prefix: string) =>
      Array.from({ length: N }, (_, i) => {
        const p = join(dir, `${prefix}-${String(i).padStart(5, '0')}.jpg`)
        writeFileSync(p, jpeg(i + (prefix === 'b' ? 0 : 100_000)))
        return p
      })
    const bareFiles = mk('b')
    const pipeFiles = mk('p')
    await bareLoop(info, bareFiles.slice(0, 30)) // warm up the fake and the JIT
    let cpu = process.cpuUsage()
    const bare = await bareLoop(info, bareFiles)
    const bareCpu = process.cpuUsage(cpu)
    cpu = process.cpuUsage()
    const pipe = await pipeline(info, pipeFiles, dir)
    const pipeCpu = process.cpuUsage(cpu)
    const ms = (c: NodeJS.CpuUsage) => ((c.user + c.system) / 1000 / N).toFixed(2)
    const bareRate = N / bare
    const pipeRate = N / pipe
    console.log(`bare undici loop : ${N} Pins in ${bare.toFixed(2)} s = ${bareRate.toFixed(0)} Pins/s (concurrency ${CONCURRENCY})`)
    console.log(`whole pipeline   : ${N} Pins in ${pipe.toFixed(2)} s = ${pipeRate.toFixed(0)} Pins/s (queue + SQLite + hashing + client)`)
    console.log(`CPU of this process per Pin: bare ${ms(bareCpu)} ms, pipeline ${ms(pipeCpu)} ms`)
    console.log(`ratio pipeline/bare: ${(pipeRate / bareRate).toFixed(2)} (target >= 0.8)`)
  } finally {
    stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

runBench(main)
