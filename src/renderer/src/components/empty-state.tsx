import type { ReactNode } from 'react'
import type { LucideIcon } from 'lucide-react'

/** What an empty list says: what would be here, and how to get it there. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon
  title: string
  children?: ReactNode
  action?: ReactNode
}) {
  return (
    <div className="empty-state">
      <Icon size={32} aria-hidden="true" />
      <p className="empty-state-title">{title}</p>
      {children !== undefined ? <p className="hint">{children}</p> : null}
      {action}
    </div>
  )
}
