/** Where a key moves the active line of a list of `count` lines (null: the key is not a move). */
export function moveIndex(key: string, index: number, count: number, page = 10): number | null {
  if (count === 0) return null
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i))
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1)
    case 'ArrowUp':
      return clamp(index - 1)
    case 'PageDown':
      return clamp(index + page)
    case 'PageUp':
      return clamp(index - page)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}
