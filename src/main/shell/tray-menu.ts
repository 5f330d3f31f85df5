/*
 * The tray's decisions, kept free of Electron so they are unit-tested (tests/unit/shell-tray-menu.test.ts):
 * whether closing the window keeps Pinload running in the tray, what the tray menu offers, and how a start at
 * login asks for a hidden window. src/main/shell/tray.ts only turns these into Electron calls.
 */

import { addDays } from '../../shared/schedule/zoned-time'

/** Launched at login: no window, straight to the tray. */
export const HIDDEN_SWITCH = '--hidden'

/** What the tray knows of the app now. */
export interface TrayState {
  /** Pins still to go out: scheduled, queued or on their way. */
  pending: number
  /** Of those, the Pins of accounts that wait for a sign-in (issue 15): they go out only after it. */
  waitingForSignIn: number
  /** Watched folders, which keep queueing new files while the app runs. */
  watchedFolders: number
  paused: boolean
  /** Earliest time of a scheduled Pin, Unix ms; null when none is scheduled. */
  nextPinAt: number | null
  /** Whether the system can start Pinload at login (Electron offers it on macOS and Windows only). */
  startAtLogin: boolean | 'unsupported'
}

export type TrayItem =
  | {
      id: 'open' | 'pause' | 'resume' | 'next' | 'login' | 'quit'
      label: string
      enabled?: boolean
      checked?: boolean
    }
  | { id: 'separator' }

/**
 * Closing the window keeps Pinload in the tray while there is work that needs it running (Pins to send,
 * folders to watch), unless the app is quitting or the system has no tray to show it in. On macOS always:
 * the app outlives its window there anyway (no quit on the last close), and a destroyed window is one the
 * tray's Open and the Dock could not bring back.
 */
export function keepInTray(
  s: Pick<TrayState, 'pending' | 'watchedFolders'>,
  quitting: boolean,
  hasTray: boolean,
  platform?: NodeJS.Platform,
): boolean {
  return !quitting && hasTray && (platform === 'darwin' || s.pending > 0 || s.watchedFolders > 0)
}

/** "today 14:02", "tomorrow 09:00" or "Mon 7 Dec 09:00", on the system's clock. */
export function whenWords(at: number, now: number, timeZone?: string): string {
  const day = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(t)
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(at)
  if (day(at) === day(now)) return `today ${time}`
  // Tomorrow's date from today's, not the day 24 hours on: on a 23- or 25-hour day those differ for an hour.
  const [y = 0, m = 0, d = 0] = day(now).split('-').map(Number)
  const next = addDays({ year: y, month: m, day: d }, 1)
  const pad = (n: number) => String(n).padStart(2, '0')
  if (day(at) === `${next.year}-${pad(next.month)}-${pad(next.day)}`) return `tomorrow ${time}`
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(at)
  return `${date} ${time}`
}

/** The tray menu: open, pause or resume, the next Pin's time, start at login, quit. */
export function trayMenu(s: TrayState, now: number, timeZone?: string): TrayItem[] {
  return [
    { id: 'open', label: 'Open Pinload' },
    s.paused ? { id: 'resume', label: 'Resume publishing' } : { id: 'pause', label: 'Pause publishing' },
    {
      id: 'next',
      label:
        s.nextPinAt === null
          ? s.pending > 0
            ? `${s.pending} Pin${s.pending === 1 ? '' : 's'} to publish`
            : 'Nothing scheduled'
          : `Next Pin ${whenWords(s.nextPinAt, now, timeZone)}${s.paused ? ' (paused)' : ''}`,
      enabled: false,
    },
    ...(s.startAtLogin === 'unsupported'
      ? []
      : [
          { id: 'separator' } as const,
          { id: 'login', label: 'Start at login, in the tray', checked: s.startAtLogin } as const,
        ]),
    { id: 'separator' },
    { id: 'quit', label: 'Quit Pinload' },
  ]
}

/** The tray icon's tooltip. */
export function trayTooltip(s: TrayState): string {
  const pins = (n: number) => `${n.toLocaleString('en-US')} Pin${n === 1 ? '' : 's'}`
  if (s.paused) return 'Pinload: paused'
  const waiting = Math.min(s.waitingForSignIn, s.pending)
  if (s.pending > 0 && waiting === s.pending)
    return `Pinload: ${pins(waiting)} wait${waiting === 1 ? 's' : ''} for a sign-in`
  if (waiting > 0)
    return `Pinload: ${pins(s.pending)} to publish, ${waiting.toLocaleString('en-US')} waiting for a sign-in`
  if (s.pending > 0) return `Pinload: ${pins(s.pending)} to publish`
  return s.watchedFolders > 0 ? 'Pinload: watching folders' : 'Pinload'
}

/**
 * What to ask the system for a start at login: with the switch that starts hidden, straight to the tray
 * (Windows passes it; macOS says "opened at login" instead, see startsHidden).
 */
export function loginItemSettings(on: boolean): { openAtLogin: boolean; args: string[] } {
  return { openAtLogin: on, args: [HIDDEN_SWITCH] }
}

/** Whether this start should show no window: started at login (the switch, or macOS's login item). */
export function startsHidden(argv: readonly string[], openedAtLogin: boolean): boolean {
  return openedAtLogin || argv.includes(HIDDEN_SWITCH)
}
