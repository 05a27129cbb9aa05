/**
 * How `--fix` saves a fixed file: the fixed text keeps the file's layout, and it replaces the file atomically.
 *
 * Layout (`keepLayout`):
 * - BOM: ESLint's `verifyAndFix` strips a UTF-8 BOM for the rules and puts it back in front of its `output`; it is
 *   restored here too, so a BOM never depends on that detail.
 * - Line endings: fixers write `\n` (ESLint's own `linebreak-style` fixes aside, nothing adapts inserted text), so a
 *   fix in a CRLF file inserts LF lines. The fixed text gets the file's own endings back: a file with one style gets
 *   it everywhere; in a mixed file every untouched line keeps its own ending and a new line takes the ending of the
 *   line it replaces, else of the line before it. Changing a line terminator never changes what JavaScript means:
 *   strings cannot hold a raw one, template literals read CR and CRLF as LF.
 *
 * Replacing (`replaceFile`):
 * - Symlinks are written through, as ESLint does: the link is resolved and the target is replaced, the link stays.
 * - The text goes to a new temporary file next to the target, `.<name>.poolguard-<pid>-<random>.tmp` (created
 *   exclusively, readable only by its owner until it gets the target's mode), which is flushed to disk and then
 *   renamed over the target. A reader, a crash or a kill at any moment sees either the old file or the complete new
 *   one, never an empty or partial file. The CLI never lints the temporary files (`.tmp` is not a lintable extension).
 * - The new file gets the target's mode and, where the process may set them, its owner and group. A hard-linked
 *   target becomes a file of its own (the other links keep the old text); ACLs and extended attributes are not
 *   copied.
 * - A file PoolGuard may not write stays untouched, as with an in-place write: a read-only file is not replaced even
 *   though its directory would allow the rename. A file that changed on disk since it was read, or that is not valid
 *   UTF-8 (its text was decoded with replacement characters, which a write would bake in), is not written either.
 * - A temporary file is removed on every failure, and on SIGINT, SIGTERM and SIGHUP in the main thread (worker
 *   threads receive no signals). Only SIGKILL, or a signal while a worker thread writes, can leave one behind.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { diffArrays } from 'diff';

const BOM = '\uFEFF';
const LINE_BREAK = /\r\n|\r|\n/gu;
/** The line diff of a mixed-endings file gives up after this long; the changed region then takes the main style. */
const DIFF_TIMEOUT_MS = 250;

interface Lines {
  contents: string[];
  /** The terminator of each line; `''` for a last line without one. */
  breaks: string[];
}

function splitLines(text: string): Lines {
  const lines: Lines = { contents: [], breaks: [] };
  let start = 0;
  for (const match of text.matchAll(LINE_BREAK)) {
    lines.contents.push(text.slice(start, match.index));
    lines.breaks.push(match[0]);
    start = match.index + match[0].length;
  }
  lines.contents.push(text.slice(start));
  lines.breaks.push('');
  return lines;
}

/** The most frequent line ending of `breaks` (the first one seen on a tie). */
function mainStyle(breaks: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const lineBreak of breaks) if (lineBreak !== '') counts.set(lineBreak, (counts.get(lineBreak) ?? 0) + 1);
  let best = '\n';
  let bestCount = 0;
  for (const [lineBreak, count] of counts) {
    if (count > bestCount) [best, bestCount] = [lineBreak, count];
  }
  return best;
}

/** `fixed` with the line endings of `original` (see the file comment). */
export function keepLineEndings(original: string, fixed: string): string {
  const before = splitLines(original);
  const styles = new Set(before.breaks.filter((lineBreak) => lineBreak !== ''));
  if (styles.size === 0) return fixed;
  if (styles.size === 1) {
    const [style = '\n'] = styles;
    return fixed.replace(LINE_BREAK, style);
  }

  const after = splitLines(fixed);
  const fallback = mainStyle(before.breaks);
  const out: string[] = [];
  let previous: string | undefined;
  const emit = (content: string, fixedBreak: string, wanted: string | undefined): void => {
    const lineBreak = fixedBreak === '' ? '' : wanted !== undefined && wanted !== '' ? wanted : (previous ?? fallback);
    out.push(content, lineBreak);
    if (lineBreak !== '') previous = lineBreak;
  };

  // Lines equal at both ends are matched directly; only the region between them is diffed.
  const shorter = Math.min(before.contents.length, after.contents.length);
  let head = 0;
  while (head < shorter && before.contents[head] === after.contents[head]) head++;
  let tail = 0;
  while (
    tail < shorter - head &&
    before.contents[before.contents.length - 1 - tail] === after.contents[after.contents.length - 1 - tail]
  ) {
    tail++;
  }
  for (let index = 0; index < head; index++) emit(after.contents[index] ?? '', after.breaks[index] ?? '', before.breaks[index]);

  const oldMiddle = before.contents.slice(head, before.contents.length - tail);
  const newMiddle = after.contents.slice(head, after.contents.length - tail);
  const changes = diffArrays(oldMiddle, newMiddle, { timeout: DIFF_TIMEOUT_MS });
  let oldIndex = head;
  let newIndex = head;
  if (changes === undefined) {
    for (; newIndex < after.contents.length - tail; newIndex++) emit(after.contents[newIndex] ?? '', after.breaks[newIndex] ?? '', fallback);
    oldIndex = before.contents.length - tail;
  } else {
    // The endings of the lines a run of new lines replaces, in order: the n-th new line takes the n-th old ending.
    let replaced: string[] = [];
    for (const change of changes) {
      const count = change.value.length;
      if (change.removed) {
        replaced.push(...before.breaks.slice(oldIndex, oldIndex + count));
        oldIndex += count;
      } else if (change.added) {
        for (let index = 0; index < count; index++, newIndex++) {
          emit(after.contents[newIndex] ?? '', after.breaks[newIndex] ?? '', replaced[index] ?? replaced.at(-1));
        }
        replaced = [];
      } else {
        replaced = [];
        for (let index = 0; index < count; index++, oldIndex++, newIndex++) {
          emit(after.contents[newIndex] ?? '', after.breaks[newIndex] ?? '', before.breaks[oldIndex]);
        }
      }
    }
  }
  for (; newIndex < after.contents.length; newIndex++, oldIndex++) {
    emit(after.contents[newIndex] ?? '', after.breaks[newIndex] ?? '', before.breaks[oldIndex]);
  }
  return out.join('');
}

/** The text to save for `fixed`, computed from `original`: the original's BOM and line endings (see above). */
export function keepLayout(original: string, fixed: string): string {
  const text = original.startsWith(BOM) && !fixed.startsWith(BOM) ? BOM + fixed : fixed;
  return keepLineEndings(original, text);
}

/** The temporary file for `target`: hidden, next to it, and recognisably PoolGuard's. */
export function temporaryPathFor(target: string): string {
  // The name is kept short enough that the temporary name stays within the usual 255-byte limit.
  const name = path.basename(target).slice(0, 100);
  return path.join(path.dirname(target), `.${name}.poolguard-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Matches the names `temporaryPathFor` makes. */
export const TEMPORARY_FILE_NAME = /^\..*\.poolguard-\d+-[0-9a-f]{12}\.tmp$/su;

// Temporary files that exist right now in this thread, removed if the process is interrupted.
const pending = new Set<string>();
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function onSignal(signal: NodeJS.Signals): void {
  for (const temporary of pending) {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Already renamed or never created.
    }
  }
  pending.clear();
  for (const name of SIGNALS) process.removeListener(name, onSignal);
  // With no listener left the signal's default action applies: the process ends as it would have without us.
  process.kill(process.pid, signal);
}

function track(temporary: string): void {
  if (isMainThread && pending.size === 0) for (const name of SIGNALS) process.on(name, onSignal);
  pending.add(temporary);
}

function untrack(temporary: string): void {
  pending.delete(temporary);
  if (isMainThread && pending.size === 0) for (const name of SIGNALS) process.removeListener(name, onSignal);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The target's owner and group where allowed: root may set both, others only a group they belong to. */
async function keepOwner(handle: fs.promises.FileHandle, target: fs.Stats): Promise<void> {
  const own = await handle.stat();
  if (own.uid === target.uid && own.gid === target.gid) return;
  try {
    await handle.chown(target.uid, target.gid);
  } catch (error) {
    if (!['EPERM', 'EINVAL', 'ENOSYS'].includes(errorCode(error) ?? '')) throw error;
    await handle.chown(own.uid, target.gid).catch(() => undefined);
  }
}

/** Throws unless `target` still holds exactly the text the fix was computed from. */
async function assertUnchanged(target: string, expected: string): Promise<void> {
  const current = await fs.promises.readFile(target);
  if (current.equals(Buffer.from(expected, 'utf8'))) return;
  if (current.toString('utf8') === expected) {
    throw new Error('the file is not valid UTF-8, and writing the fixed text would replace its invalid bytes');
  }
  throw new Error('the file changed on disk while it was being fixed');
}

/**
 * Replaces the file at `filePath` (through a symlink: its target) with `text`, atomically, keeping its mode and
 * owner; `expected` is the text the fix was computed from, and the file must still hold exactly that. On failure the
 * file is untouched, no temporary file is left, and the error says why.
 */
export async function replaceFile(filePath: string, text: string, expected: string): Promise<void> {
  const target = await fs.promises.realpath(filePath);
  const stats = await fs.promises.stat(target);
  if (!stats.isFile()) throw new Error(`not a regular file: ${target}`);
  // Renaming needs only the directory to be writable; the file's own permission is what an in-place write obeys.
  await fs.promises.access(target, fs.constants.W_OK);

  const temporary = temporaryPathFor(target);
  track(temporary);
  let handle: fs.promises.FileHandle | undefined;
  let renamed = false;
  try {
    handle = await fs.promises.open(temporary, 'wx', 0o600);
    await handle.writeFile(text, 'utf8');
    await keepOwner(handle, stats);
    // After chown, which may clear set-user-ID and set-group-ID bits.
    await handle.chmod(stats.mode & 0o7777);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await assertUnchanged(target, expected);
    await fs.promises.rename(temporary, target);
    renamed = true;
  } finally {
    if (handle !== undefined) await handle.close().catch(() => undefined);
    if (!renamed) await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
    untrack(temporary);
  }
}
