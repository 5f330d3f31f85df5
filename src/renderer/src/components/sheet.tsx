import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { X } from 'lucide-react'
import { IconButton } from './button'
import { focusLost } from '../lib/focus'

/**
 * A side panel beside the content (not modal: the list stays usable). Escape inside it closes it and
 * gives focus back to where it was opened from, or to what `returnFocus` names then (the queue's inspector:
 * the list's active line, which may have moved on while the panel was open).
 */
export function Sheet({
  title,
  onClose,
  children,
  testId,
  returnFocus,
}: {
  title: string
  onClose: () => void
  children: ReactNode
  testId?: string
  returnFocus?: () => HTMLElement | null
}) {
  const titleId = useId()
  const ref = useRef<HTMLElement>(null)
  const back = useRef(returnFocus)
  useEffect(() => {
    back.current = returnFocus
  })
  // Read as the panel first renders: a child's autoFocus moves the focus before any effect runs.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  )
  useEffect(() => {
    return () => {
      // Focus that was inside the panel fell to <body> when it went: give it back to where it came from.
      if (!focusLost()) return
      const target = back.current?.() ?? opener
      if (target?.isConnected === true) target.focus()
    }
  }, [opener])
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
        {/* Focusable from code: what held the focus inside the panel may go (a Retry done), and it lands here. */}
        <h2 id={titleId} tabIndex={-1}>
          {title}
        </h2>
        <IconButton icon={X} label="Close details" onClick={onClose} />
      </header>
      <div className="sheet-body">{children}</div>
    </aside>
  )
}
