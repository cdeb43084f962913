/**
 * A document that cannot be reviewed: corrupt, encrypted, scanned, not what it claims, or past a
 * resource limit. The message is one line meant for the user; never a stack trace.
 */
export class UnreadableError extends Error {
  constructor(
    message: string,
    /** A short machine-readable cause: 'corrupt', 'encrypted', 'empty', 'no-text', 'limit', 'unsupported', 'not-a-document', 'io'. */
    readonly reason: string = 'corrupt',
  ) {
    super(message);
    this.name = 'UnreadableError';
  }
}

/** A mistake of the person running the tool: bad option, unknown file, broken config. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
