import { describe, expect, it } from 'vitest'
import {
  cellsByHeader,
  checkTemplate,
  checkTemplates,
  renderTemplate,
  renderTemplates,
} from '../../src/main/sources/templates'

const vars = {
  name: 'beach',
  folder: 'Trip',
  index: 3,
  mtimeMs: new Date(2026, 4, 7, 12).getTime(),
  board: 'Travel',
}

describe('text templates', () => {
  it('fills every placeholder in every field', () => {
    expect(renderTemplate('{name} in {folder} #{index} on {date} ({board})', vars)).toBe(
      'beach in Trip #3 on 2026-05-07 (Travel)',
    )
    expect(
      renderTemplates({ title: '{name}', link: 'https://x.test/{folder}/{name}', altText: '{board}' }, vars),
    ).toEqual({ title: 'beach', link: 'https://x.test/Trip/beach', altText: 'Travel' })
  })

  it('names each unknown placeholder and the field', () => {
    expect(checkTemplate('{name} by {author} {day}', 'description')).toBe(
      'Description template has unknown placeholders {author}, {day}; use {name}, {folder}, {index}, {date} or {board}',
    )
    expect(checkTemplate('https://x.test/{slug}', 'link')).toBe(
      'Link template has unknown placeholder {slug}; use {name}, {folder}, {index}, {date} or {board}',
    )
    expect(checkTemplate('{name', 'altText')).toBe('Alt text template has an unmatched { or }')
    expect(checkTemplate('{name} – {index}', 'title')).toBeNull()
  })

  it('takes {col:Header} only in a CSV, and only for a column it has', () => {
    expect(checkTemplate('{col:Price}', 'description')).toMatch(/unknown placeholder \{col:Price\}/)
    const scope = { columns: ['file', 'Price', ' SKU '] }
    expect(checkTemplate('{col:price} {col:sku}', 'description', scope)).toBeNull()
    expect(checkTemplate('{col:Colour}', 'description', scope)).toBe(
      'Description template has unknown placeholder {col:Colour}; use {name}, {folder}, {index}, {date}, {board} or {col:<column header>} with a header of this CSV',
    )
    const cells = cellsByHeader(['file', 'Price', ' SKU '], ['a.jpg', '12 €', undefined])
    expect(renderTemplate('{name}: {col:PRICE} [{col:sku}]', { ...vars, cells })).toBe('beach: 12 € []')
  })

  it('writes a literal brace doubled: {{ and }} are { and }, never a placeholder', () => {
    expect(checkTemplate('Code {{SPRING}} for {name}', 'description')).toBeNull()
    expect(renderTemplate('Code {{SPRING}} for {name}', vars)).toBe('Code {SPRING} for beach')
    expect(renderTemplate('{{{name}}}', vars)).toBe('{beach}')
    expect(renderTemplate('{{name}}', vars)).toBe('{name}')
    // A single brace is still a mistake the user hears about.
    expect(checkTemplate('Code {SPRING', 'title')).toBe('Title template has an unmatched { or }')
    expect(checkTemplate('a } b', 'title')).toBe('Title template has an unmatched { or }')
  })

  it('reports the first field whose template is wrong, in field order', () => {
    expect(checkTemplates({ link: '{x}', title: '{y}' })).toMatch(/^Title template/)
    expect(checkTemplates({ title: '{name}', description: '{date}' })).toBeNull()
  })

  it('leaves an empty board or column as nothing and trims the result', () => {
    expect(renderTemplate('{board} {name}', { ...vars, board: '' })).toBe('beach')
  })
})
