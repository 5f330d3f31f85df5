import type { InputProblem, ItemDraft } from '../../shared/domain'

/** Result of scanning dropped/picked paths: drafts ready for the queue, and what was left out and why. */
export interface ScanResult {
  drafts: ItemDraft[]
  problems: InputProblem[]
  /** Sidecar board names per draft (same index); undefined where the draft's board is already an ID. */
  boardNames?: (string | undefined)[]
  /** Sidecar section names per draft (same index). */
  sectionNames?: (string | undefined)[]
}

/** Outcome of resolving a board or section name. `missing` marks "no such name" (as opposed to an API failure). */
export type NameLookup = { id: string; created?: boolean } | { error: string; missing?: boolean }

/** Turns board and section names into IDs (see board-resolver.ts). */
export interface BoardResolver {
  /** Board by ID, exact name, then case-insensitive name; creates it when the resolver was made with createMissing. */
  resolve(name: string): Promise<NameLookup>
  /** Same as resolve, but never creates anything (CSV preview). */
  lookup(name: string): Promise<NameLookup>
  /** Section by name within a board; creates it when createMissing. */
  resolveSection(boardId: string, name: string): Promise<NameLookup>
  /** Same as resolveSection, never creating. */
  lookupSection(boardId: string, name: string): Promise<NameLookup>
}
