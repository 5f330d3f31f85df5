import type { AppCommand } from '../../../../shared/app-commands'
import { actions } from '../../store/store'
import type { Screen } from '../../store/types'
import { pickFilesForBatch, pickFolderForBatch } from '../add/new-batch-actions'
import { pauseAll, resumeAll } from '../queue/queue-actions'

/** One line of the command palette: its words, the shortcut the menu gives it, and what it does. */
export interface Command {
  id: AppCommand
  label: string
  /** As the menu shows it, for the palette's hint ("Ctrl+O"); main's menu binds the keys. */
  shortcut?: string
  /** Other words it is found by. */
  keywords?: string
}

const go = (screen: Screen) => () => actions().setScreen(screen)

const RUN: Record<AppCommand, () => void> = {
  'add-files': () => void pickFilesForBatch(),
  'add-folder': () => void pickFolderForBatch(),
  'import-csv': go('import'),
  'go-queue': go('queue'),
  'go-review': go('review'),
  'go-timeline': go('timeline'),
  'go-add': go('add'),
  'go-watch': go('watch'),
  'go-account': go('account'),
  'go-settings': go('settings'),
  'toggle-pause': () => void (actions().totals.paused ? resumeAll() : pauseAll()),
  'command-palette': () => actions().setPaletteOpen(true),
}

/** Runs a command from the palette or the application menu (`app:command`). */
export function runCommand(id: AppCommand): void {
  RUN[id]()
}

/** The palette's lines, in the order they are offered ("Pause all" or "Resume all" as the queue stands). */
export function paletteCommands(paused: boolean, mod: string): Command[] {
  return [
    {
      id: 'add-files',
      label: 'Add files…',
      shortcut: `${mod}+O`,
      keywords: 'upload images videos new batch',
    },
    { id: 'add-folder', label: 'Add folder…', shortcut: `${mod}+Shift+O`, keywords: 'upload directory' },
    { id: 'import-csv', label: 'Import CSV…', shortcut: `${mod}+I`, keywords: 'spreadsheet bulk' },
    {
      id: 'toggle-pause',
      label: paused ? 'Resume all' : 'Pause all',
      shortcut: `${mod}+P`,
      keywords: 'stop',
    },
    { id: 'go-queue', label: 'Go to Queue', shortcut: `${mod}+1` },
    { id: 'go-review', label: 'Go to Review', shortcut: `${mod}+2`, keywords: 'drafts edit' },
    { id: 'go-timeline', label: 'Go to Timeline', shortcut: `${mod}+3`, keywords: 'schedule calendar' },
    { id: 'go-add', label: 'Go to Add', shortcut: `${mod}+4` },
    { id: 'go-watch', label: 'Go to Watched folders', shortcut: `${mod}+5` },
    { id: 'go-account', label: 'Go to Account', shortcut: `${mod}+6`, keywords: 'sign in pinterest' },
    { id: 'go-settings', label: 'Settings', shortcut: `${mod}+,`, keywords: 'preferences appearance theme' },
  ]
}

/** The lines whose words (or keywords) hold every word typed. */
export function filterCommands(list: readonly Command[], query: string): Command[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
  return list.filter((c) => {
    const hay = `${c.label} ${c.keywords ?? ''}`.toLocaleLowerCase()
    return words.every((w) => hay.includes(w))
  })
}
