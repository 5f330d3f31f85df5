import { buildMenuTemplate } from '../../src/main/shell/app-menu-template'
import type { AppCommand } from '../../src/shared/app-commands'
import { AppPage } from './pages/app-page'
import { expect, test } from './support/fixtures'

type Item = ReturnType<typeof buildMenuTemplate>[number]
const flatten = (items: readonly Item[]): Item[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])])

// Issue 18, point 8: the application menu's items run in the window. Main's real menu template is clicked;
// what it sends goes to the page as main's `app:command` event does (the e2e bridge's push, bridge-page.ts).
test('menu items switch screens (Timeline among them), open the palette and pause the queue', async ({
  page,
  world,
}) => {
  await world.signInDirect()
  const app = new AppPage(page)
  await app.load()
  const sent: Promise<unknown>[] = []
  const send = (c: AppCommand) =>
    sent.push(page.evaluate(`window.__pinloadEmit('app:command', ${JSON.stringify(JSON.stringify(c))})`))
  const items = flatten(buildMenuTemplate({ platform: 'linux', packaged: true, appName: 'Pinload', send }))
  const click = async (label: string) => {
    const item = items.find((i) => i.label === label)
    ;(item!.click as () => void)()
    await Promise.all(sent.splice(0))
  }
  for (const [label, screen] of [
    ['Timeline', 'Timeline'],
    ['Watched Folders', 'Watched folders'],
    ['Settings', 'Settings'],
    ['Import CSV…', 'Import CSV'],
    ['Queue', 'Queue'],
  ] as const) {
    await click(label)
    await expect(app.navButton(screen)).toHaveAttribute('aria-current', 'page')
  }
  await click('Command Palette…')
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible()
  await page.keyboard.press('Escape')
  await click('Pause or Resume All')
  const paused = async () => {
    const r = (await world.invoke('uploads:list', { limit: 1 })) as {
      ok: boolean
      value?: { totals: { paused: boolean } }
    }
    return r.value?.totals.paused
  }
  await expect.poll(paused).toBe(true)
})
