import { useEffect, useRef, useState } from 'react'
import { Combobox, ComboboxItem, ComboboxList, ComboboxProvider } from '@ariakit/react'
import { Search } from 'lucide-react'
import { useStore, actions } from '../../store/store'
import { filterCommands, paletteCommands, runCommand } from './commands'
import { focusLost, focusScreenHeading } from '../../lib/focus'

/** ⌘ on a Mac, Ctrl elsewhere: how the palette writes the menu's shortcuts. */
const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'

/** Ctrl+K / ⌘K anywhere opens the palette (the menu's shortcut does the same inside Electron). */
export function usePaletteShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        actions().setPaletteOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

function Palette() {
  const paused = useStore((s) => s.totals.paused)
  const [query, setQuery] = useState('')
  const ref = useRef<HTMLDialogElement>(null)
  const shown = filterCommands(paletteCommands(paused, MOD), query)
  const close = () => actions().setPaletteOpen(false)
  // What had the focus before the palette (read while rendering, before the input's autofocus takes it).
  const [before] = useState(() => document.activeElement)
  useEffect(() => {
    const d = ref.current
    if (d && !d.open) d.showModal()
    // The dialog leaves the page open, so it gives no focus back itself: it goes back to where it was, unless
    // the command run moved it somewhere (a sheet it opened).
    return () => {
      if (!focusLost()) return
      if (before instanceof HTMLElement && before.isConnected) return before.focus()
      // What had it is gone (the command went to another screen): the screen's heading takes it.
      focusScreenHeading()
    }
  }, [before])
  const run = (id: Parameters<typeof runCommand>[0]) => {
    close()
    runCommand(id)
  }
  return (
    <dialog
      ref={ref}
      className="modal-sheet palette"
      aria-label="Command palette"
      onCancel={(e) => {
        e.preventDefault()
        close()
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog itself, outside its box) closes it.
        if (e.target === e.currentTarget) close()
      }}
    >
      <ComboboxProvider value={query} setValue={setQuery} open>
        <div className="palette-input">
          <Search size={16} aria-hidden="true" />
          <Combobox
            aria-label="Command"
            placeholder="Type a command…"
            autoSelect="always"
            autoFocus
            className="combobox-input"
          />
        </div>
        <ComboboxList className="palette-list" aria-label="Commands">
          {shown.map((c) => (
            <ComboboxItem
              key={c.id}
              value={c.label}
              className="combobox-item palette-item"
              onClick={() => run(c.id)}
            >
              <span>{c.label}</span>
              {c.shortcut !== undefined ? <kbd className="palette-shortcut">{c.shortcut}</kbd> : null}
            </ComboboxItem>
          ))}
        </ComboboxList>
        {shown.length === 0 ? (
          <p className="hint palette-empty" role="status">
            No command matches “{query}”.
          </p>
        ) : null}
      </ComboboxProvider>
    </dialog>
  )
}

/** The command palette (issue 18, point 8), while open. */
export function CommandPalette() {
  const open = useStore((s) => s.paletteOpen)
  return open ? <Palette /> : null
}
