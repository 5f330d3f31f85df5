import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { ItemView } from '../../src/shared/domain'
import { openDatabase, type Database } from '../../src/main/db/connection'
import { defaultSettings } from '../../src/main/db/settings-store'
import { UploadQueue } from '../../src/main/pipeline/upload-queue'

let dir: string
let db: Database | undefined
afterEach(() => {
  db?.close()
  db = undefined
  rmSync(dir, { recursive: true, force: true })
})

it("every item view names its batch's folder or file, from the first progress event and in the list", async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-batch-label-'))
  db = openDatabase({ dataDir: join(dir, 'data') })
  const settings = defaultSettings(join(dir, 'data'))
  const queue = new UploadQueue({ db, apiFor: () => null, settings: () => settings, progressIntervalMs: 0 })
  const seen: ItemView[] = []
  queue.onProgress((e) => seen.push(...e.items))
  const draft = (name: string) => ({ path: join(dir, 'Summer trip', name), meta: { boardId: 'b1' } })
  queue.enqueue([draft('a.jpg'), draft('b.jpg')], { kind: 'drop', label: 'Summer trip' })
  queue.enqueue([{ path: join(dir, 'one.png'), meta: { boardId: 'b1' } }], { kind: 'drop', label: 'one.png' })
  await queue.shutdown()
  expect(seen.map((v) => [v.name, v.batchLabel])).toEqual([
    ['a.jpg', 'Summer trip'],
    ['b.jpg', 'Summer trip'],
    ['one.png', 'one.png'],
  ])
  const listed = queue.list().items
  expect(listed.map((v) => v.batchLabel)).toEqual(['Summer trip', 'Summer trip', 'one.png'])
  // A page of the list (the window's first screenful) carries it too.
  expect(queue.list({ afterId: 0, limit: 1 }).items[0]!.batchLabel).toBe('Summer trip')
})
