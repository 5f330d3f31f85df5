import { statSync } from 'node:fs'

/**
 * Calls `onChange` when a file's size or mtime changes (it appears, is rewritten, or goes). Polled: one stat
 * per interval works on every file system and sees the atomic renames our files are written with, which
 * fs.watch on the file itself loses. Returns the stop function; the timer never keeps the process alive.
 */
export function watchFileStamp(path: string, onChange: () => void, intervalMs = 2000): () => void {
  const stamp = () => {
    try {
      const st = statSync(path)
      return `${st.size}:${st.mtimeMs}:${st.ino}`
    } catch {
      return 'absent'
    }
  }
  let last = stamp()
  const timer = setInterval(() => {
    const now = stamp()
    if (now === last) return
    last = now
    onChange()
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
