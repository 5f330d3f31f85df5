import { describe, expect, it } from 'vitest'
import {
  AD_ONLY_LABEL,
  boardOptions,
  boardsNeedingSections,
  choiceLabel,
  choiceOf,
  type BoardOptionGroup,
} from '../../src/renderer/src/components/board-options'
import type { Board, BoardSection } from '../../src/shared/domain'

const BOARDS: Board[] = [
  { id: '1', name: 'Recipes', privacy: 'PUBLIC' },
  { id: '2', name: 'Drafts', privacy: 'SECRET' },
  { id: '3', name: 'Architecture', privacy: 'PUBLIC' },
  { id: '4', name: 'Summer', privacy: 'PUBLIC' },
]
const SECTIONS: Record<string, BoardSection[]> = { '1': [{ id: '11', name: 'Soups' }] }

const labels = (groups: BoardOptionGroup[]) =>
  groups.map((g) => ({ label: g.label, options: g.options.map((o) => o.label) }))

describe('board picker options', () => {
  it('lists recent boards first, then the rest by name, sections after their board', () => {
    const groups = boardOptions({ boards: BOARDS, sections: SECTIONS, recentIds: ['4', 'gone'], query: '' })
    expect(labels(groups)).toEqual([
      { label: 'Recent', options: ['Summer'] },
      { label: 'All boards', options: ['Architecture', 'Drafts', 'Recipes', 'Recipes › Soups'] },
    ])
  })

  it('filters by what was typed, case-insensitively, and offers to create the board last', () => {
    const groups = boardOptions({ boards: BOARDS, sections: SECTIONS, recentIds: [], query: 'sou' })
    expect(labels(groups)).toEqual([
      { label: 'Boards', options: ['Recipes › Soups'] },
      { label: null, options: ['Create board “sou”'] },
    ])
    expect(groups.at(-1)!.options[0]).toMatchObject({ kind: 'create-board', name: 'sou' })
  })

  it('does not offer to create a board whose name exists (in any case)', () => {
    const groups = boardOptions({ boards: BOARDS, sections: SECTIONS, recentIds: [], query: 'recipes ' })
    expect(groups.flatMap((g) => g.options).map((o) => o.kind)).toEqual(['board', 'section'])
  })

  it('offers a new section for "Board › Section" and "Board > Section" naming a known board', () => {
    for (const query of ['Recipes › Salads', 'recipes > Salads']) {
      const tail = boardOptions({ boards: BOARDS, sections: SECTIONS, recentIds: [], query }).at(-1)!
      expect(tail.options[0]).toMatchObject({
        kind: 'create-section',
        name: 'Salads',
        label: 'Create section “Salads” in Recipes',
      })
    }
    const known = boardOptions({
      boards: BOARDS,
      sections: SECTIONS,
      recentIds: [],
      query: 'Recipes › soups',
    })
    expect(known.flatMap((g) => g.options).map((o) => o.kind)).toEqual(['section'])
  })

  it('marks secret boards and their sections', () => {
    const groups = boardOptions({
      boards: BOARDS,
      sections: { '2': [{ id: '21', name: 'Ideas' }] },
      recentIds: [],
      query: 'draft',
    })
    expect(groups[0]!.options.map((o) => [o.label, 'secret' in o && o.secret])).toEqual([
      ['Drafts', true],
      ['Drafts › Ideas', true],
    ])
  })

  it('adds the ad-only line only when asked, and it stands for an ad-only choice', () => {
    const without = boardOptions({ boards: BOARDS, sections: {}, recentIds: [], query: '' })
    expect(without.flatMap((g) => g.options).some((o) => o.kind === 'ad-only')).toBe(false)
    const withIt = boardOptions({ boards: BOARDS, sections: {}, recentIds: [], query: '', offerAdOnly: true })
    const line = withIt.at(-1)!.options.at(-1)!
    expect(line.label).toBe(AD_ONLY_LABEL)
    expect(choiceOf(line)).toEqual({ adOnly: true })
    expect(choiceLabel({ adOnly: true }, BOARDS, {})).toBe(AD_ONLY_LABEL)
  })

  it('names a choice as the input shows it', () => {
    expect(choiceLabel({ boardId: '1', boardSectionId: '11' }, BOARDS, SECTIONS)).toBe('Recipes › Soups')
    expect(choiceLabel({ boardId: '1' }, BOARDS, SECTIONS)).toBe('Recipes')
    expect(choiceLabel({ boardId: 'unknown' }, BOARDS, SECTIONS)).toBe('')
    expect(choiceLabel({}, BOARDS, SECTIONS)).toBe('')
  })

  it('reads sections only for a short list of boards not yet known', () => {
    const all = boardOptions({ boards: BOARDS, sections: SECTIONS, recentIds: [], query: '' })
    expect(boardsNeedingSections(all, SECTIONS).sort()).toEqual(['2', '3', '4'])
    expect(boardsNeedingSections(all, SECTIONS, 2)).toEqual([])
  })
})
