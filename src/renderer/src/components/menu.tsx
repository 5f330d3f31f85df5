import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { Ellipsis, type LucideIcon } from 'lucide-react'

export interface MenuItem {
  label: string
  icon?: LucideIcon
  onSelect: () => void
  disabled?: boolean
  danger?: boolean
}

/**
 * A button that opens a short list of actions (the menu pattern of the ARIA practices: arrow keys move,
 * Enter picks, Escape closes and returns focus to the button).
 */
export function Menu({
  label,
  items,
  icon: Icon = Ellipsis,
  tabIndex,
}: {
  label: string
  items: MenuItem[]
  icon?: LucideIcon
  /** -1 keeps the button out of the Tab order (inside a roving list: queue-list.tsx). */
  tabIndex?: number
}) {
  const [open, setOpen] = useState(false)
  const id = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const listRef = useRef<HTMLUListElement>(null)

  const enabled = () =>
    Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])

  useEffect(() => {
    if (!open) return
    enabled()[0]?.focus()
    const close = (e: PointerEvent) => {
      const t = e.target as Node
      if (!listRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false)
    }
    document.addEventListener('pointerdown', close)
    return () => document.removeEventListener('pointerdown', close)
  }, [open])

  const onKey = (e: KeyboardEvent) => {
    const list = enabled()
    const at = list.indexOf(document.activeElement as HTMLButtonElement)
    if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.stopPropagation()
      setOpen(false)
      buttonRef.current?.focus()
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const step = e.key === 'ArrowDown' ? 1 : -1
      list[(at + step + list.length) % list.length]?.focus()
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault()
      list[e.key === 'Home' ? 0 : list.length - 1]?.focus()
    }
  }

  return (
    <div className="menu">
      <button
        ref={buttonRef}
        type="button"
        tabIndex={tabIndex}
        className="icon-btn icon-btn-quiet"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon size={16} aria-hidden="true" />
      </button>
      {open ? (
        <ul ref={listRef} id={id} role="menu" aria-label={label} className="menu-list" onKeyDown={onKey}>
          {items.map((it) => (
            <li key={it.label} role="none">
              <button
                type="button"
                role="menuitem"
                className={it.danger ? 'menu-item menu-item-danger' : 'menu-item'}
                disabled={it.disabled}
                tabIndex={-1}
                onClick={() => {
                  setOpen(false)
                  buttonRef.current?.focus()
                  it.onSelect()
                }}
              >
                {it.icon ? <it.icon size={16} aria-hidden="true" /> : null}
                {it.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
