import { randomBytes } from 'node:crypto'
import { basename, isAbsolute, resolve } from 'node:path'
import { AppError } from '../../shared/ipc/result'

/** What the window gets for a granted path: the id it passes back, and what it may show. */
export interface GrantedPath {
  grant: string
  name: string
  displayPath: string
}

/**
 * Paths as capabilities (issue 11, finding 2): the window names a file or folder only by a grant id main handed
 * out, for a path main's own dialog returned or the preload read off a dropped file (src/preload/index.ts). A
 * compromised page cannot forge either, so it cannot queue `~/.ssh/id_rsa` or watch the home folder. Grants
 * belong to one window (the sender id) and last as long as the app runs: a CSV is previewed again with the
 * same grant.
 */
export class PathGrants {
  private readonly byOwner = new Map<number, { paths: Map<string, string>; ids: Map<string, string> }>()

  /** Grants `path` to window `owner`; the same path granted again gets the same id. */
  grant(owner: number, path: string): GrantedPath {
    if (!isAbsolute(path))
      throw new AppError('permission', 'Only files and folders from your computer can be added.')
    const full = resolve(path)
    let grants = this.byOwner.get(owner)
    if (!grants) this.byOwner.set(owner, (grants = { paths: new Map(), ids: new Map() }))
    let id = grants.ids.get(full)
    if (id === undefined) {
      id = randomBytes(18).toString('base64url')
      grants.paths.set(id, full)
      grants.ids.set(full, id)
    }
    return { grant: id, name: basename(full) || full, displayPath: full }
  }

  /** The paths behind `ids`, in order; refused as a whole (kind `permission`) when any is not this window's. */
  resolve(owner: number, ids: readonly string[]): string[] {
    const grants = this.byOwner.get(owner)
    return ids.map((id) => {
      const path = grants?.paths.get(id)
      if (path === undefined)
        throw new AppError(
          'permission',
          'Pinload adds only files and folders you dropped or picked: drop or pick them again.',
        )
      return path
    })
  }

  /** One grant's path (a CSV, a watched folder). */
  resolveOne(owner: number, id: string): string {
    return this.resolve(owner, [id])[0]!
  }
}
