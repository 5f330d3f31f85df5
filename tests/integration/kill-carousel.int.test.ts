/**
 * A carousel item is created exactly once like any Pin (docs/architecture.md, "Exactly one Pin per file" and
 * "Templates, carousels and ad-only Pins"): `pinload upload` of carousel folders is killed with SIGKILL, most
 * kills aimed at a create in flight or just after its answer, and restarted; the fake must end with one carousel Pin per folder.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/connection'
import { ItemRepository } from '../../src/main/db/item-repository'
import {
  startFakePinterest,
  type FakePinterest,
  type RecordedRequest,
} from '../../src/main/fake-pinterest/index'
import { writeImage } from '../support/media-files'
import { CLI_ARGS, ROOT, cliEnv, runCli } from './cli-helpers'

const KILLS = 10
const FOLDERS = 6
const COLORS = ['red', 'green', 'blue', 'orange', 'purple', 'teal', 'navy', 'olive', 'maroon', 'gray']

let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-kill-carousel-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

const isCreate = (r: RecordedRequest) => r.method === 'POST' && r.path === '/v5/pins'

it(
  `${KILLS} SIGKILLs around creates leave exactly one carousel Pin per .carousel folder`,
  { timeout: 180_000 },
  async () => {
    const board = fake.addBoard({ name: 'Kill carousels' })
    const media = join(root, 'media')
    for (let f = 0; f < FOLDERS; f++) {
      const dir = join(media, `look${f}.carousel`)
      mkdirSync(dir, { recursive: true })
      for (let i = 0; i < 3; i++)
        writeImage(dir, `${i}.jpg`, 'jpeg', { color: COLORS[(f + i * 3) % COLORS.length] })
    }
    const env = {
      ...cliEnv(fake, join(root, 'data'), fake.issueToken().accessToken),
      PINLOAD_CREATE_GRACE_MS: '200',
    }
    // Slow creates so kills land while one is in flight.
    fake.faults.add({ match: { method: 'POST', path: '/v5/pins' }, action: { type: 'delay', ms: 150 } })
    const args = ['upload', '--yes', media, '--board', board.id, '--concurrency', '2']

    let midCreate = 0
    for (let k = 0; k < KILLS; k++) {
      const child = spawn(process.execPath, [...CLI_ARGS, ...args], { env, cwd: ROOT, stdio: 'ignore' })
      let code: number | null | undefined
      const exited = new Promise<void>((resolve) =>
        child.once('exit', (c) => {
          code = c
          resolve()
        }),
      )
      const seen = fake.requests.length
      const inFlight = () => fake.requests.slice(seen).some((r) => isCreate(r) && r.status === 0)
      // Every kill waits for a create of this run to reach the fake unanswered; one in three then gives it time to
      // be answered (the Pin made, the answer maybe heard), so kills land on both sides of a create.
      await Promise.race([
        exited,
        new Promise<void>((resolve) => {
          if (inFlight()) return resolve()
          const stop = fake.onRequest((r) => {
            if (!isCreate(r) || r.status !== 0) return
            stop()
            resolve()
          })
          void exited.then(stop)
        }),
      ])
      if (k % 3 === 2) await Promise.race([exited, sleep(200 + 20 * k)])
      if (code === undefined) {
        if (inFlight()) midCreate++
        child.kill('SIGKILL')
      }
      await exited
    }
    console.log(
      `kill-carousel: kills with a create in flight ${midCreate}, pins before the last run ${fake.pins.length}`,
    )
    expect(midCreate).toBeGreaterThan(0)
    // Some kills came after a carousel was made: the runs got somewhere between kills.
    expect(fake.pins.length).toBeGreaterThan(0)

    const last = await runCli([...args, '--json'], env, 120_000)
    expect(last.code, last.stderr).toBe(0)
    const pins = fake.pins.filter((p) => p.board_id === board.id)
    expect(pins.map((p) => p.media_source_type)).toEqual(Array(FOLDERS).fill('multiple_image_base64'))
    expect(pins.map((p) => p.title).sort()).toEqual(Array.from({ length: FOLDERS }, (_, f) => `look${f}`))
    const db = openDatabase({ dataDir: join(root, 'data') })
    try {
      const rows = new ItemRepository(db).all()
      expect(rows.map((r) => [r.kind, r.state])).toEqual(Array(FOLDERS).fill(['carousel', 'published']))
      expect(rows.map((r) => r.pin_id).sort()).toEqual(pins.map((p) => p.id).sort())
    } finally {
      db.close()
    }
  },
)
