/**
 * What a new batch's title is when nobody says: the file's name. The window's Add form and `pinload upload` both
 * start from it, so Pins from either differ by name rather than all carrying the same empty text (which also makes
 * a lost create's twins cheap to tell apart: docs/architecture.md, "Exactly one Pin per file").
 */
export const DEFAULT_TITLE_TEMPLATE = '{name}'
