import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'
import type { LucideIcon } from 'lucide-react'

type Variant = 'primary' | 'secondary' | 'quiet' | 'danger'

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant
  /** An icon before the words; decorative (the words name the button). */
  icon?: LucideIcon
  children: ReactNode
  /** For a caller that moves the focus to the button (React 19 passes `ref` as a prop). */
  ref?: Ref<HTMLButtonElement>
}

/** A button with words: the one look for every action that has a name on screen. */
export function Button({ variant = 'secondary', icon: Icon, className, children, ...rest }: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      className={`btn btn-${variant}${variant === 'primary' ? ' primary' : ''}${className ? ` ${className}` : ''}`}
    >
      {Icon ? <Icon size={16} aria-hidden="true" /> : null}
      {children}
    </button>
  )
}

interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: LucideIcon
  /** The accessible name and the tooltip: an icon alone never names an action. */
  label: string
  variant?: 'quiet' | 'danger'
}

/** An icon-only button; `label` becomes its accessible name and its tooltip. */
export function IconButton({ icon: Icon, label, variant = 'quiet', className, ...rest }: IconButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      {...rest}
      className={`icon-btn icon-btn-${variant}${className ? ` ${className}` : ''}`}
    >
      <Icon size={16} aria-hidden="true" />
    </button>
  )
}
