/**
 * Walks the input schema of every channel of the IPC contract (issue 11, item 8): each object, nested ones too,
 * rejects unknown keys; each string and array has a maximum length; board, section and Pin ids take digits only;
 * each number has an explicit lower and upper bound. A schema kind the walker does not know fails the test, so
 * a new kind of input is looked at rather than passed unchecked.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { invokeContract, type InvokeChannel } from '../../src/shared/ipc/contract'

type Schema = z.core.$ZodType
type Def = Schema['_zod']['def'] & {
  shape?: Record<string, Schema>
  catchall?: Schema
  innerType?: Schema
  element?: Schema
  checks?: { _zod: { def: { check: string } } }[]
}

/** Keys that carry a Pinterest board, section or Pin id. */
const PINTEREST_ID_KEY = /^(board|boardSection|section|pin)Id$/

const defOf = (s: Schema): Def => s._zod.def
const checksOf = (d: Def): string[] => (d.checks ?? []).map((c) => c._zod.def.check)

/** Every rule the schema at `path` breaks; `key` is the object key it sits under. */
function violations(schema: Schema, path: string, key: string): string[] {
  const def = defOf(schema)
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return violations(def.innerType!, path, key)
    case 'object': {
      const out = defOf(def.catchall ?? schema).type === 'never' ? [] : [`${path}: object is not strict`]
      for (const [k, v] of Object.entries(def.shape ?? {})) out.push(...violations(v, `${path}.${k}`, k))
      return out
    }
    case 'array': {
      const out = checksOf(def).includes('max_length') ? [] : [`${path}: array has no maximum length`]
      return [...out, ...violations(def.element!, `${path}[]`, key)]
    }
    case 'string': {
      const out = checksOf(def).includes('max_length') ? [] : [`${path}: string has no maximum length`]
      if (PINTEREST_ID_KEY.test(key)) {
        const takes = (v: string) => (schema as z.ZodType).safeParse(v).success
        if (!takes('123456789012345678') || takes('abc') || takes('12a') || takes('') || takes('1/2'))
          out.push(`${path}: id does not take digits only`)
      }
      return out
    }
    case 'number': {
      const checks = checksOf(def)
      const out: string[] = []
      if (!checks.includes('greater_than')) out.push(`${path}: number has no lower bound`)
      if (!checks.includes('less_than')) out.push(`${path}: number has no upper bound`)
      return out
    }
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
      return []
    default:
      return [`${path}: schema kind '${def.type}' is not known to this test; teach it the rules for it`]
  }
}

const channels = Object.keys(invokeContract) as InvokeChannel[]

describe('every IPC input is strict and bounded', () => {
  it.each(channels)('%s', (channel) => {
    expect(violations(invokeContract[channel].input, channel, '')).toEqual([])
  })

  it('the walker finds what it looks for (a loose, unbounded schema breaks every rule)', async () => {
    const { z: zod } = await import('zod')
    const loose = zod.object({
      nested: zod.object({ boardId: zod.string() }),
      list: zod.array(zod.string()),
      count: zod.number().int(),
    })
    expect(violations(loose, 'x', '')).toEqual([
      'x: object is not strict',
      'x.nested: object is not strict',
      'x.nested.boardId: string has no maximum length',
      'x.nested.boardId: id does not take digits only',
      'x.list: array has no maximum length',
      'x.list[]: string has no maximum length',
      'x.count: number has no lower bound',
      'x.count: number has no upper bound',
    ])
  })
})

describe('the rules bite at the boundary', () => {
  const parse = <C extends InvokeChannel>(channel: C, input: unknown) =>
    invokeContract[channel].input.safeParse(input).success
  /** A path grant's id (src/main/services/path-grants.ts). */
  const grant = 'g'.repeat(24)

  it('an unknown key inside the batch defaults is refused', () => {
    expect(parse('uploads:add-paths', { grants: [grant], defaults: { boardId: '1' } })).toBe(true)
    expect(parse('uploads:add-paths', { grants: [grant], defaults: { boardId: '1', extra: 1 } })).toBe(false)
  })

  it('a board id that is not digits is refused everywhere one is taken', () => {
    expect(parse('boards:sections', { boardId: '../../user_account' })).toBe(false)
    expect(parse('boards:create-section', { boardId: '12 34', name: 'x' })).toBe(false)
    expect(parse('uploads:add-paths', { grants: [grant], defaults: { boardSectionId: 'abc' } })).toBe(false)
    const watch = { grant, subfolderBoards: false, moveDone: false }
    expect(parse('watch:add', { ...watch, boardId: '1x' })).toBe(false)
    expect(parse('watch:add', { ...watch, boardId: '1' })).toBe(true)
  })

  it('strings past their maximum and numbers past their range are refused', () => {
    expect(
      parse('uploads:add-paths', { grants: [grant], defaults: { description: 'd'.repeat(10_001) } }),
    ).toBe(false)
    expect(parse('import:csv-confirm', { previewId: 'p'.repeat(65) })).toBe(false)
    expect(parse('settings:set', { dataDir: '/'.repeat(4097) })).toBe(false)
    expect(parse('settings:set', { bandwidthBytesPerSec: 2 ** 40 })).toBe(false)
    expect(parse('uploads:remove', { itemId: 2 ** 60 })).toBe(false)
    expect(parse('uploads:remove', { itemId: 0 })).toBe(false)
  })
})
