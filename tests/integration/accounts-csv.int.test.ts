import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AddResult, CsvPreview } from '../../src/shared/domain'
import { useAccountsWorld } from '../support/accounts-world'
import { privateKeyring, realKeyring } from '../support/keychain'
import { writeImage } from '../support/media-files'
import { startTestApp } from '../support/test-app'
import { waitFor } from '../support/wait-for'

// A CSV row names the account it goes out as (issue 15: "a CSV row (`account` column) can name an account").
const secrets = privateKeyring('-accounts-csv')
const KEYS = ['production:shop_one', 'production:shop_two']

describe.skipIf(!realKeyring)('the CSV account column', () => {
  const world = useAccountsWorld('accounts-csv', secrets, KEYS)

  it("sends each row as its account, looks its board up in that account's boards, and lists the known ones for an unknown name", async () => {
    const { fake, root } = world
    // Both accounts have a board named Shop: a row's board is found among its own account's boards.
    const one = fake.addBoard({ name: 'Shop', owner: 'shop_one', privacy: 'PROTECTED' })
    const two = fake.addBoard({ name: 'Shop', owner: 'shop_two', privacy: 'PROTECTED' })
    const started = await startTestApp({ dataDir: join(root, 'data'), fake, secrets })
    world.app = started
    for (const username of ['shop_two', 'shop_one']) {
      const token = fake.issueToken({ username }).accessToken
      expect(await started.dispatch('account:use-token', { token, environment: 'production' })).toMatchObject(
        {
          ok: true,
          value: { username },
        },
      )
    }
    const dir = join(root, 'csv')
    mkdirSync(dir)
    for (const name of ['mine', 'theirs', 'lost']) writeImage(dir, `${name}.png`, 'png')
    const file = join(dir, 'pins.csv')
    writeFileSync(
      file,
      [
        'file,title,board,account',
        'mine.png,Mine,Shop,',
        'theirs.png,Theirs,Shop,@Shop_Two',
        'lost.png,Lost,Shop,nobody',
      ].join('\n'),
    )
    const [{ grant }] = await started.call<[{ grant: string }]>('paths:grant-dropped', { paths: [file] })
    const preview = await started.call<CsvPreview>('import:csv-preview', { grant })
    expect(preview.rows.map((r) => [r.line, r.draft?.meta.boardId, r.draft?.accountKey, r.errors])).toEqual([
      [2, one.id, undefined, []],
      [3, two.id, 'production:shop_two', []],
      [
        4,
        undefined,
        undefined,
        [
          "'account' nobody is not an account Pinload knows; known accounts: @shop_two (production), @shop_one (production)",
        ],
      ],
    ])
    const added = await started.call<AddResult>('import:csv-confirm', { previewId: preview.previewId })
    expect(added.queued).toBe(2)
    await waitFor(
      'both Pins',
      () => fake.pins.filter((p) => p.title === 'Mine' || p.title === 'Theirs').length === 2,
    )
    expect(
      fake.pins
        .filter((p) => p.title === 'Mine' || p.title === 'Theirs')
        .map((p) => [p.title, p.board_id, p.owner]),
    ).toEqual(
      expect.arrayContaining([
        ['Mine', one.id, 'shop_one'],
        ['Theirs', two.id, 'shop_two'],
      ]),
    )
    // A board name matched by the user holds for a row naming the account in use, as for a row naming none.
    writeImage(dir, 'extra.png', 'png', { color: 'purple' })
    const matched = join(dir, 'matched.csv')
    writeFileSync(matched, ['file,title,board,account', 'extra.png,Extra,Nowhere,@shop_one'].join('\n'))
    const [{ grant: g2 }] = await started.call<[{ grant: string }]>('paths:grant-dropped', {
      paths: [matched],
    })
    const again = await started.call<CsvPreview>('import:csv-preview', {
      grant: g2,
      boardMatches: [{ name: 'Nowhere', boardId: one.id }],
    })
    expect(again.rows.map((r) => [r.draft?.meta.boardId, r.errors])).toEqual([[one.id, []]])
    // The export names each Pin's board from its own account's boards.
    const rows = await started.app.services.exportResults.rows({})
    expect(
      rows.filter((r) => r.title === 'Mine' || r.title === 'Theirs').map((r) => [r.title, r.board_name]),
    ).toEqual(
      expect.arrayContaining([
        ['Mine', 'Shop'],
        ['Theirs', 'Shop'],
      ]),
    )
  })
})
