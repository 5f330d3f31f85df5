import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { scanPaths } from '../../src/main/sources/folder-scan'
import { writeImage } from '../support/media-files'

let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pinload-carousel-scan-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

it('a .carousel folder given itself is one carousel draft counted once in {index}, its sidecars the images’ text', async () => {
  const dir = join(root, 'Look.CAROUSEL')
  mkdirSync(dir)
  const a = writeImage(dir, 'a.jpg', 'jpeg', { color: 'red' })
  const b = writeImage(dir, 'b.png', 'png', { color: 'blue' })
  writeFileSync(join(dir, 'b.png.json'), JSON.stringify({ description: 'the blue one' }))
  writeFileSync(join(dir, 'notes.txt'), 'shot on a grey day')
  const after = writeImage(root, 'z.jpg', 'jpeg', { color: 'white' })
  const res = await scanPaths([dir, after], {
    boardId: '12',
    titleTemplate: '{index}. {name}',
    adOnly: false,
  })
  // A file that is not media is reported on its own and leaves the carousel be.
  expect(res.problems.map((p) => p.where)).toEqual([join(dir, 'notes.txt')])
  expect(res.drafts).toEqual([
    {
      path: dir,
      meta: { title: '1. Look', boardId: '12' },
      carousel: [{ path: a }, { path: b, description: 'the blue one' }],
    },
    { path: after, meta: { title: '2. z', boardId: '12' } },
  ])
})

it('an ad-only scan drops the board; a sidecar cannot give one back', async () => {
  const dir = join(root, 'ads')
  mkdirSync(dir)
  const f = writeImage(dir, 'x.jpg', 'jpeg', { color: 'green' })
  writeFileSync(join(dir, 'x.jpg.json'), JSON.stringify({ board: 'Recipes' }))
  const res = await scanPaths([dir], { titleTemplate: '{name}{board}', adOnly: true, adAccountId: '42' })
  expect(res.drafts).toEqual([{ path: f, meta: { title: 'x', adOnly: true, adAccountId: '42' } }])
  expect(res.boardNames).toEqual([undefined])
})

it('a UTM campaign refuses a file with no link to add it to, and lets one with a sidecar link through', async () => {
  const dir = join(root, 'utm')
  mkdirSync(dir)
  const bare = writeImage(dir, 'bare.jpg', 'jpeg', { color: 'yellow' })
  const linked = writeImage(dir, 'linked.jpg', 'jpeg', { color: 'pink' })
  writeFileSync(join(dir, 'linked.jpg.json'), JSON.stringify({ link: 'https://shop.test/l#top' }))
  const res = await scanPaths([dir], { boardId: '7', utmCampaign: 'fall' })
  expect(res.problems).toEqual([
    {
      where: bare,
      message: 'bare.jpg: there is no link to add the UTM campaign to',
      fix: 'Give the batch a link (or this file one in its sidecar), or leave out the UTM campaign.',
    },
  ])
  expect(res.drafts.map((d) => [d.path, d.meta.link])).toEqual([
    [
      linked,
      'https://shop.test/l?utm_source=pinterest&utm_medium=social&utm_campaign=fall&utm_content=linked.jpg#top',
    ],
  ])
})
