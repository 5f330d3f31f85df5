import { describe, expect, it } from 'vitest'
import {
  HIDDEN_SWITCH,
  keepInTray,
  loginItemSettings,
  startsHidden,
  trayMenu,
  trayTooltip,
  whenWords,
  type TrayState,
} from '../../src/main/shell/tray-menu'

const now = Date.parse('2026-12-04T10:00:00Z')
const state = (over: Partial<TrayState> = {}): TrayState => ({
  pending: 0,
  waitingForSignIn: 0,
  watchedFolders: 0,
  paused: false,
  nextPinAt: null,
  startAtLogin: false,
  ...over,
})

describe('keepInTray: closing the window keeps Pinload running only while it has work', () => {
  it('stays for scheduled Pins or watched folders, not when idle, quitting, or without a tray', () => {
    expect(keepInTray(state({ pending: 3 }), false, true)).toBe(true)
    expect(keepInTray(state({ watchedFolders: 1 }), false, true)).toBe(true)
    expect(keepInTray(state(), false, true)).toBe(false)
    expect(keepInTray(state({ pending: 3 }), true, true)).toBe(false)
    expect(keepInTray(state({ pending: 3 }), false, false)).toBe(false)
  })
})

describe('trayMenu', () => {
  it('open, pause, the next Pin, start at login, quit', () => {
    const menu = trayMenu(
      state({ pending: 2, nextPinAt: now + 4 * 3_600_000, startAtLogin: true }),
      now,
      'UTC',
    )
    expect(menu).toEqual([
      { id: 'open', label: 'Open Pinload' },
      { id: 'pause', label: 'Pause publishing' },
      { id: 'next', label: 'Next Pin today 14:00', enabled: false },
      { id: 'separator' },
      { id: 'login', label: 'Start at login, in the tray', checked: true },
      { id: 'separator' },
      { id: 'quit', label: 'Quit Pinload' },
    ])
  })

  it('resume when paused, and says the next Pin waits', () => {
    const menu = trayMenu(state({ paused: true, pending: 1, nextPinAt: now + 20 * 3_600_000 }), now, 'UTC')
    expect(menu[1]).toEqual({ id: 'resume', label: 'Resume publishing' })
    expect(menu[2]).toMatchObject({ label: 'Next Pin tomorrow 06:00 (paused)' })
  })

  it('offers no start at login where the system has none to offer (Linux)', () => {
    const menu = trayMenu(state({ startAtLogin: 'unsupported' }), now, 'UTC')
    expect(menu.map((i) => i.id)).toEqual(['open', 'pause', 'next', 'separator', 'quit'])
  })

  it('without a scheduled time: how many are left, or nothing', () => {
    expect(trayMenu(state({ pending: 1 }), now, 'UTC')[2]).toMatchObject({ label: '1 Pin to publish' })
    expect(trayMenu(state(), now, 'UTC')[2]).toMatchObject({ label: 'Nothing scheduled' })
  })

  it('names days further away and follows the time zone', () => {
    expect(whenWords(Date.parse('2026-12-07T09:30:00Z'), now, 'UTC')).toBe('Mon 7 Dec 09:30')
    // 23:30 UTC is already tomorrow in Berlin.
    expect(whenWords(Date.parse('2026-12-04T23:30:00Z'), now, 'Europe/Berlin')).toBe('tomorrow 00:30')
  })

  it('tooltip', () => {
    expect(trayTooltip(state({ pending: 3 }))).toBe('Pinload: 3 Pins to publish')
    expect(trayTooltip(state({ paused: true, pending: 3 }))).toBe('Pinload: paused')
    expect(trayTooltip(state({ watchedFolders: 2 }))).toBe('Pinload: watching folders')
  })

  it('tooltip while accounts wait for a sign-in (issue 15): never "to publish" when nothing can go', () => {
    expect(trayTooltip(state({ pending: 3, waitingForSignIn: 3 }))).toBe('Pinload: 3 Pins wait for a sign-in')
    expect(trayTooltip(state({ pending: 1, waitingForSignIn: 1 }))).toBe('Pinload: 1 Pin waits for a sign-in')
    expect(trayTooltip(state({ pending: 1_204, waitingForSignIn: 4 }))).toBe(
      'Pinload: 1,204 Pins to publish, 4 waiting for a sign-in',
    )
    expect(trayTooltip(state({ paused: true, pending: 3, waitingForSignIn: 3 }))).toBe('Pinload: paused')
  })
})

describe('start at login, hidden', () => {
  it('asks for a hidden start with the switch, and knows one when it sees it', () => {
    expect(loginItemSettings(true)).toEqual({ openAtLogin: true, args: [HIDDEN_SWITCH] })
    expect(loginItemSettings(false).openAtLogin).toBe(false)
    expect(startsHidden(['/opt/Pinload/pinload', HIDDEN_SWITCH], false)).toBe(true)
    expect(startsHidden(['/opt/Pinload/pinload'], true)).toBe(true)
    expect(startsHidden(['/opt/Pinload/pinload'], false)).toBe(false)
  })
})

describe('keepInTray on macOS', () => {
  it("closing the window hides it even with nothing to do, as macOS apps do: the app lives on, and the tray's Open must find a window", () => {
    expect(keepInTray(state(), false, true, 'darwin')).toBe(true)
    expect(keepInTray(state(), true, true, 'darwin')).toBe(false)
    expect(keepInTray(state(), false, true, 'win32')).toBe(false)
  })
})

describe('whenWords across a daylight-saving night', () => {
  it('the last hour before a 23-hour day still calls the next day tomorrow', () => {
    // Sat 7 Mar 2026 23:30 in New York; Sunday has 23 hours, so 24 hours on is already Monday.
    const now = Date.parse('2026-03-08T04:30Z')
    expect(whenWords(Date.parse('2026-03-08T13:00Z'), now, 'America/New_York')).toBe('tomorrow 09:00')
    expect(whenWords(Date.parse('2026-03-09T13:00Z'), now, 'America/New_York')).toBe('Mon 9 Mar 09:00')
  })
})
