import { expect, type Locator, type Page } from '@playwright/test'

/** Nav labels of the window's screens. */
export type ScreenName =
  'Queue' | 'Review' | 'Timeline' | 'Add' | 'Import CSV' | 'Watched folders' | 'Account' | 'Settings'

/** The window as a whole: load it, move between screens, read toasts. */
export class AppPage {
  constructor(readonly page: Page) {}

  async load(): Promise<void> {
    await this.page.goto('/index.html')
    await expect(this.page.getByRole('navigation', { name: 'Screens' })).toBeVisible()
  }

  navButton(screen: ScreenName): Locator {
    return this.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: screen, exact: false })
      .filter({ hasText: new RegExp(`^${screen}`) })
  }

  async open(screen: ScreenName): Promise<void> {
    await this.navButton(screen).click()
    await expect(this.navButton(screen)).toHaveAttribute('aria-current', 'page')
  }

  toasts(): Locator {
    return this.page.getByRole('list', { name: 'Messages' })
  }
}
