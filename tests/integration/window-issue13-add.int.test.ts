import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { addAsWindow } from '../support/add-paths-kit'
import { writeImage } from '../support/media-files'
import { startTestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'
import { startFake } from './pinterest-test-kit'

/**
 * The window's add (uploads:add-paths through the real router) reaches issue 13's choices through the same use
 * case as `pinload upload`: "Ad-only, not on your profile" in place of a board, the UTM campaign field, a
 * `.carousel` folder; and ad-only together with a board is refused with nothing queued.
 */
let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFake({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-win13-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

it('adds ad-only Pins with a UTM link and a carousel from the window; refuses ad-only with a board', async () => {
  const board = fake.addBoard({ name: 'Travel', privacy: 'SECRET' })
  const win = await startTestApp({
    dataDir: join(root, 'app'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
  })
  try {
    const drop = join(root, 'drop')
    mkdirSync(join(drop, 'look.carousel'), { recursive: true })
    writeImage(drop, 'tree.jpg', 'jpeg', { color: 'olive' })
    writeImage(join(drop, 'look.carousel'), 'a.jpg', 'jpeg', { color: 'red' })
    writeImage(join(drop, 'look.carousel'), 'b.jpg', 'jpeg', { color: 'blue' })

    const both = await addAsWindow(win.dispatch, [drop], { boardId: board.id, adOnly: true })
    expect(both).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect(JSON.stringify(both)).toMatch(/Ad-only Pins are on no board/)

    const added = await addAsWindow(win.dispatch, [drop], {
      adOnly: true,
      titleTemplate: '{name}',
      link: 'https://shop.test/p?id=1#buy',
      utmCampaign: 'fall',
    })
    expect(added).toMatchObject({ ok: true, value: { queued: 2, problems: [] } })
    await waitFor('both ad-only Pins published', () => expect(fake.pins).toHaveLength(2))
    const utm = (file: string) =>
      `https://shop.test/p?id=1&utm_source=pinterest&utm_medium=social&utm_campaign=fall&utm_content=${file}#buy`
    expect(fake.pins.map((p) => [p.title, p.link, p.is_removable, p.media_source_type]).sort()).toEqual([
      ['look', utm('look.carousel'), true, 'multiple_image_base64'],
      ['tree', utm('tree.jpg'), true, 'image_base64'],
    ])
    expect(fake.specViolations).toEqual([])
  } finally {
    await win.shutdown()
  }
}, 60_000)

it("joins the window's drafts into one carousel through items:make-carousel, then publishes it", async () => {
  const board = fake.addBoard({ name: 'Looks' })
  const win = await startTestApp({
    dataDir: join(root, 'app2'),
    fake,
    env: { PINLOAD_ACCESS_TOKEN: fake.issueToken().accessToken },
  })
  try {
    const dir = join(root, 'looks')
    mkdirSync(dir)
    const files = ['red', 'green'].map((c) => writeImage(dir, `${c}.jpg`, 'jpeg', { color: c }))
    const granted = await win.dispatch('paths:grant-dropped', { paths: [dir] })
    const grants = (granted as { value: { grant: string }[] }).value.map((g) => g.grant)
    const added = await win.dispatch('uploads:add-paths', {
      grants,
      defaults: { boardId: board.id, titleTemplate: '{name}' },
      draft: true,
    })
    expect(added.ok, JSON.stringify(added)).toBe(true)
    const answer = (added as { value: { confirm?: { scanId: string } } }).value
    if (answer.confirm) await win.dispatch('uploads:confirm-add', { scanId: answer.confirm.scanId })
    const listed = (await win.dispatch('uploads:list', {})) as {
      value: { items: { id: number; path?: string; state: string }[] }
    }
    const ids = files.map((f) => listed.value.items.find((i) => i.path === f)!.id)

    expect(await win.dispatch('items:make-carousel', { ids: [ids[0]] })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    })
    const made = await win.dispatch('items:make-carousel', { ids })
    expect(made).toMatchObject({ ok: true, value: { itemId: expect.any(Number) as number } })
    const { itemId } = (made as { value: { itemId: number } }).value
    // A draft carousel shows its first image (sniffed as an image: src/main/services/thumbnail-source.ts).
    expect(await win.dispatch('uploads:thumbnail', { itemId })).toMatchObject({
      ok: true,
      value: expect.stringMatching(/^data:image\/jpeg;base64,/) as string,
    })
    const pins = fake.pins.length
    expect(await win.dispatch('items:publish', { all: true })).toMatchObject({
      ok: true,
      value: { published: 1 },
    })
    await waitFor('the carousel published', () => expect(fake.pins).toHaveLength(pins + 1))
    expect(fake.pins.at(-1)).toMatchObject({
      board_id: board.id,
      title: 'red',
      media_source_type: 'multiple_image_base64',
    })
    expect(await win.dispatch('uploads:thumbnail', { itemId })).toMatchObject({
      ok: true,
      value: expect.stringMatching(/^data:image\/jpeg;base64,/) as string,
    })
  } finally {
    await win.shutdown()
  }
}, 60_000)
