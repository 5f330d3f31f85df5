import { describe, expect, it } from 'vitest'
import {
  groupProblems,
  previewTitles,
  summarizeDropped,
} from '../../src/renderer/src/features/add/batch-summary'

const g = (displayPath: string) => ({ name: displayPath.split('/').pop()!, displayPath })

describe('the New batch sheet summary', () => {
  it('sorts a drop into media files, folders and skipped kinds grouped by extension', () => {
    const s = summarizeDropped([
      g('/p/Summer/a.jpg'),
      g('/p/Summer/b.MOV'),
      g('/p/Recipes'),
      g('/p/notes.txt'),
      g('/p/todo.txt'),
      g('/p/page.html'),
    ])
    expect(s.files.map((f) => f.name)).toEqual(['a.jpg', 'b.MOV'])
    expect(s.folders).toEqual(['Recipes'])
    expect(s.skipped).toEqual([
      { label: '2 TXT files', names: ['notes.txt', 'todo.txt'] },
      { label: '1 HTML file', names: ['page.html'] },
    ])
  })

  it('previews the first titles with the placeholders main fills, and counts them against 100', () => {
    const files = [g('/p/Summer/IMG_1.jpg'), g('/p/Summer/IMG_2.jpg'), g('/p/Summer/IMG_3.jpg')]
    expect(previewTitles('{folder} {index}: {name} on {board}', files, 'Recipes', 2)).toEqual([
      { file: 'IMG_1.jpg', title: 'Summer 1: IMG_1 on Recipes', length: 26, tooLong: false },
      { file: 'IMG_2.jpg', title: 'Summer 2: IMG_2 on Recipes', length: 26, tooLong: false },
    ])
    const long = previewTitles(`${'x'.repeat(98)}{name}`, files, 'R', 1)[0]!
    expect(long).toMatchObject({ length: 103, tooLong: true })
  })

  it('groups problems by file kind and trouble, the file name left out of the match', () => {
    const groups = groupProblems([
      { where: '/p/a.heic', message: 'a.heic is a HEIC image Pinterest does not take.', fix: 'Convert it.' },
      { where: '/p/b.heic', message: 'b.heic is a HEIC image Pinterest does not take.', fix: 'Convert it.' },
      { where: '/p/c.pdf', message: 'c.pdf is a PDF, not an image or a video.' },
    ])
    expect(groups.map((x) => [x.label, x.items.length, x.fix])).toEqual([
      ['2 HEIC files', 2, 'Convert it.'],
      ['1 PDF file', 1, undefined],
    ])
  })
})
