/**
 * Folder scan speed: scanPaths over 10,000 small files (100 folders × 100 files, a few with sidecars),
 * against two peers measured in the same run on the same files: a bare recursive readdir+stat (the floor
 * for any scan) and a one-at-a-time sniff of every file (what the scan would cost without its pool). The
 * peers are written here and use no product code: the sniff peer opens each file, reads its first 64 bytes
 * and checks the JPEG/PNG signature, the I/O the product's sniff does per file. Each round runs all three,
 * in an order that rotates from round to round so no one always runs first; the best of the rounds is printed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { open, readdir, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scanPaths } from '../src/main/sources/folder-scan'
import { runBench } from './bench-kit'

const FOLDERS = 100
const PER_FOLDER = 100
const TOTAL = FOLDERS * PER_FOLDER
const ROUNDS = 3

const jpeg = Buffer.alloc(512)
Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(jpeg)
const png = Buffer.alloc(512)
Buffer.from('\x89PNG\r\n\x1a\n', 'latin1').copy(png)

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pinload-bench-scan-'))
  try {
    for (let f = 0; f < FOLDERS; f++) {
      const dir = join(root, `shoot ${f}`)
      mkdirSync(dir)
      for (let i = 0; i < PER_FOLDER; i++) {
        writeFileSync(join(dir, `img${i}.${i % 3 === 0 ? 'png' : 'jpg'}`), i % 3 === 0 ? png : jpeg)
        if (i % 50 === 0)
          writeFileSync(join(dir, `img${i}.json`), JSON.stringify({ title: `Sidecar ${f}/${i}` }))
      }
    }

    async function walkStat(dir: string): Promise<string[]> {
      const out: string[] = []
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = join(dir, e.name)
        if (e.isDirectory()) out.push(...(await walkStat(p)))
        else {
          await stat(p)
          out.push(p)
        }
      }
      return out
    }

    /** The sniff peer: first 64 bytes of the file, JPEG or PNG signature. */
    async function isImage(path: string): Promise<boolean> {
      const fh = await open(path, 'r')
      try {
        const head = Buffer.alloc(64)
        const { bytesRead } = await fh.read(head, 0, head.length, 0)
        const jpegSig = bytesRead >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff
        return jpegSig || (bytesRead >= 8 && head.subarray(0, 8).equals(png.subarray(0, 8)))
      } finally {
        await fh.close()
      }
    }

    type Timed = { ms: number; count: number }
    const runs: Record<'scan' | 'floor' | 'serial', () => Promise<number>> = {
      scan: async () => {
        const res = await scanPaths([root], { titleTemplate: '{folder} {index}' })
        if (res.problems.length > 0) throw new Error(`unexpected problems: ${res.problems[0]?.message}`)
        return res.drafts.length
      },
      floor: async () => (await walkStat(root)).filter((p) => !p.endsWith('.json')).length,
      serial: async () => {
        let n = 0
        for (const p of (await walkStat(root)).filter((x) => !x.endsWith('.json'))) if (await isImage(p)) n++
        return n
      },
    }
    const best: Record<keyof typeof runs, Timed> = {
      scan: { ms: Infinity, count: 0 },
      floor: { ms: Infinity, count: 0 },
      serial: { ms: Infinity, count: 0 },
    }
    const names = Object.keys(runs) as (keyof typeof runs)[]
    for (let r = 0; r < ROUNDS; r++) {
      const order = [...names.slice(r % names.length), ...names.slice(0, r % names.length)]
      console.log(`round ${r + 1} order: ${order.join(', ')}`)
      for (const name of order) {
        const t0 = performance.now()
        const count = await runs[name]()
        best[name] = { ms: Math.min(best[name].ms, performance.now() - t0), count }
      }
    }
    const { scan, floor, serial } = best
    if (scan.count !== TOTAL || floor.count !== TOTAL || serial.count !== TOTAL)
      throw new Error('file counts differ')

    const rate = (ms: number) => Math.round((TOTAL / ms) * 1000).toLocaleString('en-US')
    console.log(`files: ${TOTAL} in ${FOLDERS} folders (best of ${ROUNDS})`)
    console.log(
      `scanPaths (sniff 16 at a time, sidecars, titles): ${scan.ms.toFixed(0)} ms  ${rate(scan.ms)} files/s`,
    )
    console.log(
      `peer: readdir+stat only:                        ${floor.ms.toFixed(0)} ms  ${rate(floor.ms)} files/s`,
    )
    console.log(
      `peer: readdir+stat, then sniff one at a time:    ${serial.ms.toFixed(0)} ms  ${rate(serial.ms)} files/s`,
    )
    console.log(`ratio scanPaths / readdir+stat: ${(scan.ms / floor.ms).toFixed(2)}x`)
    console.log(`ratio scanPaths / serial sniff: ${(scan.ms / serial.ms).toFixed(2)}x`)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

runBench(main)
