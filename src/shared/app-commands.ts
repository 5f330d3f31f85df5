/**
 * What the application menu can ask the window to do (issue 18, point 8): main's menu sends one of these as
 * `app:command`, and the window runs it as its command palette does, so a shortcut and a palette line are
 * the same action.
 */
export const APP_COMMANDS = [
  'add-files',
  'add-folder',
  'import-csv',
  'go-queue',
  'go-review',
  'go-timeline',
  'go-add',
  'go-watch',
  'go-account',
  'go-settings',
  'toggle-pause',
  'command-palette',
] as const
export type AppCommand = (typeof APP_COMMANDS)[number]
