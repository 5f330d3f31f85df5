import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { writeImage } from '../../support/media-files'
import { dropPaths } from '../support/bridge-page'
import type { World } from '../support/fixtures'
import { AppPage } from './app-page'

/**
 * Signed in, the window loaded, photos made in a new folder of the world and dropped on the sidebar: the New
 * batch sheet they open, and the photos' paths.
 */
export async function newBatchWithPhotos(
  page: Page,
  world: World,
  folder: string,
  names: readonly string[],
): Promise<{ sheet: Locator; files: string[] }> {
  const dir = join(world.dir, folder)
  mkdirSync(dir)
  const files = names.map((n) => writeImage(dir, n, 'jpeg', { size: '200x300' }))
  await world.signInDirect()
  await new AppPage(page).load()
  await dropPaths(page, 'nav', files)
  return { sheet: page.getByRole('dialog', { name: 'New batch' }), files }
}
