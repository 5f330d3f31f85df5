import { expect, type Locator, type Page } from '@playwright/test'
import type { ItemState } from '../../../src/shared/domain'

/** The Queue screen: rows, states, the batch header. */
export class QueuePage {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.locator('.queue-row')
  }

  row(name: string): Locator {
    return this.rows().filter({ has: this.page.locator('.row-name', { hasText: name }) })
  }

  async expectState(name: string, state: ItemState, timeout = 20_000): Promise<void> {
    await expect(this.row(name)).toHaveAttribute('data-state', state, { timeout })
  }

  totals(): Locator {
    return this.page.getByTestId('queue-totals')
  }

  async filter(label: 'All' | 'Active' | 'Failed' | 'Needs attention' | 'Published'): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Show' })
      .getByRole('button', { name: new RegExp(`^${label}`) })
      .click()
  }

  pauseAll(): Locator {
    return this.page.getByRole('button', { name: 'Pause all' })
  }

  resumeAll(): Locator {
    return this.page.getByRole('button', { name: 'Resume all' })
  }
}
