import type { EventChannel, InvokeChannel, PageChannel, PreloadChannel } from './contract'

/**
 * Channel names only, for the preload's allow-list: the sandboxed preload bundle stays free of zod.
 * The type checks below fail the build if this list and the contract ever disagree.
 */
export const INVOKE_CHANNEL_NAMES = [
  'account:get',
  'account:save-app',
  'account:connect',
  'account:cancel-connect',
  'account:use-token',
  'account:sign-out',
  'accounts:list',
  'accounts:use',
  'boards:list',
  'boards:create',
  'boards:sections',
  'boards:create-section',
  'uploads:add-paths',
  'uploads:confirm-add',
  'uploads:cancel-scan',
  'uploads:list',
  'uploads:pause-all',
  'uploads:resume-all',
  'uploads:pause-batch',
  'uploads:cancel',
  'uploads:retry',
  'uploads:remove',
  'uploads:retry-ids',
  'uploads:remove-ids',
  'items:edit',
  'items:publish',
  'items:make-carousel',
  'uploads:thumbnail',
  'import:csv-preview',
  'import:csv-confirm',
  'import:save-template',
  'watch:list',
  'watch:add',
  'watch:remove',
  'schedule:apply',
  'schedule:unschedule',
  'schedule:late',
  'schedule:catch-up',
  'pacing:get',
  'pacing:set',
  'settings:get',
  'settings:set',
  'rate:write-budget',
  'dialog:pick-folder',
  'dialog:pick-csv',
  'dialog:pick-image',
  'dialog:pick-files',
  'results:export',
  'results:verify',
  'results:pin-facts',
  'results:unpublish',
  'results:update',
  'shell:open-external',
  'app:mode',
  'app:start-demo',
  'app:leave-demo',
  'app:reveal-data-folder',
] as const satisfies readonly PageChannel[]

/**
 * Channels the preload itself sends, never page script: bound in main like the others (the router still checks
 * the sender and the input), but not in the page's allow-list.
 */
export const PRELOAD_CHANNEL_NAMES = ['paths:grant-dropped'] as const satisfies readonly PreloadChannel[]

export const EVENT_CHANNEL_NAMES = [
  'uploads:progress',
  'account:changed',
  'watch:changed',
  'uploads:batch-done',
  'uploads:scan-progress',
  'app:command',
] as const satisfies readonly EventChannel[]

type MissingInvoke = Exclude<
  InvokeChannel,
  (typeof INVOKE_CHANNEL_NAMES)[number] | (typeof PRELOAD_CHANNEL_NAMES)[number]
>
type MissingEvent = Exclude<EventChannel, (typeof EVENT_CHANNEL_NAMES)[number]>
// Never read: its type fails the build when a channel of the contract is missing from the lists above.
const _channelListsAreComplete: [MissingInvoke, MissingEvent] extends [never, never] ? true : never = true

/** Prefix of every channel on the wire, so nothing else can collide with ours. */
export const IPC_PREFIX = 'pinload:'
