import { describe, expect, it } from 'vitest'
import { parseCsvText } from '../../src/main/sources/csv-import'
import {
  csvAdOnly,
  fillCsvText,
  groupCsvCarousels,
  type CarouselRow,
} from '../../src/main/sources/csv-pin-extras'

const csv = (lines: string[]) => parseCsvText(lines.join('\n') + '\n')

describe('CSV templates and ad-only cells (issue 13)', () => {
  it('fills {col:Header} from the same row, case and spacing of the header ignored', () => {
    const parsed = csv([
      'file,title,board,Unit Price,notes',
      'shop/mug.jpg,{name}: {col:unit price},Shop,12 €,x',
    ])
    const raw = parsed.rows[0]!
    const filled = fillCsvText(
      { title: raw.cells.title!, link: 'https://e.test/{folder}/{index}' },
      raw,
      parsed,
      {
        media: raw.cells.media!,
        index: 3,
        mtimeMs: 0,
        board: 'Shop',
      },
    )
    expect(filled).toEqual({ text: { title: 'mug: 12 €', link: 'https://e.test/shop/3' } })
  })

  it('refuses a placeholder naming no column, and warns only of columns no template reads', () => {
    const parsed = csv([
      'file,title,board,Price,notes',
      'a.jpg,{col:Colour},Shop,1,x',
      'b.jpg,{col:price},Shop,2,y',
    ])
    expect(parsed.warnings.join(' ')).toMatch(/Column 'notes' is not one Pinload reads/)
    expect(parsed.warnings.join(' ')).not.toMatch(/Price/)
    const raw = parsed.rows[0]!
    expect(
      fillCsvText({ title: raw.cells.title! }, raw, parsed, {
        media: 'a.jpg',
        index: 1,
        mtimeMs: 0,
        board: '',
      }),
    ).toEqual({
      error:
        'Title template has unknown placeholder {col:Colour}; use {name}, {folder}, {index}, {date}, {board} or {col:<column header>} with a header of this CSV',
    })
  })

  it('matches {col:Header} the way the ignored-column check does: spaces, _ and - in either are not told apart', () => {
    const parsed = csv([
      'file,title,board,Unit_Price,sku-code',
      'a.jpg,{col:unit price} / {col:SKU Code},Shop,12,X-1',
    ])
    // The column is read by the template, so it is not reported as ignored...
    expect(parsed.warnings.join(' ')).not.toMatch(/Unit_Price|sku-code/)
    const raw = parsed.rows[0]!
    // ...and the template finds it, instead of calling the placeholder unknown.
    expect(
      fillCsvText({ title: raw.cells.title! }, raw, parsed, {
        media: 'a.jpg',
        index: 1,
        mtimeMs: 0,
        board: '',
      }),
    ).toEqual({ text: { title: '12 / X-1' } })
  })

  it('fills {board} per board of an A|B cell, whose row is split first', () => {
    const parsed = csv(['file,title,board', 'a.jpg,On {board},Travel|Food'])
    expect(
      parsed.rows.map((raw) =>
        fillCsvText({ title: raw.cells.title! }, raw, parsed, {
          media: 'a.jpg',
          index: 1,
          mtimeMs: 0,
          board: raw.cells.board ?? '',
        }),
      ),
    ).toEqual([{ text: { title: 'On Travel' } }, { text: { title: 'On Food' } }])
  })

  it('reads ad_only and ad_account_id, an account implying ad-only', () => {
    expect(csvAdOnly({})).toEqual({ adOnly: false })
    expect(csvAdOnly({ adOnly: 'Yes' })).toEqual({ adOnly: true })
    expect(csvAdOnly({ adAccount: '549755885175' })).toEqual({ adOnly: true, adAccountId: '549755885175' })
    expect(csvAdOnly({ adOnly: 'maybe' })).toEqual({ error: "ad_only 'maybe' is not yes or no" })
    expect(csvAdOnly({ adAccount: 'acct-1' })).toEqual({
      error: "ad_account_id 'acct-1' is not an ad account id (1 to 18 digits)",
    })
    expect(csvAdOnly({ adOnly: 'no', adAccount: '42' })).toEqual({
      error: "ad_account_id is for ad-only Pins, but ad_only says 'no'",
    })
  })

  it('refuses a carousel whose rows name different sections or ad accounts, as it does different boards', async () => {
    const row = (line: number, key: string, meta: Record<string, unknown>): CarouselRow => ({
      row: { line, errors: [], draft: { path: `/p/${line}.jpg`, meta } },
      raw: { line, cells: { carousel: key } },
    })
    const rows = [
      row(2, 'a', { boardId: 'b1', boardSectionId: 's1' }),
      row(3, 'a', { boardId: 'b1', boardSectionId: 's2' }),
      row(4, 'b', { adOnly: true, adAccountId: '111' }),
      row(5, 'b', { adOnly: true, adAccountId: '222' }),
    ]
    await groupCsvCarousels(rows, '/p')
    expect(rows.map((r) => [r.row.draft, r.row.errors])).toEqual([
      [
        undefined,
        ["Carousel 'a': its rows name different boards or sections; a carousel is one Pin in one place"],
      ],
      [
        undefined,
        ["Carousel 'a': its rows name different boards or sections; a carousel is one Pin in one place"],
      ],
      [
        undefined,
        ["Carousel 'b': its rows name different ad accounts; a carousel is one Pin of one account"],
      ],
      [
        undefined,
        ["Carousel 'b': its rows name different ad accounts; a carousel is one Pin of one account"],
      ],
    ])
  })
})
