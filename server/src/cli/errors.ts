/** A mistake in how PoolGuard was invoked: exit code 2 with the message as the one line on stderr. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
