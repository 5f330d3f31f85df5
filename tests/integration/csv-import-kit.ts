/** The fake Pinterest, folder, queue sink and import service the CSV import tests share. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import type { PinterestClient } from '../../src/main/pinterest/pinterest-client'
import { createBoardResolver } from '../../src/main/sources/board-resolver'
import { ImportService } from '../../src/main/sources/import-service'
import type { CsvPreview } from '../../src/shared/domain'
import { startFakePinterest, type FakePinterest } from '../../src/main/fake-pinterest/index'
import { MemorySink } from '../support/source-doubles'
import { clientFor } from './pinterest-test-kit'
import { writeFileDeep } from '../support/temp-files'
/** What every CSV import test starts from; fresh before each test (see `useCsvWorld`). */
export interface CsvWorld {
  fake: FakePinterest
  client: PinterestClient
  /** This test's folder for the CSV and its media. */
  dir: string
  sink: MemorySink
  service: ImportService
  /** The service's clock, Unix ms: a test moves it forward. */
  clock: number
  /** Board and section ids on the world.fake. */
  recipes: string
  travel: string
  soups: string
}

export const world = {} as CsvWorld

/** Registers the hooks: one fake for the file, reset with boards Recipes (section Soups) and Travel before each test. */
export function useCsvWorld(): void {
  beforeAll(async () => {
    world.fake = await startFakePinterest({ rateLimits: false })
  })
  afterAll(async () => {
    await world.fake.close()
  })
  beforeEach(() => {
    world.fake.reset()
    world.client = clientFor(world.fake)
    world.recipes = world.fake.addBoard({ name: 'Recipes' }).id
    world.travel = world.fake.addBoard({ name: 'Travel' }).id
    world.soups = world.fake.addSection(world.recipes, 'Soups').id
    world.dir = mkdtempSync(join(tmpdir(), 'pinload-csv-'))
    world.sink = new MemorySink()
    world.clock = Date.now()
    world.service = new ImportService({
      sink: world.sink,
      resolverFor: (createMissing) => createBoardResolver(world.client, { createMissing }),
      now: () => world.clock,
    })
  })
  afterEach(async () => {
    await world.client.close()
    rmSync(world.dir, { recursive: true, force: true })
  })
}

export const put = (rel: string, data: Buffer | string) => writeFileDeep(join(world.dir, rel), data)

export function row(preview: CsvPreview, line: number) {
  const r = preview.rows.find((x) => x.line === line)
  expect(r, `row at line ${line}`).toBeDefined()
  return r!
}

export const q = (s: string) => `"${s.replace(/"/g, '""')}"`
