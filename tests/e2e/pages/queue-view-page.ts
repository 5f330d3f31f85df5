import { type Locator, type Page } from '@playwright/test'

/** The grouped queue of issue 18: summary line, groups, selection, inspector. */
export class QueueViewPage {
  constructor(readonly page: Page) {}

  summary(): Locator {
    return this.page.getByTestId('queue-totals')
  }

  groups(): Locator {
    return this.page.locator('.group-header')
  }

  group(name: string): Locator {
    return this.groups().filter({ has: this.page.locator('.group-name', { hasText: name }) })
  }

  async fold(name: string): Promise<void> {
    await this.group(name).getByRole('button', { name, exact: true }).click()
  }

  rows(): Locator {
    return this.page.locator('.queue-row')
  }

  row(name: string): Locator {
    return this.rows().filter({ has: this.page.locator('.row-name', { hasText: name }) })
  }

  filterButton(label: string): Locator {
    return this.page
      .getByRole('group', { name: 'Show' })
      .getByRole('button', { name: new RegExp(`^${label}`) })
  }

  queueBadges(): Locator {
    return this.page.getByRole('navigation', { name: 'Screens' }).locator('.nav-badges')
  }

  selectionBar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Selected items' })
  }

  inspector(): Locator {
    return this.page.getByTestId('inspector')
  }

  needsYou(): Locator {
    return this.page.locator('.needs-you')
  }

  toasts(): Locator {
    return this.page.getByRole('list', { name: 'Messages' })
  }
}
