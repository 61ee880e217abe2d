// Errors that end a command with exit code 2 and a one-line, actionable message (no stack without --debug).

export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Formats any thrown value for the user: one line, plus the stack only when debugging. */
export function describeError(e: unknown, debug: boolean): string {
  if (e instanceof UsageError) return `ukcore-check: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`;
  const err = e instanceof Error ? e : new Error(String(e));
  if (debug) return `ukcore-check: internal error: ${err.stack ?? err.message}`;
  return `ukcore-check: internal error: ${err.message} (run with --debug for details)`;
}
