import type { MenuItemConstructorOptions } from 'electron'
import type { AppCommand } from '../../shared/app-commands'

export interface MenuOptions {
  platform: NodeJS.Platform
  /** A packaged build has no Reload and no developer tools (issue 18, point 8). */
  packaged: boolean
  appName: string
  /** Sends a command to the window (`app:command`), which runs it as its command palette does. */
  send(command: AppCommand): void
}

type Item = MenuItemConstructorOptions

/**
 * The application menu as data: a pure function of the platform and the build, so its shortcuts and what a
 * packaged build leaves out are tested without Electron (tests/unit/app-menu-template.test.ts). The
 * shortcuts match what the command palette shows (src/renderer/src/features/commands/commands.ts).
 */
export function buildMenuTemplate(o: MenuOptions): Item[] {
  const mac = o.platform === 'darwin'
  const cmd = (label: string, command: AppCommand, accelerator?: string): Item => ({
    label,
    ...(accelerator !== undefined && { accelerator }),
    click: () => o.send(command),
  })
  const settings = cmd(mac ? 'Settings…' : 'Settings', 'go-settings', 'CmdOrCtrl+,')
  const sep: Item = { type: 'separator' }

  const appMenu: Item[] = mac
    ? [
        {
          label: o.appName,
          submenu: [
            { role: 'about' },
            sep,
            settings,
            sep,
            { role: 'services' },
            sep,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            sep,
            { role: 'quit' },
          ],
        },
      ]
    : []
  const file: Item = {
    label: mac ? 'File' : '&File',
    submenu: [
      cmd('Add Files…', 'add-files', 'CmdOrCtrl+O'),
      cmd('Add Folder…', 'add-folder', 'CmdOrCtrl+Shift+O'),
      cmd('Import CSV…', 'import-csv', 'CmdOrCtrl+I'),
      ...(mac ? [] : [sep, settings, sep, { role: 'quit' } as Item]),
    ],
  }
  const developer: Item[] = o.packaged
    ? []
    : [sep, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
  const view: Item = {
    label: mac ? 'View' : '&View',
    submenu: [
      cmd('Queue', 'go-queue', 'CmdOrCtrl+1'),
      cmd('Review', 'go-review', 'CmdOrCtrl+2'),
      cmd('Timeline', 'go-timeline', 'CmdOrCtrl+3'),
      cmd('Add', 'go-add', 'CmdOrCtrl+4'),
      cmd('Watched Folders', 'go-watch', 'CmdOrCtrl+5'),
      cmd('Account', 'go-account', 'CmdOrCtrl+6'),
      sep,
      cmd('Command Palette…', 'command-palette', 'CmdOrCtrl+K'),
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
      ...developer,
    ],
  }
  const queue: Item = {
    label: mac ? 'Queue' : '&Queue',
    submenu: [cmd('Pause or Resume All', 'toggle-pause', 'CmdOrCtrl+P')],
  }
  return [...appMenu, file, { role: 'editMenu' }, view, queue, { role: 'windowMenu' }]
}
