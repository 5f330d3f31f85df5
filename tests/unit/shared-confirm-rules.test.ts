import { describe, expect, it } from 'vitest'
import {
  CONFIRM_ABOVE_FILES,
  needsConfirmation,
  refusalWithoutTerminal,
} from '../../src/shared/confirm-rules'

const secret = { id: '1', name: 'Drafts', privacy: 'SECRET' }
const recipes = { id: '2', name: 'Recipes', privacy: 'PUBLIC' }
const travel = { id: '3', name: 'Travel', privacy: 'PUBLIC' }

describe('needsConfirmation: more than 500 files, or a public board not yet posted to in this batch', () => {
  it('asks nothing for 500 files to a secret board', () => {
    expect(needsConfirmation({ fileCount: 500, boards: [secret], postedBoardIds: [] })).toEqual({
      needed: false,
      reasons: [],
      action: '',
      question: '',
    })
    expect(CONFIRM_ABOVE_FILES).toBe(500)
  })

  it('asks for 501 files, with the count', () => {
    const d = needsConfirmation({ fileCount: 1501, boards: [secret], postedBoardIds: [] })
    expect(d).toEqual({
      needed: true,
      reasons: [{ kind: 'many_files', count: 1501 }],
      action: 'add 1,501 files at once (more than 500)',
      question: 'Add 1,501 files at once (more than 500)?',
    })
  })

  it('names Pins and the files they come from when one file goes to several boards', () => {
    const d = needsConfirmation({ fileCount: 520, fromFiles: 260, boards: [secret], postedBoardIds: [] })
    expect(d.question).toBe('Add 520 Pins from 260 files at once (more than 500)?')
  })

  it("counts a CSV's rows as Pins (an A|B row is two)", () => {
    const d = needsConfirmation({ fileCount: 1_204, countsPins: true, boards: [], postedBoardIds: [] })
    expect(d.question).toBe('Add 1,204 Pins at once (more than 500)?')
  })

  it('asks for the first post to a public board, naming it, and not again once posted to', () => {
    const first = needsConfirmation({ fileCount: 3, boards: [recipes], postedBoardIds: [] })
    expect(first.reasons).toEqual([{ kind: 'public_board', boardId: '2', boardName: 'Recipes' }])
    expect(first.question).toBe(
      "Post 3 files to the public board 'Recipes'? Everyone on Pinterest can see Pins there.",
    )
    expect(
      needsConfirmation({ fileCount: 3, boards: [recipes], postedBoardIds: new Set(['2']) }).needed,
    ).toBe(false)
  })

  it('takes a board of unknown privacy as public, and protected or secret boards as not', () => {
    const unknown = { id: '9', name: 'Mystery' }
    expect(needsConfirmation({ fileCount: 1, boards: [unknown], postedBoardIds: [] }).question).toBe(
      "Post 1 file to the public board 'Mystery'? Everyone on Pinterest can see Pins there.",
    )
    const prot = { id: '8', name: 'Team', privacy: 'PROTECTED' }
    expect(needsConfirmation({ fileCount: 1, boards: [prot, secret], postedBoardIds: [] }).needed).toBe(false)
  })

  it('names every new public board once and the count, in one question', () => {
    const d = needsConfirmation({
      fileCount: 900,
      boards: [recipes, travel, recipes, { ...travel, id: '4', name: 'Old' }, secret],
      postedBoardIds: ['4'],
    })
    expect(d.reasons.map((r) => r.kind)).toEqual(['many_files', 'public_board', 'public_board'])
    expect(d.question).toBe(
      "Add 900 files at once and post them to the public boards 'Recipes' and 'Travel'? Everyone on Pinterest can see Pins there.",
    )
  })

  it('says drafts when the add makes drafts: nothing is posted until they are published (issue 13)', () => {
    const one = needsConfirmation({ fileCount: 3, boards: [recipes], postedBoardIds: [], drafts: true })
    expect(one.question).toBe(
      "Add 3 files as drafts for the public board 'Recipes'? Everyone on Pinterest can see Pins there once they are published.",
    )
    const many = needsConfirmation({ fileCount: 600, boards: [secret], postedBoardIds: [], drafts: true })
    expect(many.question).toBe('Add 600 files as drafts at once (more than 500)?')
    const both = needsConfirmation({ fileCount: 600, boards: [recipes], postedBoardIds: [], drafts: true })
    expect(both.action).toBe("add 600 files as drafts at once for the public board 'Recipes'")
    // The answer chooses drafts or publishing: the question promises neither.
    const either = needsConfirmation({
      fileCount: 600,
      boards: [recipes],
      postedBoardIds: [],
      drafts: 'either',
    })
    expect(either.question).toBe(
      "Add 600 files at once for the public board 'Recipes'? Everyone on Pinterest can see Pins there once they are published.",
    )
  })

  it('gives the command a refusal to print when there is no terminal, pointing at --yes', () => {
    const d = needsConfirmation({ fileCount: 2, boards: [recipes], postedBoardIds: [] })
    expect(refusalWithoutTerminal(d)).toBe(
      "Nothing was queued: this would post 2 files to the public board 'Recipes', which needs a yes, and there is no terminal to ask on. Run the command again with --yes to go ahead.",
    )
  })
})
