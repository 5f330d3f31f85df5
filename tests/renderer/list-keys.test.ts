import { expect, it } from 'vitest'
import { moveIndex } from '../../src/renderer/src/store/list-keys'

it('moves the active line by arrows, pages, Home and End, and stays inside the list', () => {
  expect(moveIndex('ArrowDown', 0, 3)).toBe(1)
  expect(moveIndex('ArrowDown', 2, 3)).toBe(2)
  expect(moveIndex('ArrowUp', 0, 3)).toBe(0)
  expect(moveIndex('PageDown', 1, 100, 10)).toBe(11)
  expect(moveIndex('PageUp', 5, 100, 10)).toBe(0)
  expect(moveIndex('Home', 50, 100)).toBe(0)
  expect(moveIndex('End', 0, 100)).toBe(99)
  expect(moveIndex('a', 0, 100)).toBeNull()
  expect(moveIndex('ArrowDown', 0, 0)).toBeNull()
})
