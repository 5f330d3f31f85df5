/**
 * Pinload's streamed multipart upload against curl's, same form, same fake S3 endpoint, same 1 GiB file.
 * The fake runs in a child process so its multipart parsing and hashing do not share the uploader's event loop.
 * The curl peer registers its upload itself (a plain `POST /media`, docs/pinterest-api.md §2.1) and never touches
 * the product's client. Rounds alternate which goes first (odd rounds curl, even rounds Pinload) so drift on a busy
 * machine hits both alike; each round prints its order and ratio, and the median of the per-round ratios is printed.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { createPinterestClient } from '../src/main/pinterest/pinterest-client'
import { RateGovernor } from '../src/main/pinterest/rate-governor'
import { runBench, sparseFile, startFakeChild } from './bench-kit'

const SIZE = Number(process.env.BENCH_UPLOAD_BYTES ?? 1024 ** 3)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)

function sparseVideo(dir: string, name: string, size: number): string {
  return sparseFile(join(dir, name), Buffer.from('\0\0\0\x18ftypisom', 'latin1'), size)
}

const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000)

async function main(): Promise<void> {
  if (spawnSync('curl', ['--version']).status !== 0) {
    console.log('curl is not installed: skipping upload-vs-curl')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'pinload-bench-upload-'))
  const fake = await startFakeChild()
  const client = createPinterestClient({
    apiBase: fake.apiBase,
    tokens: {
      getAccessToken: async () => fake.accessToken,
      refreshAccessToken: async () => fake.accessToken,
    },
    governor: new RateGovernor({ maxAttempts: 1 }),
    fetchTimeoutMs: 120_000,
  })
  try {
    const file = sparseVideo(dir, 'video.mp4', SIZE)
    console.log(
      `file ${(SIZE / 1024 ** 3).toFixed(2)} GiB (sparse), ${ROUNDS} rounds each, fake S3 in pid ${fake.child.pid}`,
    )
    const results: { curl: number[]; pinload: number[]; ratio: number[] } = {
      curl: [],
      pinload: [],
      ratio: [],
    }

    /** The peer's own registration: the upload URL and the fields S3 wants, as the API answers them. */
    const registerForCurl = async (): Promise<{ url: string; fields: Record<string, string> }> => {
      const res = await request(`${fake.apiBase}/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fake.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ media_type: 'video' }),
      })
      const answer = (await res.body.json()) as {
        upload_url?: string
        upload_parameters?: Record<string, string>
      }
      if (res.statusCode >= 300 || !answer.upload_url || !answer.upload_parameters)
        throw new Error(`POST /media answered ${res.statusCode}`)
      return { url: answer.upload_url, fields: answer.upload_parameters }
    }
    /** Same form as ours: every upload parameter as a literal field, in order, then the file. */
    const curlUpload = async (path: string): Promise<number> => {
      const upload = await registerForCurl()
      const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}']
      for (const [k, v] of Object.entries(upload.fields)) args.push('--form-string', `${k}=${v}`)
      args.push('--form', `file=@${path};type=video/mp4`, upload.url)
      const t0 = performance.now()
      const code = await new Promise<string>((resolve, reject) => {
        const c = spawn('curl', args, { stdio: ['ignore', 'pipe', 'inherit'] })
        let out = ''
        c.stdout.on('data', (d: Buffer) => (out += d.toString()))
        c.once('error', reject)
        c.once('exit', () => resolve(out))
      })
      if (code !== '204') throw new Error(`curl upload answered ${code}`)
      return performance.now() - t0
    }
    const pinloadUpload = async (path: string): Promise<{ ms: number; cpuMs: number }> => {
      const upload = await client.registerMedia()
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      await client.uploadMedia(upload, path)
      const ms = performance.now() - t0
      const cpu = process.cpuUsage(c0)
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000 }
    }

    // Warm-up, unmeasured, with the measured file itself: the fake's first upload runs cold (JIT), and the first
    // read of the file fills the page cache (zero pages for its holes: `cat` of a fresh 1 GiB sparse file takes
    // 2.6 s here, 0.3 s the second time). Warmed on a small file only, round 1's first sender paid for that.
    await curlUpload(file)
    await pinloadUpload(file)

    const rate = (ms: number) => `${mbps(SIZE, ms).toFixed(0).padStart(5)} MB/s (${(ms / 1000).toFixed(2)} s)`
    let cpuMsPerMb = 0
    for (let round = 1; round <= ROUNDS; round++) {
      const curlFirst = round % 2 === 1
      let c = 0
      let p = { ms: 0, cpuMs: 0 }
      const runCurl = async () => {
        c = await curlUpload(file)
      }
      const runPinload = async () => {
        p = await pinloadUpload(file)
      }
      for (const run of curlFirst ? [runCurl, runPinload] : [runPinload, runCurl]) await run()
      results.curl.push(mbps(SIZE, c))
      results.pinload.push(mbps(SIZE, p.ms))
      results.ratio.push(c / p.ms)
      cpuMsPerMb += p.cpuMs / (SIZE / 1e6) / ROUNDS
      console.log(
        `  round ${round} (${curlFirst ? 'curl first   ' : 'pinload first'}): curl ${rate(c)}, pinload ${rate(p.ms)}, ratio ${(c / p.ms).toFixed(3)}`,
      )
    }
    console.log(`pinload CPU ${cpuMsPerMb.toFixed(3)} ms per MB sent`)
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    console.log(
      `median curl ${median(results.curl).toFixed(0)} MB/s, pinload ${median(results.pinload).toFixed(0)} MB/s; ` +
        `ratio pinload/curl, median of ${ROUNDS} rounds: ${median(results.ratio).toFixed(3)} (target ≥ 0.95)`,
    )
  } finally {
    await client.close()
    fake.child.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

runBench(main)
