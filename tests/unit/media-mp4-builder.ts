/** Moved to tests/support/mp4-builder.ts; kept so pipeline-fixtures.ts (pipeline's file) still resolves it. */
export * from '../support/mp4-builder'
