/**
 * A preload for the untrusted-workspace test: `node --require <this file> …` with `POOLGUARD_TEST_LOAD_LOG` set to a
 * log file. It records, one line each,
 * - `require <filename>` for every CommonJS module resolved (`Module._resolveFilename`, cache hits included),
 * - `import <url>` for every ES module resolved (a `module.register` resolve hook),
 * - `dlopen <filename>` for every native addon,
 * - `read <path>` for every file opened for reading or read through `fs` (sync, callback and promise APIs), and
 *   `write <path>` for every file opened for writing (`--fix`).
 * The test then checks that nothing under the workspace was loaded, and which of its files were read. Worker threads
 * get the preload too (they inherit `--require`). It changes no behaviour: every hook calls through.
 */
import fs = require('node:fs');
import Module = require('node:module');

const logFile = process.env['POOLGUARD_TEST_LOAD_LOG'];

// The originals, bound before any hook is installed, so logging never recurses.
const appendFileSync = fs.appendFileSync.bind(fs);

function record(kind: string, target: unknown): void {
  if (logFile === undefined) return;
  let text: string;
  if (typeof target === 'string') text = target;
  else if (target instanceof URL) text = target.href;
  else if (Buffer.isBuffer(target)) text = target.toString('utf8');
  else return; // a file descriptor: its open was recorded
  appendFileSync(logFile, `${kind} ${text}\n`);
}

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string;
}

if (logFile !== undefined) {
  const internals = Module as unknown as ModuleInternals;
  const resolveFilename = internals._resolveFilename;
  internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    const filename = resolveFilename.call(this, request, ...rest);
    record('require', filename);
    return filename;
  };

  const dlopen = process.dlopen.bind(process);
  process.dlopen = (module: { exports: unknown }, filename: string, flags?: number): void => {
    record('dlopen', filename);
    dlopen(module, filename, flags);
  };

  const { O_WRONLY, O_RDWR, O_CREAT, O_APPEND } = fs.constants;
  /** `open`'s flags: `'r'` (the default) and `'rs'` read; anything with w, a or + (or the numeric equivalents) writes. */
  const writes = (flags: unknown): boolean =>
    typeof flags === 'string' ? /[wa+]/u.test(flags) : typeof flags === 'number' && (flags & (O_WRONLY | O_RDWR | O_CREAT | O_APPEND)) !== 0;
  type AnyFunction = (...args: unknown[]) => unknown;
  const wrap = (target: object, name: string): void => {
    const original = (target as Record<string, AnyFunction>)[name];
    if (typeof original !== 'function') return;
    (target as Record<string, AnyFunction>)[name] = function (this: unknown, ...args: unknown[]): unknown {
      record(name.startsWith('open') && writes(args[1]) ? 'write' : 'read', args[0]);
      return original.apply(this, args);
    };
  };
  for (const name of ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream']) wrap(fs, name);
  for (const name of ['readFile', 'open']) wrap(fs.promises, name);

  // ES modules (`import()`, an ESM config): a resolve hook, run by Node in its loader thread.
  const hooks = `
    import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      appendFileSync(${JSON.stringify(logFile)}, 'import ' + result.url + '\\n');
      return result;
    }`;
  (Module as unknown as { register?: (specifier: string) => void }).register?.(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
