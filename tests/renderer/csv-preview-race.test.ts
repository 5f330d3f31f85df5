import { afterEach, describe, expect, it } from 'vitest'

/** A window.api whose CSV previews answer when the test says, in any order. */
function stubApi() {
  const previews: { input: { createMissingBoards: boolean }; answer: (v: unknown) => void }[] = []
  const api = {
    invoke(channel: string, input: unknown) {
      if (channel === 'dialog:pick-csv') return Promise.resolve({ ok: true, value: { grant: 'csv-grant-1' } })
      if (channel === 'import:csv-confirm')
        return Promise.resolve({ ok: true, value: { queued: 1, duplicates: 0, problems: [] } })
      if (channel === 'boards:list') return Promise.resolve({ ok: true, value: { boards: [] } })
      if (channel === 'import:csv-preview')
        return new Promise((answer) =>
          previews.push({ input: input as { createMissingBoards: boolean }, answer }),
        )
      return Promise.resolve({ ok: true, value: null })
    },
    on: () => () => {},
  }
  ;(globalThis as unknown as { window: unknown }).window = { api }
  return previews
}

afterEach(() => {
  delete (globalThis as unknown as { window?: unknown }).window
})

describe('the CSV preview', () => {
  it('shows the answer to the last ask, even when an older one arrives after it', async () => {
    const previews = stubApi()
    const { pickAndPreviewCsv, previewCsv } =
      await import('../../src/renderer/src/features/import/import-actions')
    const { actions } = await import('../../src/renderer/src/store/store')
    const first = pickAndPreviewCsv(false)
    await expect.poll(() => previews.length).toBe(1)
    const second = previewCsv(true) // "create missing boards" ticked while the first read was still running
    await expect.poll(() => previews.length).toBe(2)
    previews[1]!.answer({ ok: true, value: { id: 'with-boards' } })
    await second
    previews[0]!.answer({ ok: true, value: { id: 'without-boards' } })
    await first
    expect((actions().csvPreview as { id: string } | null)?.id).toBe('with-boards')
  })

  it('drops a preview that answers after the rows were queued', async () => {
    const previews = stubApi()
    const { previewCsv, confirmCsv, pickAndPreviewCsv } =
      await import('../../src/renderer/src/features/import/import-actions')
    const { actions } = await import('../../src/renderer/src/store/store')
    const first = pickAndPreviewCsv(false)
    await expect.poll(() => previews.length).toBeGreaterThanOrEqual(1)
    previews.at(-1)!.answer({ ok: true, value: { id: 'shown' } })
    await first
    const late = previewCsv(true) // asked, then the user queued the rows shown before it answered
    await expect.poll(() => previews.length).toBeGreaterThanOrEqual(2)
    await confirmCsv('shown')
    previews.at(-1)!.answer({ ok: true, value: { id: 'late' } })
    await late
    expect(actions().csvPreview).toBeNull()
  })
})
