/**
 * Run by db-durable-commit.int.test.ts under strace: three images through the queue (one at a time) against the
 * in-memory API, which opens a marker file as each Pin create leaves, so the trace shows what was synced before.
 */
import { closeSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { harness } from './pipeline-fixtures'

const h = harness({ settings: { concurrency: 1 } })
const mark = join(h.dir, 'CREATE-SENT')
h.api.fault = (method) => {
  if (method === 'createImagePinFromFile') closeSync(openSync(mark, 'a'))
  return undefined
}
h.queue.enqueue(
  [1, 2, 3].map((i) => h.draft(h.image(`d${i}.jpg`))),
  { kind: 'cli', label: 'durable' },
)
h.queue.start()
void h.queue.whenIdle().then(async () => {
  const published = h.queue.list().items.filter((i) => i.state === 'published').length
  process.stdout.write(JSON.stringify({ published, durableCommits: h.db.durableCommits }))
  await h.close()
})
