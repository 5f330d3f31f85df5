import type { ReactNode } from 'react'
import { CircleCheck, CircleX, Info, TriangleAlert, type LucideIcon } from 'lucide-react'

type BannerTone = 'info' | 'success' | 'warning' | 'danger'

const ICONS: Record<BannerTone, LucideIcon> = {
  info: Info,
  success: CircleCheck,
  warning: TriangleAlert,
  danger: CircleX,
}

/**
 * A message across the screen with an icon, words and an optional action. Warnings and errors are
 * alerts (read out at once), the rest are status (read when the reader is free).
 */
export function Banner({
  tone,
  children,
  action,
  testId,
  live,
}: {
  tone: BannerTone
  children: ReactNode
  action?: ReactNode
  testId?: string
  /** Overrides the role the tone implies (a warning to read before acting need not interrupt). */
  live?: 'alert' | 'status'
}) {
  const Icon = ICONS[tone]
  const urgent = tone === 'warning' || tone === 'danger'
  return (
    <div
      className={`banner banner-${tone}`}
      role={live ?? (urgent ? 'alert' : 'status')}
      data-testid={testId}
    >
      <Icon size={18} aria-hidden="true" className="banner-icon" />
      <div className="banner-body">{children}</div>
      {action !== undefined ? <div className="banner-action">{action}</div> : null}
    </div>
  )
}
