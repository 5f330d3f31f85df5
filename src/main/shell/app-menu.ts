import { app, Menu } from 'electron'
import type { AppCommand } from '../../shared/app-commands'
import { buildMenuTemplate } from './app-menu-template'

/** Sets the application menu (the template is built and tested in app-menu-template.ts). */
export function installAppMenu(send: (command: AppCommand) => void): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    packaged: app.isPackaged,
    appName: app.name,
    send,
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
