import { useState } from 'react'
import { Upload } from 'lucide-react'

/**
 * Accepts files and folders dragged from the desktop and hands the `File`s on: their paths are read by the
 * preload and granted by main (src/preload/index.ts), never by this page.
 */
export function DropZone({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled: boolean }) {
  const [over, setOver] = useState(false)
  return (
    <div
      className={`drop-zone${over ? ' drop-over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault()
        e.dataTransfer.dropEffect = 'copy'
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault()
        setOver(false)
        if (disabled) return
        onFiles(Array.from(e.dataTransfer.files))
      }}
    >
      <Upload size={32} aria-hidden="true" />
      <p className="drop-title">Drop images, videos or folders here</p>
      <p className="hint">Folders are scanned with their subfolders. JPEG, PNG, MP4 and MOV are uploaded.</p>
    </div>
  )
}
