import { useEffect, useId, useRef, type ReactNode } from 'react'
import { X } from 'lucide-react'
import { IconButton } from './button'

/**
 * A side panel beside the content (not modal: the list stays usable). Escape inside it closes it and
 * gives focus back to where it was opened from.
 */
export function Sheet({
  title,
  onClose,
  children,
  testId,
}: {
  title: string
  onClose: () => void
  children: ReactNode
  testId?: string
}) {
  const titleId = useId()
  const ref = useRef<HTMLElement>(null)
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    return () => {
      // Focus that was inside the panel fell to <body> when it went: give it back to where it came from.
      const lost = document.activeElement === null || document.activeElement === document.body
      if (lost && opener?.isConnected === true) opener.focus()
    }
  }, [])
  return (
    <aside
      ref={ref}
      className="sheet"
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <header className="sheet-header">
        <h2 id={titleId}>{title}</h2>
        <IconButton icon={X} label="Close details" onClick={onClose} />
      </header>
      <div className="sheet-body">{children}</div>
    </aside>
  )
}
