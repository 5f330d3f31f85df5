import { useEffect } from 'react'
import { useStore } from '../store/store'
import type { Toast } from '../store/types'

/** Errors stay until dismissed: the user must be able to read them. */
const TTL_MS = { info: 5000, success: 5000, error: 0 } as const

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useStore((s) => s.dismissToast)
  useEffect(() => {
    const ttl = TTL_MS[toast.tone]
    if (ttl === 0) return
    const t = setTimeout(() => dismiss(toast.id), ttl)
    return () => clearTimeout(t)
  }, [toast, dismiss])
  return (
    <li className={`toast toast-${toast.tone}`}>
      <span>{toast.text}</span>
      <button type="button" onClick={() => dismiss(toast.id)} aria-label="Dismiss message">
        ×
      </button>
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
