/** How a watched file's problem is shown, the same in the window and in `pinload watch` (no Node, no DOM). */

const SEPARATOR = /[\\/]/

/** The file as the user knows it inside the watched folder ("Recipes/soup.jpg"); just its name when elsewhere. */
export function fileInFolder(folder: string, path: string): string {
  const root = folder.replace(/[\\/]+$/, '')
  if (path.length > root.length + 1 && path.startsWith(root) && SEPARATOR.test(path.charAt(root.length))) {
    return path.slice(root.length + 1)
  }
  return path.split(SEPARATOR).pop() || path
}

/** The message without a leading "name: ", which is shown next to it already. */
export function problemText(problem: { path: string; message: string }): string {
  const name = problem.path.split(SEPARATOR).pop() ?? ''
  return name !== '' && problem.message.startsWith(`${name}: `)
    ? problem.message.slice(name.length + 2)
    : problem.message
}
