import { expect, it } from 'vitest'
import { formatReport, reportOf } from '../../src/cli/report'
import type { ItemView } from '../../src/shared/domain'

it('a line says when the image was sent converted, as the window does (issue 16)', () => {
  const item: ItemView = {
    id: 7,
    batchId: 1,
    name: 'IMG_0001.HEIC',
    path: '/photos/IMG_0001.HEIC',
    state: 'published',
    bytesSent: 1,
    bytesTotal: 1,
    attempts: 1,
    updatedAt: 0,
    pinId: '123',
    convertedFrom: 'HEIC',
  }
  expect(formatReport(reportOf(item))).toBe(
    'published       #7 /photos/IMG_0001.HEIC (converted from HEIC)  pin 123',
  )
  const { convertedFrom: _, ...plain } = item
  expect(formatReport(reportOf({ ...plain, path: '/photos/a.jpg' }))).toBe(
    'published       #7 /photos/a.jpg  pin 123',
  )
})
