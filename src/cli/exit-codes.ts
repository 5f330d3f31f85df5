/** Exit codes of `pinload`: 0 all published or skipped; 1 some item or row did not make it; 2 usage or setup problem. */
export const EXIT_OK = 0
export const EXIT_ITEMS = 1
export const EXIT_SETUP = 2

/** Receives the exit code of a finished command. */
export type SetExitCode = (code: number) => void
