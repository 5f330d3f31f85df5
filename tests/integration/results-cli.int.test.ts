import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabaseFile } from '../../src/main/db/connection'
import { PinCheckRepository } from '../../src/main/db/pin-check-repository'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { writeImage } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'

/**
 * Issue 15 through the real `pinload` command against the fake Pinterest: every created Pin is read back,
 * `verify` names a Pin removed on Pinterest and fails, `export` lists exactly the fake's Pins with no cell a
 * spreadsheet would run.
 */

const TITLES = ['=SUM(1+2)', '+cmd', '-2+3', '@here', 'plain "quoted"']
const COLORS = ['pink', 'red', 'blue', 'green', 'gray']

let fake: FakePinterest
let root: string
let env: NodeJS.ProcessEnv
let dataDir: string
const fileOf = (title: string) => `${title}.jpg`

beforeAll(async () => {
  fake = await startFakePinterest({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-results-'))
  dataDir = join(root, 'data')
  env = cliEnv(fake, dataDir, fake.issueToken().accessToken)
  fake.addBoard({ name: 'Travel' })
  const dir = join(root, 'photos')
  mkdirSync(dir)
  TITLES.forEach((t, i) => writeImage(dir, fileOf(t), 'jpeg', { color: COLORS[i]! }))
  const r = await runCli(['upload', '--yes', dir, '--board', 'Travel'], env)
  expect(r.code, r.stderr).toBe(0)
}, 120_000)

afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

const checksInDb = () => {
  const db = openDatabaseFile(join(dataDir, 'pinload.db'))
  try {
    return [...new PinCheckRepository(db).all().values()]
  } finally {
    db.close()
  }
}

describe('pinload results', () => {
  it('read every created Pin back once (GET /v5/pins/{id}) and recorded it on its board', () => {
    expect(fake.pins).toHaveLength(TITLES.length)
    for (const pin of fake.pins) {
      const reads = fake.requests.filter((q) => q.method === 'GET' && q.path === `/v5/pins/${pin.id}`)
      expect(reads.map((q) => [q.status, q.category])).toEqual([[200, 'org_read']])
    }
    const checks = checksInDb()
    expect(checks.map((c) => c.pinId).sort()).toEqual(fake.pins.map((p) => p.id).sort())
    for (const c of checks) {
      const pin = fake.pins.find((p) => p.id === c.pinId)!
      expect(c).toMatchObject({ found: true, boardId: pin.board_id, pinCreatedAt: pin.created_at })
    }
  })

  it('export --format csv lists exactly the Pins the fake holds, BOM first, formula-looking cells neutralised', async () => {
    const out = join(root, 'results.csv')
    const r = await runCli(['export', '--format', 'csv', '--out', out], env)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/Exported 5 items to /)
    const text = readFileSync(out, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      '"file","title","description","link","board_name","board_id","state","pin_id","pin_url","created_at","error","request_id","impressions","saves","clicks"',
    )
    const cells = lines.slice(1).map((l) => l.slice(1, -1).split('","'))
    expect(cells.map((c) => c[7]).sort()).toEqual(fake.pins.map((p) => p.id).sort())
    expect(cells.map((c) => c[1]).sort()).toEqual(
      ["'+cmd", "'-2+3", "'=SUM(1+2)", "'@here", 'plain ""quoted""'].sort(),
    )
    // No cell of the file starts with a character a spreadsheet would run.
    for (const c of cells.flat()) expect(c).not.toMatch(/^[=+\-@\t\r]/)
    for (const c of cells) expect([c[4], c[6]]).toEqual(['Travel', 'published'])
  })

  it('export --format json to stdout keeps the text as it is, one row per item', async () => {
    const r = await runCli(['export', '--format', 'json'], env)
    expect(r.code, r.stderr).toBe(0)
    const rows = JSON.parse(r.stdout) as { title: string; pin_id: string; board_name: string }[]
    expect(rows.map((x) => x.title).sort()).toEqual([...TITLES].sort())
    expect(rows.map((x) => x.pin_id).sort()).toEqual(fake.pins.map((p) => p.id).sort())
  })

  it('verify reads the metrics; a Pin removed on Pinterest is named by file, exits 1 and shows in the export', async () => {
    const byTitle = (t: string) => fake.pins.find((p) => p.title === t)!
    fake.setPinMetrics(byTitle('@here').id, { impression: 321, save: 12, pin_click: 7 })
    const gone = byTitle('-2+3')
    expect(fake.removePin(gone.id)).toBe(true)

    const r = await runCli(['verify'], env)
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toContain(`-2+3.jpg: removed on Pinterest (Pin ${gone.id}).`)
    expect(r.stdout).toContain('4 of 5 Pins are on Pinterest, 1 removed on Pinterest.')

    const json = await runCli(['export', '--format', 'json'], env)
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[]
    expect(rows.find((x) => x.title === '@here')).toMatchObject({ impressions: 321, saves: 12, clicks: 7 })
    expect(rows.find((x) => x.title === '-2+3')).toMatchObject({
      state: 'removed on Pinterest',
      error: 'Removed on Pinterest: the Pin is no longer there.',
    })

    const again = await runCli(['verify', '--json'], env)
    expect(again.code).toBe(1)
    const report = JSON.parse(again.stdout) as { missing: { name: string }[]; found: number }
    expect(report.missing.map((m) => m.name)).toEqual(['-2+3.jpg'])
    expect(report.found).toBe(4)
  }, 60_000)

  it('verify of a batch with nothing published says so and passes; export to an unwritable path says why', async () => {
    const none = await runCli(['verify', '--batch', '99'], env)
    expect([none.code, none.stdout.trim()]).toEqual([0, 'Batch 99 has nothing published.'])

    const missingDir = join(root, 'no-such-folder', 'out.csv')
    const r = await runCli(['export', '--out', missingDir], env)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`Cannot write the export to ${missingDir}: its folder does not exist.`)
    const isDir = await runCli(['export', '--out', root], env)
    expect(isDir.code).toBe(2)
    expect(isDir.stderr).toContain(`Cannot write the export to ${root}: it is a folder.`)
  }, 60_000)
  it('export gives a Pin not read back the time its create was sent', async () => {
    const db = openDatabaseFile(join(dataDir, 'pinload.db'))
    try {
      db.exec('DELETE FROM pin_checks') // as if the read-back after the upload never ran
    } finally {
      db.close()
    }
    const r = await runCli(['export', '--format', 'json'], env)
    const rows = JSON.parse(r.stdout) as { pin_id: string; created_at: string }[]
    // The Pin an earlier test removed on Pinterest has no time there to compare with.
    const kept = rows.filter((row) => fake.pins.some((p) => p.id === row.pin_id))
    expect(kept.length).toBe(rows.length - 1)
    for (const row of kept) {
      const pin = fake.pins.find((p) => p.id === row.pin_id)!
      // Sent a moment before the fake stamped the Pin: within a minute of it, never after it.
      const sent = Date.parse(row.created_at)
      expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      expect(Date.parse(pin.created_at) - sent).toBeGreaterThanOrEqual(-1_000)
      expect(Date.parse(pin.created_at) - sent).toBeLessThan(60_000)
    }
    expect(rows.find((row) => !kept.includes(row))?.created_at).toMatch(/^\d{4}-/)
  }, 60_000)
})
