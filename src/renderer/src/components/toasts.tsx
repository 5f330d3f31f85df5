import { useEffect, useState } from 'react'
import { CircleCheck, CircleX, Info, X } from 'lucide-react'
import { formatCount } from '../lib/format'
import { useStore } from '../store/store'
import type { Toast } from '../store/types'
import { IconButton } from './button'

/** Errors stay until dismissed: the user must be able to read them. */
const TTL_MS = { info: 5000, success: 5000, error: 0 } as const
const ICONS = { info: Info, success: CircleCheck, error: CircleX } as const
/** How long a toast with an action (Undo) stays: long enough to reach it from anywhere in the window (ms). */
const ACTION_TTL_MS = 8000

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useStore((s) => s.dismissToast)
  // A toast with an action (Undo) stays long enough to reach it; a repeat restarts the clock.
  const ttl = toast.action ? ACTION_TTL_MS : TTL_MS[toast.tone]
  // Held while the pointer is over it or the focus in it (WCAG 2.2.1): Undo must not go from under the hand
  // reaching for it. Leaving it starts the full time again.
  const [held, setHeld] = useState({ hover: false, focus: false })
  const holding = held.hover || held.focus
  useEffect(() => {
    if (ttl === 0 || holding) return
    const t = setTimeout(() => dismiss(toast.id), ttl)
    return () => clearTimeout(t)
  }, [toast.id, toast.count, ttl, dismiss, holding])
  const Icon = ICONS[toast.tone]
  return (
    <li
      className={`toast toast-${toast.tone}`}
      onPointerEnter={() => setHeld((h) => ({ ...h, hover: true }))}
      onPointerLeave={() => setHeld((h) => ({ ...h, hover: false }))}
      onFocus={() => setHeld((h) => ({ ...h, focus: true }))}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setHeld((h) => ({ ...h, focus: false }))
      }}
    >
      <Icon size={18} aria-hidden="true" className="toast-icon" />
      <span className="toast-text">
        {toast.text}
        {toast.count > 1 ? <span className="toast-count"> ×{formatCount(toast.count)}</span> : null}
      </span>
      {toast.action ? (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            toast.action!.run()
            dismiss(toast.id, true)
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      <IconButton icon={X} label="Dismiss message" onClick={() => dismiss(toast.id)} />
    </li>
  )
}

export function Toasts() {
  const toasts = useStore((s) => s.toasts)
  return (
    <ul className="toasts" aria-live="polite" aria-label="Messages">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </ul>
  )
}
