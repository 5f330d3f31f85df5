/**
 * Files that are not what they claim (issue 11, items 2, 6 and 9): a named pipe or a folder picked as a CSV or
 * lying next to a photo as its sidecar, files far over the size limits, a secrets file picked as a CSV, and
 * CSV rows that reach outside the CSV's folder.
 */
import { execFileSync } from 'node:child_process'
import {
  closeSync,
  constants,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  truncateSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCsvFile } from '../../src/main/sources/csv-import'
import { scanPaths } from '../../src/main/sources/folder-scan'
import { ImportService } from '../../src/main/sources/import-service'
import { readSidecar } from '../../src/main/sources/sidecar'
import type { CsvPreview } from '../../src/shared/domain'
import { bytes } from '../support/media-bytes'
import { MemorySink } from '../support/source-doubles'
import { writeFileDeep } from '../support/temp-files'

/** Board IDs only: these tests need no Pinterest (signed out, the resolver is null). */
const world = {} as { dir: string; service: ImportService }
beforeEach(() => {
  world.dir = mkdtempSync(join(tmpdir(), 'pinload-hostile-'))
  world.service = new ImportService({ sink: new MemorySink(), resolverFor: () => null })
})

const put = (rel: string, data: Buffer | string) => writeFileDeep(join(world.dir, rel), data)

function row(preview: CsvPreview, line: number) {
  const r = preview.rows.find((x) => x.line === line)
  expect(r, `row at line ${line}`).toBeDefined()
  return r!
}

const fifos: string[] = []
function mkfifo(rel: string): string {
  const path = join(world.dir, rel)
  mkdirSync(join(path, '..'), { recursive: true })
  execFileSync('mkfifo', [path])
  fifos.push(path)
  return path
}
afterEach(() => {
  releaseFifos()
  rmSync(world.dir, { recursive: true, force: true })
})

function releaseFifos(): void {
  // On the code before the fix a reader sits blocked in open(2) on the pipe, holding a libuv thread: a writer
  // opening it lets that reader go, so a failing test does not also stall the rest of the run.
  for (const path of fifos.splice(0)) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK))
    } catch {
      // No reader waiting: nothing to release.
    }
  }
}

/** A file of `size` bytes that takes no disk space (a hole), for the size limits. */
function sparse(rel: string, size: number): string {
  const path = put(rel, '')
  truncateSync(path, size)
  return path
}

/** Settles within `ms`, or says it hung (the pipe case would otherwise time the whole test out). */
function within<T>(ms: number, p: Promise<T>): Promise<T | 'hung'> {
  return Promise.race([p, new Promise<'hung'>((resolve) => setTimeout(resolve, ms, 'hung').unref())])
}

describe('a CSV is read only when it is a regular file within the size limit', () => {
  it('refuses a named pipe at once instead of waiting for a writer forever', async () => {
    const parsed = await within(5000, readCsvFile(mkfifo('pins.csv')))
    expect(parsed).not.toBe('hung')
    expect(parsed).toMatchObject({
      rows: [],
      fileErrors: ['The file pins.csv is a named pipe (FIFO), not a file; choose a CSV file'],
    })
  })

  it('refuses a folder', async () => {
    mkdirSync(join(world.dir, 'folder.csv'))
    expect((await readCsvFile(join(world.dir, 'folder.csv'))).fileErrors).toEqual([
      'The file folder.csv is a folder, not a file; choose a CSV file',
    ])
  })

  it('refuses a file over 64 MB from its size, before reading it', async () => {
    // 3 GiB: reading it whole first fails in Node itself (over 2 GiB) instead of saying what is wrong.
    const parsed = await readCsvFile(sparse('huge.csv', 3 * 1024 ** 3))
    expect(parsed.fileErrors).toEqual(['The file is larger than 64 MB; split it into smaller files'])
  })

  it('a file that is not a CSV of Pins: the error quotes nothing from it', async () => {
    const secret = 'pina_AbCdEf0123456789SECRET'
    const csv = put('settings.env', `PINLOAD_ACCESS_TOKEN=${secret}\nOTHER=1\n`)
    const preview = await world.service.preview(csv, {})
    const said = JSON.stringify(preview)
    expect(said).not.toContain(secret)
    expect(said).not.toContain('PINLOAD_ACCESS_TOKEN')
    expect(preview.fileErrors).toEqual([
      "No media column: the header needs one of 'file', 'path' or 'Media URL'; its first line has 1 named column and none is a media column; check that this is a CSV of Pins",
    ])
    expect(preview.fileWarnings).toEqual([])
  })

  it('a misspelt media header is still named, with the header it most likely meant', async () => {
    const csv = put('pins.csv', 'File pth,board\na.jpg,123\n')
    expect((await world.service.preview(csv, {})).fileErrors).toEqual([
      "No media column: the header needs one of 'file', 'path' or 'Media URL'; did you mean 'file path' for 'File pth'?",
    ])
  })
})

describe('a sidecar is read only when it is a regular file within the size limit', () => {
  it('a named pipe as a sidecar is reported at once and the scan finishes', async () => {
    put('shoot/a.jpg', bytes.jpeg())
    const b = put('shoot/b.jpg', bytes.jpeg())
    mkfifo('shoot/b.jpg.json')
    const res = await within(5000, scanPaths([join(world.dir, 'shoot')], {}))
    expect(res).not.toBe('hung')
    if (res === 'hung') return
    expect(res.drafts.map((d) => d.path)).toEqual([join(world.dir, 'shoot/a.jpg')])
    expect(res.problems).toEqual([
      {
        where: b,
        message: 'Sidecar b.jpg.json is a named pipe (FIFO), not a file',
        fix: 'Fix the sidecar file or delete it.',
      },
    ])
  })

  it('a sidecar far over 256 KB is refused from its size, before it is read', async () => {
    const path = sparse('c.jpg.json', 3 * 1024 ** 3)
    expect(await readSidecar(path)).toEqual({
      error: `Sidecar c.jpg.json is over 256 KB (${3 * 1024 ** 3} bytes); a metadata sidecar must be smaller`,
    })
  })

  it('a sidecar just over the limit is refused, one at the limit is read', async () => {
    const over = put('d.jpg.json', `{"title": "${'x'.repeat(256 * 1024)}"}`)
    const refused = await readSidecar(over)
    expect('error' in refused && refused.error).toMatch(/^Sidecar d\.jpg\.json is over 256 KB \(\d+ bytes\)/)
    const body = `{"title": "t"}`
    const at = put('e.jpg.json', body.padEnd(256 * 1024, ' '))
    expect(await readSidecar(at)).toEqual({ meta: { title: 't' } })
  })
})

describe('CSV rows that name files outside the CSV folder are flagged in the preview', () => {
  it('flags ../, absolute paths and links that leave the folder, and still queues them', async () => {
    put('csv/media/in.jpg', bytes.jpeg())
    put('outside/up.jpg', bytes.jpeg())
    const abs = put('outside/abs.jpg', bytes.jpeg())
    put('outside/linked.jpg', bytes.jpeg())
    symlinkSync(join(world.dir, 'outside/linked.jpg'), join(world.dir, 'csv/media/link.jpg'))
    const clip = put('csv/media/clip.mp4', bytes.mp4())
    put('outside/cover.png', bytes.png())
    const csv = put(
      'csv/pins.csv',
      [
        'file,board,cover',
        'media/in.jpg,101,',
        '../outside/up.jpg,101,',
        `${abs},101,`,
        'media/link.jpg,101,',
        `${clip},102,../outside/cover.png`,
      ].join('\n') + '\n',
    )
    const preview = await world.service.preview(csv, {})
    const csvDir = join(world.dir, 'csv')
    expect(preview.validCount).toBe(5)
    expect(row(preview, 2).warnings).toBeUndefined()
    expect(row(preview, 3).warnings).toEqual([
      `'../outside/up.jpg' is outside the CSV's folder (${csvDir}); check that you mean to publish it`,
    ])
    expect(row(preview, 4).warnings).toEqual([
      `'${abs}' is outside the CSV's folder (${csvDir}); check that you mean to publish it`,
    ])
    expect(row(preview, 5).warnings?.[0]).toMatch(/^'media\/link\.jpg' is outside the CSV's folder/)
    // The video itself lies inside (given as an absolute path): only its cover is flagged.
    expect(row(preview, 6).warnings).toEqual([
      `Cover image '../outside/cover.png' is outside the CSV's folder (${csvDir}); check that you mean to publish it`,
    ])
    expect(preview.fileWarnings).toEqual([
      "4 rows name files outside the CSV's folder (the first on line 3); check them before importing",
    ])
  })
})
