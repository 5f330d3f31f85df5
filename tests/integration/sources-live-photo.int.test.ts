import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { scanPaths } from '../../src/main/sources/folder-scan'
import { magick, photo } from '../support/image-files'
import { writeVideo } from '../support/media-files'

// A phone's live photo is a still and a clip of about 3 s side by side (issue 16: "a HEIC sequence or live
// photo … converted correctly or refused with a specific message").
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinload-live-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('posts the still of a live photo and says its short clip is the moving part, not a broken video', async () => {
  magick(dir, 'IMG_0001.HEIC', [photo(dir, 'src.png', '600x400')])
  writeVideo(dir, 'IMG_0001.MOV', { seconds: 2 })
  // A short clip that belongs to no photo keeps the plain rule.
  writeVideo(dir, 'short.mov', { seconds: 2 })
  const res = await scanPaths(
    [join(dir, 'IMG_0001.HEIC'), join(dir, 'IMG_0001.MOV'), join(dir, 'short.mov')],
    {
      boardId: '7',
    },
  )
  expect(res.drafts.map((d) => d.path)).toEqual([join(dir, 'IMG_0001.HEIC')])
  expect(res.problems).toEqual([
    {
      where: join(dir, 'IMG_0001.MOV'),
      message: expect.stringMatching(
        /^IMG_0001\.MOV is the moving part of the live photo IMG_0001\.HEIC, which is posted as a photo; IMG_0001\.MOV lasts 2\.0 s; Pinterest needs videos of at least 4 s$/,
      ) as unknown,
      fix: 'Nothing to do for the photo. To post the motion too, save it as a video of 4 s or more.',
    },
    {
      where: join(dir, 'short.mov'),
      message: 'short.mov lasts 2.0 s; Pinterest needs videos of at least 4 s',
      fix: 'Use a longer clip.',
    },
  ])
})
