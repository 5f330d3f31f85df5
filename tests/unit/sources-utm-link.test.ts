import { describe, expect, it } from 'vitest'
import { checkUtmCampaign, withUtm } from '../../src/main/sources/utm-link'

const UTM = 'utm_source=pinterest&utm_medium=social&utm_campaign=spring&utm_content=beach.jpg'

describe('UTM links', () => {
  it('adds the four parameters to a link without a query', () => {
    expect(withUtm('https://shop.test/p/1', 'spring', 'beach.jpg')).toBe(`https://shop.test/p/1?${UTM}`)
  })

  it("keeps the link's own query, in order and as written, and its fragment last", () => {
    expect(withUtm('https://Shop.test/p?id=7&ref=a%20b#reviews', 'spring', 'beach.jpg')).toBe(
      `https://Shop.test/p?id=7&ref=a%20b&${UTM}#reviews`,
    )
    expect(withUtm('https://shop.test/?#top', 'spring', 'beach.jpg')).toBe(`https://shop.test/?${UTM}#top`)
  })

  it('replaces UTM parameters the link already had instead of repeating them', () => {
    expect(withUtm('https://shop.test/?utm_source=mail&id=1&utm%5Fcampaign=old', 'spring', 'beach.jpg')).toBe(
      `https://shop.test/?id=1&${UTM}`,
    )
  })

  it('encodes the campaign and file name', () => {
    expect(withUtm('https://shop.test/', ' Spring & Summer ', 'my photo#1.jpg')).toBe(
      'https://shop.test/?utm_source=pinterest&utm_medium=social&utm_campaign=Spring%20%26%20Summer&utm_content=my%20photo%231.jpg',
    )
  })

  it('refuses an empty campaign', () => {
    expect(checkUtmCampaign('  ')).toMatch(/empty/)
    expect(checkUtmCampaign('spring')).toBeNull()
  })
})
