import { useEffect } from 'react'
import { dropOnWindow } from './new-batch-actions'

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true

/**
 * Files can be dropped anywhere on the window (issue 18, point 6): a drop no drop area took (their handlers
 * call preventDefault) opens the New batch sheet. Without this, Chromium would open the file as a page.
 */
export function useWindowDrop(): void {
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e) || e.defaultPrevented) return
      e.preventDefault()
      void dropOnWindow(Array.from(e.dataTransfer?.files ?? []))
    }
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  }, [])
}
