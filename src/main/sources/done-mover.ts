import { access, mkdir, rename, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join, relative } from 'node:path'
import { sidecarNames } from './sidecar'

/** Folders inside a watched folder that hold finished files; the watcher never queues from them. */
export const DONE_DIR = 'done'
export const FAILED_DIR = 'failed'

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  )
}

/** `name (2).jpg`, `name (3).jpg`… so a move never overwrites an earlier file of the same name. */
async function freeName(target: string): Promise<string> {
  if (!(await exists(target))) return target
  const ext = extname(target)
  const stem = target.slice(0, target.length - ext.length)
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`
    if (!(await exists(candidate))) return candidate
  }
}

/**
 * Moves a finished file (and its sidecar) under `<root>/done/` or `<root>/failed/`, keeping its
 * subfolder so "subfolder = board" stays readable; a failed file gets `<name>.reason.txt` beside it.
 * Returns the new path.
 */
export async function moveFinished(
  root: string,
  path: string,
  outcome: 'published' | 'failed',
  reason?: string,
): Promise<string> {
  const rel = relative(root, path)
  const target = await freeName(join(root, outcome === 'published' ? DONE_DIR : FAILED_DIR, rel))
  await mkdir(dirname(target), { recursive: true })
  await rename(path, target)
  for (const sidecar of sidecarNames(basename(path))) {
    const from = join(dirname(path), sidecar)
    if (await exists(from)) {
      await rename(from, join(dirname(target), `${basename(target)}.json`)).catch(() => undefined)
      break
    }
  }
  if (outcome === 'failed') {
    await writeFile(`${target}.reason.txt`, `${reason ?? 'Failed (no reason given)'}\n`, 'utf8')
  }
  return target
}
