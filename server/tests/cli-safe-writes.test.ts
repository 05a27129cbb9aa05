/**
 * --fix writes safely: atomically (a temporary file next to the target, renamed over it), keeping the file's BOM,
 * line endings, mode and owner, through symlinks to their target, never leaving a temporary file behind on an error
 * or an interrupt, and never a truncated file even when killed. It lists the files it rewrote on stderr.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { keepLayout, replaceFile, TEMPORARY_FILE_NAME } from '../src/cli/write-file';
import { poolguardPlugin, type LintResult } from '../src/engine';
import { BIN, CLEAN_SOURCE, makeTree, removeTrees, runCli, type CliRun } from './helpers/cli';

const HEADER = '/* eslint poolguard/require-pool-limit: ["warn", { "requireExplicit": true }] */';

/** A pg pool without `max` in a file that turns requireExplicit on: the autofix writes pg's default, `max: 10`. */
function fixable(eol = '\n', padding = ''): string {
  return [HEADER, "import { Pool } from 'pg';", `${padding}export const pool = new Pool({ host: 'db' });`, ''].join(eol);
}

function fixedOf(source: string): string {
  const fixed = source.replace("new Pool({ host: 'db' })", "new Pool({ host: 'db', max: 10 })");
  assert.notEqual(fixed, source);
  return fixed;
}

/** The pool's options over several lines: the fixer inserts a line of its own (with `\n`, whatever the file uses). */
function multiLine(eol: string): { source: string; fixed: string } {
  const head = [HEADER, "import { Pool } from 'pg';", 'export const pool = new Pool({', "  host: 'db',"];
  return {
    source: [...head, '});', ''].join(eol),
    fixed: [...head, '  max: 10,', '});', ''].join(eol),
  };
}

const OLD = new Date('2020-01-01T00:00:00Z');

function entries(directory: string): string[] {
  return fs.readdirSync(directory).sort();
}

function temporaryFiles(directory: string): string[] {
  return entries(directory).filter((name) => TEMPORARY_FILE_NAME.test(name));
}

function parseJson(run: CliRun): LintResult[] {
  return JSON.parse(run.stdout) as LintResult[];
}

/** As runCli, but as an unprivileged user (nobody) when the tests run as root, so file permissions apply. */
function runCliUnprivileged(args: readonly string[], root: string): CliRun {
  if (process.getuid?.() !== 0) return runCli(args, root);
  const chownTree = (target: string): void => {
    fs.lchownSync(target, 65534, 65534);
    if (fs.lstatSync(target).isDirectory()) for (const name of fs.readdirSync(target)) chownTree(path.join(target, name));
  };
  chownTree(root);
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
    uid: 65534,
    gid: 65534,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('poolguard CLI: --fix writes safely', function () {
  this.timeout(300_000);
  after(removeTrees);
  before(function () {
    if (poolguardPlugin.rules['require-pool-limit']?.meta?.fixable === undefined) this.skip(); // no autofix to write
  });

  describe('the text written keeps the layout of the file', () => {
    it('keepLayout: one line-ending style throughout becomes that style everywhere', () => {
      assert.equal(keepLayout('a\r\nb\r\n', 'a\r\nb\nc\r\n'), 'a\r\nb\r\nc\r\n');
      assert.equal(keepLayout('a\nb\n', 'a\r\nb\nc\n'), 'a\nb\nc\n');
      assert.equal(keepLayout('a\rb\r', 'a\rb\nc\r'), 'a\rb\rc\r');
      assert.equal(keepLayout('a\r\nb', 'a\nb\nc'), 'a\r\nb\r\nc', 'no line break at the end stays so');
      assert.equal(keepLayout('ab', 'a\nb'), 'a\nb', 'a file without line breaks keeps the fixer’s');
      assert.equal(keepLayout('a\n', 'a\n'), 'a\n');
    });

    it('keepLayout: in a mixed file, old lines keep their endings, new ones take the ending of what they replace or follow', () => {
      // b ends in CRLF: its replacement does too, and a line inserted after it follows it.
      assert.equal(keepLayout('a\nb\r\nc\n', 'a\nB\nc\n'), 'a\nB\r\nc\n');
      assert.equal(keepLayout('a\nb\r\nc\n', 'a\nb\nX\nc\n'), 'a\nb\r\nX\r\nc\n');
      assert.equal(keepLayout('a\r\nb\nc\r\n', 'a\r\nb\nX\r\nc\r\n'), 'a\r\nb\nX\nc\r\n');
      // Two fixes far apart in one file: everything between them is untouched.
      const lines = Array.from({ length: 200 }, (_, index) => `line ${index}${index % 3 === 0 ? '\r\n' : '\n'}`);
      const original = lines.join('');
      const fixed = ['line 0 fixed\n', ...lines.slice(1, 199), 'line 199 fixed\n', 'added\n'].join('');
      assert.equal(keepLayout(original, fixed), ['line 0 fixed\r\n', ...lines.slice(1, 199), 'line 199 fixed\n', 'added\n'].join(''));
    });

    it('keepLayout: a BOM stays, and is not added to a file without one', () => {
      assert.equal(keepLayout('\uFEFFa\r\n', 'a\n'), '\uFEFFa\r\n');
      assert.equal(keepLayout('\uFEFFa\n', '\uFEFFb\n'), '\uFEFFb\n');
      assert.equal(keepLayout('a\n', 'b\n'), 'b\n');
    });

    it('CRLF: the fixer’s inserted line gets CRLF too, and json `output` is exactly what was written', () => {
      const { source, fixed } = multiLine('\r\n');
      const root = makeTree({ 'db.js': source, 'one-line.js': fixable('\r\n') });
      const run = runCli(['--fix', '--format', 'json'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(fs.readFileSync(path.join(root, 'db.js'), 'utf8'), fixed);
      assert.equal(fs.readFileSync(path.join(root, 'one-line.js'), 'utf8'), fixedOf(fixable('\r\n')));
      assert.deepEqual(
        parseJson(run).map((result) => result.output),
        [fixed, fixedOf(fixable('\r\n'))],
      );
      assert.deepEqual(entries(root), ['db.js', 'one-line.js']);
    });

    it('LF, lone CR and mixed endings are kept', () => {
      const mixed = multiLine('\n');
      // The pool's lines end in CRLF, the rest in LF.
      const mixedSource = mixed.source.replace("Pool({\n  host: 'db',\n", "Pool({\r\n  host: 'db',\r\n");
      const mixedFixed = mixed.fixed.replace("Pool({\n  host: 'db',\n  max: 10,\n", "Pool({\r\n  host: 'db',\r\n  max: 10,\r\n");
      const files = { 'lf.js': multiLine('\n').source, 'cr.js': multiLine('\r').source, 'mixed.js': mixedSource };
      const root = makeTree(files);
      const run = runCli(['--fix', '--format', 'json'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(fs.readFileSync(path.join(root, 'lf.js'), 'utf8'), multiLine('\n').fixed);
      assert.equal(fs.readFileSync(path.join(root, 'cr.js'), 'utf8'), multiLine('\r').fixed);
      assert.equal(fs.readFileSync(path.join(root, 'mixed.js'), 'utf8'), mixedFixed);
      for (const result of parseJson(run)) assert.equal(result.output, fs.readFileSync(result.filePath, 'utf8'), result.filePath);
    });

    it('a UTF-8 BOM is kept (LF and CRLF)', () => {
      const root = makeTree({ 'lf.js': `\uFEFF${fixable('\n')}`, 'crlf.js': `\uFEFF${multiLine('\r\n').source}` });
      const run = runCli(['--fix', '--format', 'json'], root);
      assert.equal(run.status, 0, run.stderr);
      const bytes = (name: string): Buffer => fs.readFileSync(path.join(root, name));
      assert.deepEqual(bytes('lf.js'), Buffer.from(`\uFEFF${fixedOf(fixable('\n'))}`, 'utf8'));
      assert.deepEqual(bytes('crlf.js'), Buffer.from(`\uFEFF${multiLine('\r\n').fixed}`, 'utf8'));
      assert.deepEqual(bytes('lf.js').subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]));
    });
  });

  describe('the file is replaced, not rewritten in place', () => {
    it('keeps the mode (0755, 0600, 0640) and, as root, the owner and group; the inode is new', () => {
      const root = makeTree({ 'exec.js': fixable(), 'secret.js': fixable(), 'group.js': fixable() });
      const modes: Record<string, number> = { 'exec.js': 0o755, 'secret.js': 0o600, 'group.js': 0o640 };
      const asRoot = process.getuid?.() === 0;
      for (const [name, mode] of Object.entries(modes)) {
        fs.chmodSync(path.join(root, name), mode);
        if (asRoot) fs.chownSync(path.join(root, name), 1234, 2345);
      }
      const inodes = Object.keys(modes).map((name) => fs.statSync(path.join(root, name)).ino);
      const run = runCli(['--fix'], root);
      assert.equal(run.status, 0, run.stderr);
      for (const [name, mode] of Object.entries(modes)) {
        const stats = fs.statSync(path.join(root, name));
        assert.equal(stats.mode & 0o7777, mode, name);
        if (asRoot) assert.deepEqual([stats.uid, stats.gid], [1234, 2345], name);
        assert.equal(fs.readFileSync(path.join(root, name), 'utf8'), fixedOf(fixable()), name);
      }
      assert.notDeepEqual(Object.keys(modes).map((name) => fs.statSync(path.join(root, name)).ino), inodes, 'renamed into place');
      assert.deepEqual(entries(root), ['exec.js', 'group.js', 'secret.js']);
    });

    it('a symlink named on the command line is written through: the target is fixed, the link stays a link', () => {
      const root = makeTree({ 'real/db.js': fixable() });
      fs.symlinkSync('real/db.js', path.join(root, 'link.js'));
      const run = runCli(['--fix', 'link.js'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.ok(fs.lstatSync(path.join(root, 'link.js')).isSymbolicLink());
      assert.equal(fs.readlinkSync(path.join(root, 'link.js')), 'real/db.js');
      assert.equal(fs.readFileSync(path.join(root, 'real/db.js'), 'utf8'), fixedOf(fixable()));
      assert.deepEqual(entries(root), ['link.js', 'real']);
      assert.deepEqual(entries(path.join(root, 'real')), ['db.js']);
      assert.equal(run.stderr, 'poolguard: fixed link.js\n');
    });

    it('a symlink met while walking is not followed, so a file outside the tree is never touched', () => {
      const outside = makeTree({ 'db.js': fixable() });
      const root = makeTree({ 'src/own.js': fixable() });
      fs.symlinkSync(path.join(outside, 'db.js'), path.join(root, 'src/link.js'));
      fs.utimesSync(path.join(outside, 'db.js'), OLD, OLD);
      const run = runCli(['--fix', '.'], root);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(fs.readFileSync(path.join(outside, 'db.js'), 'utf8'), fixable());
      assert.equal(fs.statSync(path.join(outside, 'db.js')).mtimeMs, OLD.getTime());
      assert.equal(fs.readFileSync(path.join(root, 'src/own.js'), 'utf8'), fixedOf(fixable()));
      assert.equal(run.stderr, `poolguard: fixed ${path.join('src', 'own.js')}\n`);
    });

    it('files named like its temporary files are never linted, fixed or removed', () => {
      const stale = '.db.js.poolguard-123-0123456789ab.tmp';
      const root = makeTree({ [stale]: fixable(), 'db.js': CLEAN_SOURCE });
      const walked = runCli(['--fix', '--format', 'json'], root);
      assert.deepEqual(parseJson(walked).map((result) => path.basename(result.filePath)), ['db.js']);
      const named = runCli(['--fix', '--format', 'json', stale], root);
      const [notice] = parseJson(named);
      assert.match(notice?.messages[0]?.message ?? '', /^File ignored because PoolGuard only lints /u);
      assert.equal(fs.readFileSync(path.join(root, stale), 'utf8'), fixable());
    });
  });

  describe('a write that cannot happen leaves the file as it was, and no temporary file', () => {
    it('a file that is not valid UTF-8 is not rewritten (its bytes would be lost)', () => {
      const root = makeTree();
      const bytes = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${fixable()}`)]);
      fs.writeFileSync(path.join(root, 'latin1.js'), bytes);
      const run = runCli(['--fix', '--format', 'json'], root);
      assert.equal(run.status, 1);
      assert.equal(run.stderr, '');
      assert.deepEqual(fs.readFileSync(path.join(root, 'latin1.js')), bytes);
      assert.deepEqual(entries(root), ['latin1.js']);
      const [result] = parseJson(run);
      assert.equal(result?.output, undefined, 'no `output`: nothing was written');
      assert.deepEqual(
        result?.messages.map((message) => [message.ruleId, message.line ?? 0, message.message]),
        [
          [null, 0, 'Cannot write fixes: the file is not valid UTF-8, and writing the fixed text would replace its invalid bytes'],
          ['poolguard/require-pool-limit', 4, 'pg new Pool() relies on the default limit of 10 connections; set max explicitly (max: 10).'],
        ],
        'the findings are those of the file as it stands',
      );
    });

    it('a read-only file is not replaced, although its directory would allow it', function () {
      if (process.platform === 'win32') this.skip();
      const root = makeTree({ 'db.js': fixable(), 'ok.js': fixable() });
      fs.chmodSync(path.join(root, 'db.js'), 0o444);
      const run = runCliUnprivileged(['--fix', '--format', 'json'], root);
      assert.equal(run.status, 1);
      assert.equal(fs.readFileSync(path.join(root, 'db.js'), 'utf8'), fixable());
      assert.equal(fs.statSync(path.join(root, 'db.js')).mode & 0o777, 0o444);
      assert.equal(fs.readFileSync(path.join(root, 'ok.js'), 'utf8'), fixedOf(fixable()));
      const [db] = parseJson(run);
      assert.equal(db?.messages[0]?.message, `Cannot write fixes: EACCES: permission denied, access '${path.join(root, 'db.js')}'`);
      assert.equal(db?.output, undefined);
      assert.equal(run.stderr, 'poolguard: fixed ok.js\n', 'only the written file is listed');
      assert.deepEqual(entries(root), ['db.js', 'ok.js']);
    });

    it('in a read-only directory the temporary file cannot be created: reported, nothing changes', function () {
      if (process.platform === 'win32') this.skip();
      const root = makeTree({ 'locked/db.js': fixable() });
      const locked = path.join(root, 'locked');
      fs.utimesSync(path.join(locked, 'db.js'), OLD, OLD);
      fs.chmodSync(locked, 0o555);
      const run = runCliUnprivileged(['--fix', '--format', 'json'], root);
      fs.chmodSync(locked, 0o755);
      assert.equal(run.status, 1);
      const [db] = parseJson(run);
      assert.match(db?.messages[0]?.message ?? '', /^Cannot write fixes: EACCES: permission denied, open '.*\/locked\/\.db\.js\.poolguard-\d+-[0-9a-f]{12}\.tmp'$/u);
      assert.equal(fs.readFileSync(path.join(locked, 'db.js'), 'utf8'), fixable());
      assert.equal(fs.statSync(path.join(locked, 'db.js')).mtimeMs, OLD.getTime());
      assert.deepEqual(entries(locked), ['db.js']);
      assert.equal(run.stderr, '');
    });

    it('replaceFile: a file that changed since it was read is not overwritten, and the temporary file is removed', async () => {
      const root = makeTree({ 'db.js': 'edited meanwhile\n' });
      const file = path.join(root, 'db.js');
      await assert.rejects(replaceFile(file, 'fixed\n', 'as read\n'), { message: 'the file changed on disk while it was being fixed' });
      assert.equal(fs.readFileSync(file, 'utf8'), 'edited meanwhile\n');
      assert.deepEqual(entries(root), ['db.js']);
      await replaceFile(file, 'fixed\n', 'edited meanwhile\n');
      assert.equal(fs.readFileSync(file, 'utf8'), 'fixed\n');
      assert.deepEqual(entries(root), ['db.js']);
    });
  });

  describe('reporting', () => {
    it('lists each rewritten file on stderr in every format; stdout stays parseable; nothing listed when nothing changes', () => {
      const files = { 'src/db.js': fixable(), 'src/other.js': fixable('\r\n'), 'clean.js': CLEAN_SOURCE };
      const listed = `poolguard: fixed ${path.join('src', 'db.js')}\npoolguard: fixed ${path.join('src', 'other.js')}\n`;
      for (const format of ['text', 'json', 'sarif']) {
        const root = makeTree(files);
        const run = runCli(['--fix', '--format', format], root);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, listed, format);
        if (format !== 'text') JSON.parse(run.stdout);
        const again = runCli(['--fix', '--format', format], root);
        assert.equal(again.stderr, '', `${format}: a second run has nothing to fix`);
      }
      const quiet = runCli(['--fix', '--quiet'], makeTree(files));
      assert.equal(quiet.stderr, listed, '--quiet hides warnings, not changes to your files');
    });
  });

  describe('interrupted runs', () => {
    /** Every third file is ~300 kB (a long comment), so writes take long enough to be interrupted. */
    const FILE_COUNT = 36;
    const padding = `/*\n${Array.from({ length: 6000 }, (_, index) => ` * padding ${index} .......................................`).join('\n')}\n */\n`;
    const sources = Array.from({ length: FILE_COUNT }, (_, index): [string, string] => [
      `src/db-${String(index).padStart(2, '0')}.js`,
      fixable(index % 2 === 0 ? '\n' : '\r\n', index % 3 === 0 ? padding : ''),
    ]);

    interface Outcome {
      signal: NodeJS.Signals | null;
      fixed: number;
      original: number;
      temporary: string[];
    }

    /**
     * Runs `poolguard --fix` over the tree and sends `signal` at the `killAt`-th file-system event in src/ (the first
     * event is a temporary file being created), then checks every file: byte-identical to its original or exactly
     * its fixed text, nothing else.
     */
    async function interrupt(root: string, args: readonly string[], signal: NodeJS.Signals, killAt: number): Promise<Outcome> {
      const src = path.join(root, 'src');
      const child = spawn(process.execPath, [BIN, '--fix', ...args], { cwd: root, detached: true, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
      let events = 0;
      const watcher = fs.watch(src, () => {
        events++;
        if (events === killAt) child.kill(signal);
      });
      const exited = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error('poolguard did not end within 120 s'));
        }, 120_000);
        child.on('exit', (_code, exitSignal) => {
          clearTimeout(timer);
          resolve(exitSignal);
        });
      });
      watcher.close();

      const outcome: Outcome = { signal: exited, fixed: 0, original: 0, temporary: temporaryFiles(src) };
      for (const [name, source] of sources) {
        const text = fs.readFileSync(path.join(root, name), 'utf8');
        if (text === source) outcome.original++;
        else if (text === fixedOf(source)) outcome.fixed++;
        else assert.fail(`${name} is damaged after ${signal} at event ${killAt} (${text.length} of ${source.length} characters)`);
      }
      assert.deepEqual(entries(src).filter((name) => !outcome.temporary.includes(name)), sources.map(([name]) => path.basename(name)));
      return outcome;
    }

    for (const [mode, args, threads] of [
      ['the main thread', ['--concurrency', 'off'], 1],
      ['worker threads', ['--concurrency', '2'], 2],
    ] as const) {
      it(`SIGKILL at any moment leaves each file whole, old or fixed (${mode}); a rerun finishes the job`, async () => {
        const root = makeTree(Object.fromEntries(sources));
        const outcomes: Outcome[] = [];
        let leftovers: string[] = [];
        for (const killAt of [1, 3, 8, 20]) {
          const outcome = await interrupt(root, args, 'SIGKILL', killAt);
          assert.equal(outcome.signal, 'SIGKILL', `killed before it finished (event ${killAt})`);
          // At most one write in flight per thread; a SIGKILL can leave its temporary file, nothing else.
          assert.ok(outcome.temporary.length - leftovers.length <= threads, outcome.temporary.join(', '));
          leftovers = outcome.temporary;
          outcomes.push(outcome);
        }
        assert.ok(outcomes.some((outcome) => outcome.fixed > 0 && outcome.original > 0), JSON.stringify(outcomes));

        // The leftovers are never linted; the next run fixes what is left, and lists exactly those files.
        const src = path.join(root, 'src');
        const leftoverBytes = leftovers.map((name) => fs.readFileSync(path.join(src, name)));
        const rerun = runCli(['--fix', ...args], root);
        assert.equal(rerun.status, 0, rerun.stderr);
        assert.equal(rerun.stdout, `✔ No problems found in ${FILE_COUNT} files.\n`);
        assert.equal(rerun.stderr.split('\n').filter(Boolean).length, outcomes.at(-1)?.original);
        for (const [name, source] of sources) assert.equal(fs.readFileSync(path.join(root, name), 'utf8'), fixedOf(source), name);
        assert.deepEqual(temporaryFiles(src), leftovers);
        assert.deepEqual(leftovers.map((name) => fs.readFileSync(path.join(src, name))), leftoverBytes);
      });
    }

    it('SIGINT and SIGTERM in the main thread remove the temporary file of the write in progress', async () => {
      const root = makeTree(Object.fromEntries(sources));
      for (const [signal, killAt] of [['SIGINT', 1], ['SIGTERM', 2], ['SIGINT', 6], ['SIGTERM', 13]] as const) {
        const outcome = await interrupt(root, ['--concurrency', 'off'], signal, killAt);
        assert.equal(outcome.signal, signal, `ended by ${signal} (event ${killAt})`);
        assert.deepEqual(outcome.temporary, [], `${signal} at event ${killAt}`);
      }
    });
  });
});
