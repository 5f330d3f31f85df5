import type { BatchDefaults } from '../../shared/domain'
import { AppError } from '../../shared/ipc/result'

/** `pinload upload`'s flags for issue 13's link campaign and ad-only Pins. */
export interface PinFlags {
  board?: string[]
  /** `--utm <campaign>`. */
  utm?: string
  adOnly?: boolean
  /** `--ad-account <id>`: implies `--ad-only`. */
  adAccount?: string
}

export const UTM_HELP =
  'add utm_source=pinterest, utm_medium=social, utm_campaign=<campaign> and utm_content=<file name> to each link (its own query and #fragment kept)'
export const AD_ONLY_HELP = 'make ad-only Pins: on no board of your profile (not with --board)'
export const AD_ACCOUNT_HELP = 'the ad account (digits) the ad-only Pins are made for; implies --ad-only'

/**
 * The batch defaults these flags set, or the usage error that stops the command before anything is read or
 * queued: an ad-only Pin is on no board (docs/pinterest-api.md §3.1a), an ad account id is digits.
 */
export function pinFlagDefaults(o: PinFlags): Partial<BatchDefaults> {
  const adOnly = o.adOnly === true || o.adAccount !== undefined
  if (adOnly && (o.board?.length ?? 0) > 0)
    throw new AppError(
      'validation',
      `${o.adOnly ? '--ad-only' : '--ad-account'} makes ad-only Pins, which are on no board: leave out --board.`,
    )
  if (o.adAccount !== undefined && !/^\d{1,18}$/.test(o.adAccount))
    throw new AppError(
      'validation',
      `--ad-account '${o.adAccount}' is not an ad account id (1 to 18 digits).`,
    )
  return {
    ...(o.utm !== undefined && { utmCampaign: o.utm }),
    ...(adOnly && { adOnly: true }),
    ...(o.adAccount !== undefined && { adAccountId: o.adAccount }),
  }
}
