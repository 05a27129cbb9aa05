/** The language server's pure parts: diffs, coordinates, disable comments, settings, the scheduler. */
import * as assert from 'node:assert/strict';

import { CancellationTokenSource } from 'vscode-languageserver';

import { createEngine } from '../src/engine';
import { tokenRangeAt } from '../src/lsp/diagnostics';
import { disableFileEdit, disableLineEdit } from '../src/lsp/disable-comments';
import { lintFileName } from '../src/lsp/document-paths';
import { applyOffsetEdits, diffTexts, minimalEdits } from '../src/lsp/edits';
import { EslintCoordinates } from '../src/lsp/positions';
import { LintScheduler } from '../src/lsp/scheduler';
import { DEFAULT_SETTINGS, engineSettingsOf, normalizeSettings } from '../src/lsp/settings';

describe('lsp units: edits', () => {
  it('diffTexts turns one text into another with small, non-overlapping edits', () => {
    const base = "import a from 'a';\r\nconst x = new Thing(1);\r\nconst emoji = '😀😀';\r\nfunction f() {\r\n  return x;\r\n}\r\n";
    const variants = [
      base.replace('new Thing(1)', 'getThing()'),
      base.replace("import a from 'a';\r\n", "import a from 'a';\r\n\r\nlet t;\r\nfunction getThing() {\r\n  return (t ??= new Thing(1));\r\n}\r\n"),
      base.replace('😀😀', '😀🙂'),
      base.replace('\r\n', '\n'),
      '',
      `${base}// end`,
      base.split('').reverse().join(''),
    ];
    for (const after of variants) {
      const edits = diffTexts(base, after);
      assert.equal(applyOffsetEdits(base, edits), after);
      for (let index = 1; index < edits.length; index++) assert.ok(edits[index]!.start >= edits[index - 1]!.end, 'sorted, non-overlapping');
      for (const edit of edits) {
        for (const offset of [edit.start, edit.end]) {
          assert.ok(!(base[offset - 1] === '\r' && base[offset] === '\n'), 'never splits \\r\\n');
          const code = base.charCodeAt(offset);
          assert.ok(!(code >= 0xdc00 && code <= 0xdfff), 'never splits a surrogate pair');
        }
      }
    }
    assert.deepEqual(diffTexts(base, base), []);
    // Token level inside the changed line: `new Thing` → `getThing`, and the `1` goes.
    assert.deepEqual(diffTexts(base, base.replace('new Thing(1)', 'getThing()')), [
      { start: base.indexOf('new Thing'), end: base.indexOf('(1)'), text: 'getThing' },
      { start: base.indexOf('1)'), end: base.indexOf('1)') + 1, text: '' },
    ]);
  });

  it('minimalEdits splits ESLint’s merged hoist fix into an insertion and a replacement', () => {
    const text = "import Redis from 'ioredis';\nconst app = express();\napp.get('/', () => { const r = new Redis(); });\n";
    const start = text.indexOf('\nconst app');
    const end = text.indexOf('new Redis()') + 'new Redis()'.length;
    const merged = { start, end, text: `\nlet r;\nfunction getR() {\n  return (r ??= new Redis());\n}${text.slice(start, text.indexOf('new Redis()'))}getR()` };
    const edits = minimalEdits(text, merged);
    assert.equal(applyOffsetEdits(text, edits), applyOffsetEdits(text, [merged]));
    assert.deepEqual(
      edits.map((edit) => edit.text),
      ['let r;\nfunction getR() {\n  return (r ??= new Redis());\n}\n', 'getR'],
    );
  });
});

describe('lsp units: ESLint coordinates', () => {
  it('handles a BOM, U+2028 line breaks, CRLF and out-of-range positions', () => {
    const text = '\ufeffab\u2028cd\r\nef';
    const coordinates = new EslintCoordinates(text);
    assert.equal(coordinates.offsetOf(1, 1), 1, 'after the BOM');
    assert.equal(coordinates.offsetOf(2, 2), text.indexOf('d'));
    assert.equal(coordinates.offsetOf(3, 1), text.indexOf('e'));
    assert.equal(coordinates.offsetOf(2, 99), text.indexOf('\r'), 'clamped to the line content');
    assert.equal(coordinates.offsetOf(99, 1), text.indexOf('e'), 'clamped to the last line');
    assert.equal(coordinates.fromEslintOffset(0), 1);
    assert.equal(coordinates.toEslintOffset(1), 0);
  });

  it('tokenRangeAt marks a token, or the character before an end of line', () => {
    assert.deepEqual(tokenRangeAt('const abc = 1;', 6), [6, 9]);
    assert.deepEqual(tokenRangeAt('f(;', 2), [2, 3]);
    assert.deepEqual(tokenRangeAt('abc\nx', 3), [2, 3]);
    assert.deepEqual(tokenRangeAt('\n', 0), [0, 0]);
  });
});

describe('lsp units: disable comments', () => {
  const rule = 'poolguard/x';
  const apply = (text: string, edit: { start: number; end: number; text: string }): string => applyOffsetEdits(text, [edit]);

  it('disable-line merges into line and block directives, keeps CRLF, indents like the finding', () => {
    const block = 'a();\n\t/* eslint-disable-next-line other */\n\tnew X();\n';
    assert.equal(apply(block, disableLineEdit(block, new EslintCoordinates(block), 3, rule)), `a();\n\t/* eslint-disable-next-line other, ${rule} */\n\tnew X();\n`);
    const crlf = 'a();\r\n\tnew X();\r\n';
    assert.equal(apply(crlf, disableLineEdit(crlf, new EslintCoordinates(crlf), 2, rule)), `a();\r\n\t// eslint-disable-next-line ${rule}\r\n\tnew X();\r\n`);
    const first = 'new X();';
    assert.equal(apply(first, disableLineEdit(first, new EslintCoordinates(first), 1, rule)), `// eslint-disable-next-line ${rule}\nnew X();`);
  });

  it('disable-file handles a shebang-only first line and merges into a described directive', () => {
    const shebang = '#!/usr/bin/env node';
    assert.equal(apply(shebang, disableFileEdit(shebang, new EslintCoordinates(shebang), rule)), `${shebang}\n/* eslint-disable ${rule} */`);
    const described = '/* eslint-disable a -- generated */\nx();\n';
    assert.equal(apply(described, disableFileEdit(described, new EslintCoordinates(described), rule)), `/* eslint-disable a, ${rule} -- generated */\nx();\n`);
    const nextLine = '/* eslint-disable-next-line a */\nx();\n';
    assert.equal(apply(nextLine, disableFileEdit(nextLine, new EslintCoordinates(nextLine), rule)), `/* eslint-disable ${rule} */\n${nextLine}`);
  });
});

describe('lsp units: settings and paths', () => {
  const engine = createEngine();

  it('normalizes a missing section to the defaults, and ESLint severity forms', () => {
    assert.deepEqual(normalizeSettings(null, engine), { settings: DEFAULT_SETTINGS, problems: [] });
    const { settings, problems } = normalizeSettings({ rules: { 'require-pool-limit': 1, 'poolguard/require-idle-timeout': ['off'] }, debounceMs: 99_999 }, engine);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.rules, { 'poolguard/require-pool-limit': 'warn', 'poolguard/require-idle-timeout': 'off' });
    assert.equal(settings.debounceMs, 10_000);
  });

  it('passes runtime as the option of no-client-per-request, over options written in rules', () => {
    const { settings } = normalizeSettings({ runtime: 'lambda', rules: { 'no-client-per-request': ['error', { runtime: 'edge' }] } }, engine);
    assert.deepEqual(engineSettingsOf(settings).ruleOptions, { 'poolguard/no-client-per-request': [{ runtime: 'lambda' }] });
    assert.equal(engineSettingsOf(DEFAULT_SETTINGS).ruleOptions, undefined, 'auto: the CLI’s config');
  });

  it('names untitled and extension-less documents by their language', () => {
    assert.equal(lintFileName('untitled:Untitled-1', 'typescriptreact')?.endsWith('Untitled-1.tsx'), true);
    assert.equal(lintFileName('file:///p/Jakefile', 'javascript'), '/p/Jakefile.js');
    assert.equal(lintFileName('file:///p/a.json', 'json'), undefined);
    assert.equal(lintFileName('::not a uri', 'typescript'), undefined);
  });
});

describe('lsp units: scheduler', () => {
  it('runs only the latest ticket, at once for 0 ms, after the delay otherwise', async () => {
    const scheduler = new LintScheduler();
    const runs: string[] = [];
    const old = scheduler.touch('a');
    const latest = scheduler.touch('a');
    scheduler.schedule('a', old, 0, () => runs.push('old'));
    scheduler.schedule('a', latest, 0, () => runs.push('latest'));
    assert.deepEqual(runs, ['latest']);

    // A pending run is replaced by the next change's run; only the latter ever runs.
    scheduler.schedule('b', scheduler.touch('b'), 20, () => runs.push('stale'));
    const latestB = scheduler.touch('b');
    await new Promise<void>((resolve) => scheduler.schedule('b', latestB, 20, resolve));
    assert.deepEqual(runs, ['latest']);
    scheduler.forget('b');
    scheduler.dispose();
  });

  it('quiet() waits for the quiet period and gives up on cancellation', async () => {
    const scheduler = new LintScheduler();
    scheduler.touch('a');
    const source = new CancellationTokenSource();
    assert.equal(await scheduler.quiet('a', 0, source.token), true);
    const waiting = scheduler.quiet('a', 60_000, source.token);
    source.cancel();
    assert.equal(await waiting, false);
  });
});
