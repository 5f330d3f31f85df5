import type { AddResult, CsvPreview } from '../../shared/domain'
import type { QueueSink } from '../pipeline/queue-sink'
import { ImportService } from '../sources/import-service'
import type { CsvAccounts } from '../sources/csv-account'
import type { BoardResolver } from '../sources/source-types'

export interface CsvImportDeps {
  sink: QueueSink
  /** A resolver for one import step (`createMissing` at confirm only); null when not connected to Pinterest. */
  resolverFor: (createMissing: boolean, accountKey?: string) => BoardResolver | null
  /** The accounts a CSV row's `account` cell may name (issue 15), each with its boards. */
  accounts?: () => Promise<CsvAccounts>
  /** The account the import runs under (ImportServiceOptions.accountKey). */
  accountKey?: () => string | undefined
}

/**
 * Importing a CSV of Pins, for the window and the command alike: a preview of every row, then a confirm
 * that queues the valid ones (creating missing boards first when asked). `pinload import --dry-run` stops
 * after the preview.
 */
export class CsvImport {
  private readonly imports: ImportService

  constructor(deps: CsvImportDeps) {
    this.imports = new ImportService(deps)
  }

  /** `boardMatches`: board names the account lacks, each matched by the user to a board for all its rows. */
  preview(
    path: string,
    opts: { createMissingBoards?: boolean; boardMatches?: readonly { name: string; boardId: string }[] } = {},
  ): Promise<CsvPreview> {
    return this.imports.preview(path, {
      createMissingBoards: opts.createMissingBoards === true,
      ...(opts.boardMatches && { boardMatches: opts.boardMatches }),
    })
  }

  /** `asDrafts`: the rows become drafts, published only when the user says so (issue 13). */
  confirm(previewId: string, opts: { asDrafts?: boolean } = {}): Promise<AddResult> {
    return this.imports.confirm(previewId, opts)
  }
}
