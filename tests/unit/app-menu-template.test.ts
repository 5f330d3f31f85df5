import { describe, expect, it } from 'vitest'
import { APP_COMMANDS, type AppCommand } from '../../src/shared/app-commands'
import { buildMenuTemplate } from '../../src/main/shell/app-menu-template'
import { backgroundFor, hasMica, pageUrl, windowChrome } from '../../src/main/shell/window-look'

/** The menu's item type, as the template builds it (the test itself imports nothing of Electron). */
type Item = ReturnType<typeof buildMenuTemplate>[number]

function flatten(items: readonly Item[]): Item[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])])
}

function menu(platform: NodeJS.Platform, packaged: boolean) {
  const sent: AppCommand[] = []
  const items = flatten(
    buildMenuTemplate({ platform, packaged, appName: 'Pinload', send: (c) => sent.push(c) }),
  )
  const click = (label: string) => {
    const item = items.find((i) => i.label === label)
    if (!item?.click) throw new Error(`no item ${label}`)
    ;(item.click as () => void)()
  }
  return { items, sent, click }
}

describe('application menu', () => {
  it('a packaged build has no Reload and no developer tools; a development build has them', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const roles = (packaged: boolean) => menu(platform, packaged).items.map((i) => i.role)
      expect(roles(true)).not.toContain('reload')
      expect(roles(true)).not.toContain('forceReload')
      expect(roles(true)).not.toContain('toggleDevTools')
      expect(roles(false)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']))
    }
  })

  it('adds files, a folder and a CSV, switches screens, opens settings and pauses, with shortcuts', () => {
    const m = menu('linux', true)
    const shortcuts: Record<string, string> = Object.fromEntries(
      m.items
        .filter((i) => i.accelerator !== undefined)
        .map((i) => [String(i.label), String(i.accelerator)] as const),
    )
    expect(shortcuts).toEqual({
      'Add Files…': 'CmdOrCtrl+O',
      'Add Folder…': 'CmdOrCtrl+Shift+O',
      'Import CSV…': 'CmdOrCtrl+I',
      Settings: 'CmdOrCtrl+,',
      Queue: 'CmdOrCtrl+1',
      Review: 'CmdOrCtrl+2',
      Timeline: 'CmdOrCtrl+3',
      Add: 'CmdOrCtrl+4',
      'Watched Folders': 'CmdOrCtrl+5',
      Account: 'CmdOrCtrl+6',
      'Command Palette…': 'CmdOrCtrl+K',
      'Pause or Resume All': 'CmdOrCtrl+P',
    })
    for (const label of Object.keys(shortcuts)) m.click(label)
    // Every command the window knows is reachable from the menu, each once.
    expect([...m.sent].sort()).toEqual([...APP_COMMANDS].sort())
  })

  it('puts Settings… in the app menu on macOS and Settings and Quit under File elsewhere', () => {
    const mac = buildMenuTemplate({ platform: 'darwin', packaged: true, appName: 'Pinload', send: () => {} })
    expect(mac[0]!.label).toBe('Pinload')
    expect(flatten([mac[0]!]).map((i) => i.label ?? i.role)).toContain('Settings…')
    const win = buildMenuTemplate({ platform: 'win32', packaged: true, appName: 'Pinload', send: () => {} })
    const file = flatten([win[0]!]).map((i) => i.label ?? i.role)
    expect(file).toEqual(expect.arrayContaining(['&File', 'Settings', 'quit']))
  })
})

describe('window look', () => {
  it('inset title bar on macOS, Mica on Windows 11 22H2 and later, the system frame elsewhere', () => {
    expect(windowChrome('darwin', '24.1.0')).toEqual({ titleBarStyle: 'hiddenInset' })
    expect(windowChrome('win32', '10.0.22631')).toEqual({ backgroundMaterial: 'mica' })
    expect(windowChrome('win32', '10.0.19045')).toEqual({}) // Windows 10: no Mica, an opaque window
    expect(windowChrome('linux', '6.1.0')).toEqual({})
    expect([hasMica('win32', '10.0.22621'), hasMica('win32', '10.0.22000'), hasMica('linux', '')]).toEqual([
      true,
      false,
      false,
    ])
  })

  it('under Mica the window is see-through and the page is told so in its address', () => {
    expect(backgroundFor('dark', true, true)).toBe('#00000000')
    expect(pageUrl('app://pinload/index.html', true)).toBe('app://pinload/index.html?material=mica')
    expect(pageUrl('http://localhost:5173/', true)).toBe('http://localhost:5173/?material=mica')
    expect(pageUrl('app://pinload/index.html', false)).toBe('app://pinload/index.html')
  })

  it('paints the background of the chosen theme, or of the system’s for System', () => {
    expect(backgroundFor('dark', false)).toBe('#15171a')
    expect(backgroundFor('light', true)).toBe('#f4f5f7')
    expect(backgroundFor('system', true)).toBe('#15171a')
    expect(backgroundFor('system', false)).toBe('#f4f5f7')
  })
})
