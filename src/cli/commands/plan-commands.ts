import { type Command, InvalidArgumentError } from 'commander'
import type { ItemView } from '../../shared/domain'
import { resolve as resolvePath } from 'node:path'
import type { PlanPatch } from '../../main/services/plan-items'
import { AppError } from '../../shared/ipc/result'
import { parseDuration } from '../../shared/schedule/plan-spec'
import { MIN_INTERVAL_MS } from '../../main/services/board-spread'
import { MAX_BOARDS_PER_ADD, MAX_BOARD_INTERVAL_MS } from '../../shared/limits'
import type { CliContext } from '../cli-context'
import { EXIT_ITEMS, EXIT_OK, type SetExitCode } from '../exit-codes'
import { formatReport, formatTotals, isSuccess, reportOf } from '../report'
import { runQueue } from '../run-queue'
import { ACCOUNT_HELP } from './accounts-commands'

/**
 * `--board` may be given again: every board in order (one Pin per board for each file), at most
 * MAX_BOARDS_PER_ADD. The command has no per-board section: a board's Pins go to the board itself.
 */
export function boardFlag(v: string, prev: string[] | undefined): string[] {
  if ((prev?.length ?? 0) >= MAX_BOARDS_PER_ADD)
    throw new InvalidArgumentError(
      `at most ${MAX_BOARDS_PER_ADD} boards in one upload; nothing was queued (split the boards over several uploads)`,
    )
  return [...(prev ?? []), v]
}

/** `--interval 90m|2h|3d` → ms; under a minute or over 366 days is refused here, so nothing is queued. */
export function intervalFlag(v: string): number {
  const ms = parseDuration(v)
  if (ms === null) throw new InvalidArgumentError('expected a duration such as 90m, 2h or 3d')
  if (ms < MIN_INTERVAL_MS)
    throw new InvalidArgumentError('--interval must be at least one minute (1m); nothing was queued')
  if (ms > MAX_BOARD_INTERVAL_MS)
    throw new InvalidArgumentError('--interval must be at most 366 days (366d); nothing was queued')
  return ms
}

/** What `upload --draft` prints after the batch: how to publish it. */
export const draftHint = (batchId: number) =>
  `Added as drafts in batch ${batchId}: nothing is published until \`pinload publish --batch ${batchId}\`.`

const itemId = (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('expected an item id (see `pinload status`)')
  return n
}

/**
 * Commander stores a parser's `null` as '' (its "no value" for an option that takes one), so "none" stays a word
 * here and becomes null in the patch.
 */
type NoneOr<T> = T | 'none'
const orNull = <T>(v: NoneOr<T>): T | null => (v === 'none' ? null : v)

/** `--publish-at 2026-12-24T09:00:00Z` (ISO 8601 with its offset), or `none` for no time of its own. */
function publishAtFlag(v: string): NoneOr<number> {
  if (v === 'none' || v === 'now') return 'none'
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v.trim()))
    throw new InvalidArgumentError(
      'expected an ISO 8601 time with its offset (2026-12-24T09:00:00Z), or none',
    )
  const at = Date.parse(v)
  // The shape alone lets through a month or hour that does not exist (2026-13-01, 25:00).
  if (Number.isNaN(at)) throw new InvalidArgumentError(`${v} is not a date and time`)
  return at
}

function coverFlag(v: string): NoneOr<number> {
  if (v === 'none') return 'none'
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected whole seconds, or none')
  return n
}

interface EditOptions {
  title?: string
  description?: string
  link?: string
  alt?: string
  board?: string
  section?: string
  publishAt?: NoneOr<number>
  coverTime?: NoneOr<number>
  coverImage?: string
  sandbox?: boolean
  account?: string
  json?: boolean
}

interface PublishOptions {
  batch?: number
  all?: boolean
  sandbox?: boolean
  account?: string
  json?: boolean
}

/**
 * `--section` (an id or a name) looked up on each board the edited items will be on: a section belongs to one
 * board, and one Pinterest does not know would only fail the Pin when it is sent.
 */
async function sectionOn(ctx: CliContext, boards: string[], section: string): Promise<string> {
  const resolver = ctx.core().resolverFor(false)
  if (!resolver)
    throw new AppError('auth', `Cannot look up section '${section}': not connected to Pinterest.`)
  const found = new Set<string>()
  for (const board of boards) {
    const r = await resolver.lookupSection(board, section)
    if ('error' in r) throw new AppError('not_found', `${r.error} (board ${board}); nothing was edited.`)
    found.add(r.id)
  }
  const [id, other] = [...found]
  if (id === undefined) throw new AppError('validation', '--section needs items on a board (or --board).')
  if (other !== undefined)
    throw new AppError(
      'validation',
      `'${section}' names a section on each of several boards: edit each board's items apart.`,
    )
  return id
}

/** Adds `publish` (drafts) and `edit` (a resting item's text, board, time or cover). */
export function registerPlanCommands(program: Command, ctx: CliContext, setExit: SetExitCode): void {
  program
    .command('publish')
    .description('Publish drafts (these items, a batch, or all), then run the queue to the end.')
    .argument('[items...]', 'draft item ids (see `pinload status`)')
    .option('--batch <id>', 'every draft of this batch', itemId)
    .option('--all', 'every draft')
    .option('--sandbox', 'use the Pinterest sandbox')
    .option('--account <username>', ACCOUNT_HELP)
    .option('--json', 'print results as JSON')
    .action(async (items: string[], o: PublishOptions) => {
      const ids = items.map(itemId)
      const core = ctx.core()
      const named = (v: ItemView) =>
        v.state === 'draft' && (o.all === true || v.batchId === o.batch || ids.includes(v.id))
      const listed = core.controls.list().items
      const chosen = listed.filter(named).map((v) => v.id)
      // An id that names no draft is said, not passed over: a mistyped id would otherwise look published.
      const byId = new Map(listed.map((v) => [v.id, v]))
      const refused = ids
        .filter((id) => !chosen.includes(id))
        .map((id) => {
          const v = byId.get(id)
          const message = v
            ? `Item ${id} is ${v.state.replace('_', ' ')}; only drafts are published.`
            : `No item ${id} (see \`pinload status\`).`
          return { id, message }
        })
      const { published } = core.planItems.publish({
        ...(ids.length > 0 && { ids }),
        ...(o.batch !== undefined && { batchId: o.batch }),
        ...(o.all && { all: true }),
      })
      const json = Boolean(o.json) || ctx.json
      const runner = ctx.queueRunner()
      if (runner) {
        // That process sees the change within a second and publishes them.
        if (json) ctx.printJson({ ok: refused.length === 0, published, refused })
        else {
          ctx.print(`Published ${published} draft(s): ${runner} runs them.`)
          for (const r of refused) ctx.print(`refused #${r.id}  ${r.message}`)
        }
        return setExit(refused.length === 0 ? EXIT_OK : EXIT_ITEMS)
      }
      if (published > 0) {
        await ctx.signIn({ sandbox: o.sandbox, account: o.account, required: true })
        await runQueue(ctx, ctx.claimQueue(), { exitOnSignal: true })
      }
      const { items: views, totals } = core.controls.list()
      const reports = views.filter((v) => chosen.includes(v.id)).map(reportOf)
      const ok = reports.every(isSuccess) && refused.length === 0
      if (json) ctx.printJson({ ok, published, results: reports, refused, totals })
      else {
        ctx.print(`Published ${published} draft(s).`)
        for (const r of reports) ctx.print(formatReport(r))
        for (const r of refused) ctx.print(`refused #${r.id}  ${r.message}`)
        ctx.print(formatTotals(totals))
      }
      setExit(ok ? EXIT_OK : EXIT_ITEMS)
    })

  program
    .command('edit')
    .description(
      'Edit the Pin of drafts and of items not yet published or moving (scheduled, queued, failed…).',
    )
    .argument('<items...>', 'item ids (see `pinload status`)')
    .option('--title <text>', 'title ("" for none)')
    .option('--description <text>', 'description ("" for none)')
    .option('--link <url>', 'destination link ("" for none)')
    .option('--alt <text>', 'alt text ("" for none)')
    .option('--board <id or name>', 'move to this board (ID, exact name, or name in any case)')
    .option('--section <id or name>', "a section of the items' board (or of --board), or none")
    .option('--publish-at <time>', 'publish at this ISO 8601 time (with its offset), or none', publishAtFlag)
    .option('--cover-time <seconds>', "a video's cover frame, or none", coverFlag)
    .option('--cover-image <file>', "a video's cover picture (any image; converted as sent), or none")
    .option('--sandbox', 'use the Pinterest sandbox (for --board and --section)')
    .option('--account <username>', ACCOUNT_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (items: string[], o: EditOptions) => {
      const ids = items.map(itemId)
      const patch: PlanPatch = {
        ...(o.title !== undefined && { title: o.title }),
        ...(o.description !== undefined && { description: o.description }),
        ...(o.link !== undefined && { link: o.link }),
        ...(o.alt !== undefined && { altText: o.alt }),
        ...(o.section === 'none' && { boardSectionId: null }),
        ...(o.publishAt !== undefined && { publishAt: orNull(o.publishAt) }),
        ...(o.coverTime !== undefined && { coverKeyFrameS: orNull(o.coverTime) }),
        ...(o.coverImage !== undefined && {
          coverImagePath: o.coverImage === 'none' ? null : resolvePath(o.coverImage),
        }),
      }
      if (o.board !== undefined || (o.section !== undefined && o.section !== 'none'))
        await ctx.signIn({ sandbox: o.sandbox, account: o.account, required: true })
      if (o.board !== undefined) {
        const found = await ctx.core().resolverFor(false)?.resolve(o.board)
        if (!found)
          throw new AppError('auth', `Cannot look up board '${o.board}': not connected to Pinterest.`)
        if ('error' in found) throw new AppError('not_found', found.error)
        patch.boardId = found.id
      }
      if (o.section !== undefined && o.section !== 'none') {
        const views = ctx.core().controls.list().items
        const boards = patch.boardId
          ? [patch.boardId]
          : [...new Set(views.flatMap((v) => (ids.includes(v.id) && v.boardId ? [v.boardId] : [])))]
        patch.boardSectionId = await sectionOn(ctx, boards, o.section)
      }
      const out = await ctx.core().planItems.edit(ids, patch, { queueElsewhere: ctx.queueRunner() !== null })
      if (Boolean(o.json) || ctx.json) ctx.printJson({ ok: out.refused.length === 0, ...out })
      else {
        ctx.print(`Edited ${out.updated} item(s).`)
        for (const r of out.refused) ctx.print(`refused #${r.id}  ${r.message}`)
      }
      setExit(out.refused.length === 0 ? EXIT_OK : EXIT_ITEMS)
    })
}
