import { useState } from 'react'
import { Upload } from 'lucide-react'
import { pathForFile } from '../../ipc/client'

/** Accepts files and folders dragged from the desktop and hands their absolute paths on. */
export function DropZone({ onPaths, disabled }: { onPaths: (paths: string[]) => void; disabled: boolean }) {
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
        const paths = Array.from(e.dataTransfer.files)
          .map((f) => pathForFile(f))
          .filter((p) => p !== '')
        onPaths(paths)
      }}
    >
      <Upload size={32} aria-hidden="true" />
      <p className="drop-title">Drop images, videos or folders here</p>
      <p className="hint">Folders are scanned with their subfolders. JPEG, PNG, MP4 and MOV are uploaded.</p>
    </div>
  )
}
