/**
 * When to lint a document: after `debounceMs` without a change (spec §4), and never for a version that is already
 * outdated.
 *
 * A lint itself is synchronous CPU work and cannot be interrupted; what gets cancelled are the runs that have not
 * started yet. Every change takes a new ticket; a run that was scheduled (or is still waiting for its settings) under
 * an older ticket gives up. So during a burst of keystrokes only the last change leads to a lint, and that one
 * always runs: nothing can cancel the newest ticket except a newer change, which brings its own run.
 *
 * Push clients: `schedule()` after each change. Pull clients: the `textDocument/diagnostic` handler awaits `quiet()`,
 * which also gives up when the request is cancelled (the client cancels a pull when the document changes again).
 */
import type { CancellationToken } from 'vscode-languageserver';

export class LintScheduler {
  private readonly tickets = new Map<string, number>();
  private readonly changedAt = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private nextTicket = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Records a change of the document; returns the ticket of the run that this change will lead to. */
  touch(uri: string): number {
    this.changedAt.set(uri, this.now());
    return this.renew(uri);
  }

  /**
   * A new ticket without a change (settings changed, the document must be linted again): replaces any pending run,
   * but does not restart the quiet period.
   */
  renew(uri: string): number {
    const ticket = ++this.nextTicket;
    this.tickets.set(uri, ticket);
    this.clearTimer(uri);
    return ticket;
  }

  /** Whether `ticket` is still the document's latest: no change has come in since it was taken. */
  isCurrent(uri: string, ticket: number): boolean {
    return this.tickets.get(uri) === ticket;
  }

  /**
   * Runs `run` once the document has been quiet for `delayMs` since its last change, unless a newer change comes in
   * first (then that change's run replaces this one). `delayMs` 0 runs at once.
   */
  schedule(uri: string, ticket: number, delayMs: number, run: () => void): void {
    if (!this.isCurrent(uri, ticket)) return;
    this.clearTimer(uri);
    const remaining = this.remaining(uri, delayMs);
    if (remaining <= 0) {
      run();
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        if (this.isCurrent(uri, ticket)) run();
      }, remaining),
    );
  }

  /**
   * Resolves `true` once the document has been quiet for `delayMs` (at once if it already has), `false` if `token`
   * is cancelled first. A change while waiting restarts the wait, as a new keystroke restarts a debounce.
   */
  async quiet(uri: string, delayMs: number, token: CancellationToken): Promise<boolean> {
    for (;;) {
      if (token.isCancellationRequested) return false;
      const remaining = this.remaining(uri, delayMs);
      if (remaining <= 0) return true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, remaining);
        const listener = token.onCancellationRequested(done);
        function done(): void {
          clearTimeout(timer);
          listener.dispose();
          resolve();
        }
      });
    }
  }

  /** Forgets a closed document: its pending run is dropped. */
  forget(uri: string): void {
    this.clearTimer(uri);
    this.tickets.delete(uri);
    this.changedAt.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private remaining(uri: string, delayMs: number): number {
    const changedAt = this.changedAt.get(uri);
    return changedAt === undefined ? 0 : changedAt + delayMs - this.now();
  }

  private clearTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }
}
