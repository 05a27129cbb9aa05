/**
 * Preloaded into each CLI run of the soak (`node --require`): on exit, writes the process's peak RSS (VmHWM, in kB;
 * worker threads share the process, so they are included) to file descriptor 3. Exact where polling `/proc` from the
 * parent can miss the last few milliseconds; the parent still polls, for runs that die without an exit event.
 */
import * as fs from 'node:fs';

process.on('exit', () => {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/mu.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1] !== undefined) fs.writeSync(3, `${match[1]}\n`);
  } catch {
    // No /proc (not Linux) or no fd 3 (run by hand): nothing to report.
  }
});
