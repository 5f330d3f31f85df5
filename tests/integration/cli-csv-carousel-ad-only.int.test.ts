import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FakePinterest } from '../../src/main/fake-pinterest/index'
import { writeImage } from '../support/media-files'
import { cliEnv, runCli } from './cli-helpers'
import { requestsTo, startFake } from './pinterest-test-kit'

/** Issue 13 in a CSV through `pinload import`: carousel keys, ad_only / ad_account_id, {col:Header} templates. */
let fake: FakePinterest
let root: string
beforeAll(async () => {
  fake = await startFake({ rateLimits: false })
  root = mkdtempSync(join(tmpdir(), 'pinload-csv13-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(root, { recursive: true, force: true })
})

it('imports rows sharing a carousel key as one carousel Pin, ad-only rows without a board, and fills {col:…}', async () => {
  const travel = fake.addBoard({ name: 'Travel' })
  mkdirSync(join(root, 'trip'))
  mkdirSync(join(root, 'one'))
  writeImage(join(root, 'trip'), '1.jpg', 'jpeg', { color: 'red' })
  writeImage(join(root, 'trip'), '2.jpg', 'jpeg', { color: 'green' })
  writeImage(join(root, 'trip'), '3.jpg', 'jpeg', { color: 'blue' })
  writeImage(root, 'solo.jpg', 'jpeg', { color: 'white' })
  writeImage(root, 'bad.jpg', 'jpeg', { color: 'black' })
  writeImage(root, 'ad-board.jpg', 'jpeg', { color: 'gray' })
  writeImage(join(root, 'one'), '1.jpg', 'jpeg', { color: 'navy' })
  const csv = join(root, 'pins.csv')
  writeFileSync(
    csv,
    [
      'file,title,description,link,board,carousel,ad_only,ad_account_id,Price',
      'trip/1.jpg,Trip,{col:Price} only,https://shop.test/t?a=1#x,Travel,trip,,,12 €',
      'trip/2.jpg,Second,,https://shop.test/2,Travel,trip,,,',
      'trip/3.jpg,,,,Travel,trip,,,',
      'solo.jpg,{name} for {col:price},,,,,yes,549755885175,9 €',
      'bad.jpg,{nope},,,Travel,,,,',
      'ad-board.jpg,,,,Travel,,yes,,',
      'one/1.jpg,,,,Travel,lonely,,,',
    ].join('\n') + '\n',
  )
  const r = await runCli(['import', csv], cliEnv(fake, join(root, 'data'), fake.issueToken().accessToken))
  const out = r.stdout + r.stderr
  expect(r.code, out).toBe(1)
  expect(out).toMatch(/line 6: Title template has unknown placeholder \{nope\}/)
  expect(out).toMatch(/line 7: An ad-only row takes no board: empty its 'board' cell/)
  expect(out).toMatch(/line 8: Carousel 'lonely' holds 1 image; a carousel Pin takes 2 to 5/)
  expect(out).toMatch(/ok {5}line 3: Part of carousel 'trip' \(line 2\)/)

  expect(fake.pins).toHaveLength(2)
  const carousel = fake.pins.find((p) => p.media_source_type === 'multiple_image_base64')
  expect(carousel).toMatchObject({
    board_id: travel.id,
    title: 'Trip',
    description: '12 € only',
    link: 'https://shop.test/t?a=1#x',
  })
  expect(
    carousel?.carousel_items?.map(({ title, description, link }) => ({ title, description, link })),
  ).toEqual([
    { title: 'Trip', description: '12 € only', link: 'https://shop.test/t?a=1#x' },
    { title: 'Second', description: undefined, link: 'https://shop.test/2' },
    { title: undefined, description: undefined, link: undefined },
  ])
  const ad = fake.pins.find((p) => p.is_removable)
  expect(ad).toMatchObject({ title: 'solo for 9 €', ad_account_id: '549755885175' })
  expect(requestsTo(fake, 'POST', '/v5/pins').map((q) => q.query.ad_account_id)).toContain('549755885175')
  expect(fake.specViolations).toEqual([])
}, 120_000)
