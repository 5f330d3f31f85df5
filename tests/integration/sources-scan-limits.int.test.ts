/**
 * A dropped folder stays bounded (issue 11, item 6): caps on files and folder entries with a clear problem,
 * progress as the scan goes, and a cancel that stops it part-way.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { scanPaths } from '../../src/main/sources/folder-scan'
import { MAX_SCAN_FILES, type ScanProgress } from '../../src/main/sources/folder-walk'
import { bytes } from '../support/media-bytes'
import { writeFileDeep } from '../support/temp-files'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-scan-limits-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** `n` JPEGs named 1.jpg … n.jpg in `rel`; returns the folder. */
function photos(rel: string, n: number): string {
  const folder = join(dir, rel)
  mkdirSync(folder, { recursive: true })
  const jpeg = bytes.jpeg()
  for (let i = 1; i <= n; i++) writeFileSync(join(folder, `${i}.jpg`), jpeg)
  return folder
}

describe('caps', () => {
  it('takes a folder at the file cap whole, and refuses one over it with a clear problem and nothing added', async () => {
    const at = photos('at', 5)
    expect((await scanPaths([at], {}, { maxFiles: 5 })).drafts).toHaveLength(5)
    const over = photos('over', 6)
    const res = await scanPaths([over], {}, { maxFiles: 5 })
    expect(res.drafts).toEqual([])
    expect(res.problems).toEqual([
      {
        where: over,
        message: 'There are more than 5 files here; nothing was added',
        fix: 'Add the files in smaller parts, one folder at a time.',
      },
    ])
  })

  it(`the default cap is ${MAX_SCAN_FILES.toLocaleString('en-US')} files`, async () => {
    const folder = join(dir, 'many')
    mkdirSync(folder)
    // Empty files: the walk stops at the cap before any is read, so their content does not matter.
    for (let i = 0; i <= MAX_SCAN_FILES; i++) writeFileSync(join(folder, `${i}.jpg`), '')
    const res = await scanPaths([folder], {})
    expect(res.drafts).toEqual([])
    expect(res.problems.map((p) => p.message)).toEqual([
      'There are more than 10,000 files here; nothing was added',
    ])
  })

  it('stops at the cap on folder entries, hidden files and sub-folders counted', async () => {
    const folder = photos('tree', 1)
    for (let i = 0; i < 30; i++) writeFileSync(join(folder, `.hidden-${i}`), '')
    const res = await scanPaths([folder], {}, { maxEntries: 20 })
    expect(res.drafts).toEqual([])
    expect(res.problems.map((p) => p.message)).toEqual([
      'These folders hold more than 20 entries; nothing was added',
    ])
  })
})

describe('progress and cancel', () => {
  it('reports the listing, then each file checked, ending at the total', async () => {
    photos('a', 3)
    photos('a/b', 2)
    const seen: ScanProgress[] = []
    const res = await scanPaths([join(dir, 'a')], {}, { onProgress: (p) => seen.push(p), progressEveryMs: 0 })
    expect(res.drafts).toHaveLength(5)
    const listing = seen.filter((p) => p.stage === 'listing')
    const checking = seen.filter((p) => p.stage === 'checking')
    expect(listing.at(-1)).toEqual({ stage: 'listing', files: 5, folders: 2 })
    expect(checking.map((p) => p.done)).toEqual([1, 2, 3, 4, 5])
    expect(checking.every((p) => p.total === 5)).toBe(true)
    expect(seen.findIndex((p) => p.stage === 'checking')).toBeGreaterThan(seen.indexOf(listing.at(-1)!))
  })

  it('throttles progress to one call per interval, the last one always sent', async () => {
    photos('t', 40)
    const seen: ScanProgress[] = []
    await scanPaths([join(dir, 't')], {}, { onProgress: (p) => seen.push(p), progressEveryMs: 60_000 })
    // The first call passes the throttle and each stage's last is forced: the rest wait out the interval.
    expect(seen).toEqual([
      { stage: 'listing', files: 40, folders: 1 },
      { stage: 'listing', files: 40, folders: 1 },
      { stage: 'checking', done: 40, total: 40 },
    ])
  })

  it('a cancel while files are checked stops the scan there, as a cancelled error', async () => {
    photos('c', 200)
    const ac = new AbortController()
    let checked = 0
    const scan = scanPaths(
      [join(dir, 'c')],
      {},
      {
        signal: ac.signal,
        progressEveryMs: 0,
        onProgress: (p) => {
          if (p.stage !== 'checking') return
          checked = p.done
          if (p.done === 10) ac.abort()
        },
      },
    )
    await expect(scan).rejects.toMatchObject({
      kind: 'cancelled',
      message: 'Adding the files was cancelled; nothing was queued.',
    })
    // The reads already under way finish (16 at a time); nothing after them starts.
    expect(checked).toBeLessThan(10 + 16 + 1)
  })

  it('a cancel while folders are listed stops before the files are checked', async () => {
    for (let i = 0; i < 20; i++) writeFileDeep(join(dir, 'deep', `f${i}`, 'x.jpg'), bytes.jpeg())
    const ac = new AbortController()
    const seen: ScanProgress[] = []
    const scan = scanPaths(
      [join(dir, 'deep')],
      {},
      {
        signal: ac.signal,
        progressEveryMs: 0,
        onProgress: (p) => {
          seen.push(p)
          if (p.stage === 'listing' && p.folders === 3) ac.abort()
        },
      },
    )
    await expect(scan).rejects.toMatchObject({ kind: 'cancelled' })
    expect(seen.some((p) => p.stage === 'checking')).toBe(false)
    expect(seen.filter((p) => p.stage === 'listing')).toHaveLength(3)
  })
})
