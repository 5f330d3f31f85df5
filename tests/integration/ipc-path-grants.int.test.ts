import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import type { ItemView } from '../../src/shared/domain'
import { addAsWindow } from '../support/add-paths-kit'
import { writeImage } from '../support/media-files'
import { APP_SENDER, startTestApp, type TestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

// Issue 11, finding 2: the window names files only by grants main handed out (its dialogs, the preload's
// drops), never by a path string; thumbnails only for items that passed pre-flight.
let fake: FakePinterest
let app: TestApp
let root: string
let boardId: string
const picks: { folder: string | null; csv: string | null; files: string[] } = {
  folder: null,
  csv: null,
  files: [],
}
const SECRET = join(homedir(), '.ssh', 'id_rsa')
const OTHER_WINDOW = { ...APP_SENDER, id: 2 }

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pinload-grants-'))
  fake = await startFakePinterest({ rateLimits: false })
  boardId = fake.addBoard({ name: 'Drafts', privacy: 'PROTECTED' }).id
  app = await startTestApp({
    dataDir: join(root, 'data'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
    desktop: {
      pickFolder: () => Promise.resolve(picks.folder),
      pickCsv: () => Promise.resolve(picks.csv),
      pickFiles: () => Promise.resolve(picks.files),
    },
  })
}, 60_000)

afterAll(async () => {
  await app?.shutdown()
  await fake?.close()
  rmSync(root, { recursive: true, force: true })
})

const watchInput = { subfolderBoards: false, moveDone: false }
const refusal = async (channel: string, input: unknown, sender = APP_SENDER) => {
  const r = await app.dispatch(channel, input, sender)
  return r.ok ? 'accepted' : r.error.kind
}

describe('paths are capabilities', () => {
  it('a forged path string is refused by each channel that takes files', async () => {
    expect(await refusal('uploads:add-paths', { paths: [SECRET], defaults: { boardId } })).toBe('validation')
    expect(await refusal('import:csv-preview', { path: SECRET })).toBe('validation')
    expect(await refusal('watch:add', { folder: homedir(), ...watchInput })).toBe('validation')
    // The same string where a grant goes: not one main handed out.
    const asGrant = 'home-ssh-id_rsa-forged'
    expect(await refusal('uploads:add-paths', { grants: [asGrant], defaults: { boardId } })).toBe(
      'permission',
    )
    expect(await refusal('import:csv-preview', { grant: asGrant })).toBe('permission')
    expect(await refusal('watch:add', { grant: asGrant, ...watchInput })).toBe('permission')
  })

  it('an unknown grant, or another window’s, is refused; nothing is queued or watched', async () => {
    const folder = join(root, 'mine')
    mkdirSync(folder)
    writeImage(folder, 'a.png', 'png')
    const granted = await app.dispatch('paths:grant-dropped', { paths: [folder] })
    if (!granted.ok) throw new Error(granted.error.message)
    const [mine] = granted.value as { grant: string; name: string; displayPath: string }[]
    expect(mine).toMatchObject({ name: 'mine', displayPath: folder })
    const unknown = 'A'.repeat(24)
    for (const grant of [unknown, mine!.grant]) {
      const sender = grant === unknown ? APP_SENDER : OTHER_WINDOW
      expect(await refusal('uploads:add-paths', { grants: [grant], defaults: { boardId } }, sender)).toBe(
        'permission',
      )
      expect(await refusal('import:csv-preview', { grant }, sender)).toBe('permission')
      expect(await refusal('watch:add', { grant, ...watchInput }, sender)).toBe('permission')
    }
    expect(await app.call<{ items: ItemView[] }>('uploads:list', {})).toMatchObject({ items: [] })
    expect(await app.call('watch:list', {})).toEqual([])
  })

  it('a relative path is not granted: the preload sends only what Electron read off a dropped file', async () => {
    expect(await refusal('paths:grant-dropped', { paths: ['.ssh/id_rsa'] })).toBe('permission')
  })

  it('what the dialogs return is granted, and the grant works for the CSV and the watch', async () => {
    const csv = join(root, 'pins.csv')
    writeFileSync(csv, 'file,title,board\nnone.png,T,Drafts\n')
    picks.csv = csv
    const pickedCsv = await app.call<{ grant: string; displayPath: string }>('dialog:pick-csv', {})
    expect(pickedCsv.displayPath).toBe(csv)
    expect(await app.call('import:csv-preview', { grant: pickedCsv.grant })).toMatchObject({ path: csv })

    const watched = join(root, 'watched')
    mkdirSync(watched)
    picks.folder = watched
    const pickedFolder = await app.call<{ grant: string }>('dialog:pick-folder', {})
    expect(await app.call('watch:add', { grant: pickedFolder.grant, boardId, ...watchInput })).toMatchObject({
      folder: watched,
    })
    picks.folder = null
    expect(await app.call('dialog:pick-folder', {})).toBeNull()
  })

  it('the files Add files… returns are granted one by one and queue; a cancelled dialog grants nothing', async () => {
    const dir = join(root, 'picked')
    mkdirSync(dir)
    picks.files = [writeImage(dir, 'a.png', 'png'), writeImage(dir, 'b.png', 'png')]
    const granted = await app.call<{ grant: string; name: string }[]>('dialog:pick-files', {})
    expect(granted.map((g) => g.name)).toEqual(['a.png', 'b.png'])
    const added = await app.call('uploads:add-paths', {
      grants: granted.map((g) => g.grant),
      defaults: { boardId },
      draft: true,
    })
    expect(added).toMatchObject({ added: { queued: 2 } })
    picks.files = []
    expect(await app.call('dialog:pick-files', {})).toEqual([])
  })
})

describe('uploads:thumbnail', () => {
  it('is null until the item passed pre-flight, then the picture', async () => {
    expect(await app.call('uploads:pause-all', {})).toMatchObject({ paused: true })
    const pics = join(root, 'pics')
    mkdirSync(pics)
    writeImage(pics, 'p.png', 'png')
    expect(await addAsWindow(app.dispatch, [pics], { boardId })).toMatchObject({ value: { queued: 1 } })
    const item = (await app.call<{ items: ItemView[] }>('uploads:list', {})).items.find(
      (i) => i.name === 'p.png',
    )!
    expect(item.state).toBe('queued')
    expect(await app.call('uploads:thumbnail', { itemId: item.id })).toBeNull()

    await app.call('uploads:resume-all', {})
    await waitFor('the picture published', async () => {
      const { items } = await app.call<{ items: ItemView[] }>('uploads:list', {})
      return items.find((i) => i.id === item.id)?.state === 'published'
    })
    // A small JPEG made by main (src/main/media/thumbnails.ts), whatever the picture's own type.
    expect(await app.call('uploads:thumbnail', { itemId: item.id })).toMatch(/^data:image\/jpeg;base64,/)
  })
})
