/**
 * Malformed and hostile inputs for the CLI and the language server, generated deterministically (seeded PRNG): random
 * bytes, real files cut off mid-keystroke, unterminated literals, nesting thousands of levels deep, a huge file, every
 * line-ending and encoding accident, `.d.ts`, JSX/TSX and Flow. Each input carries what a correct linter must answer.
 *
 * Texts that should reach the parser import a catalogue module (`pg`, `ioredis`): without one, the server's prefilter
 * answers without parsing, and the CLI's fast path only runs TypeScript's scanner/parser.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { PER_REQUEST_SOURCE } from './cli';

/** The repository root (server/dist/tests/helpers → four levels up). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export const PER_REQUEST_RULE = 'poolguard/no-client-per-request';

/**
 * What a linter must answer for an input.
 * - `parse: 'error'`: exactly one fatal message, a "Parsing error:", and nothing else.
 * - `parse: 'ok'`: no fatal message; when `rules` is given, exactly those findings (rule ids, sorted).
 * - `parse: 'either'`: one of the two (truncated and random texts). `rules`, when given, applies if it parses.
 * `lines`, when given: the 1-based (ESLint) lines of the findings, in order; `needle`: the text they cover.
 */
export interface Expectation {
  readonly parse: 'error' | 'ok' | 'either';
  readonly rules?: readonly string[];
  readonly lines?: readonly number[];
  /** When given: the findings are exactly the occurrences of this text, in order (the editor checks their ranges). */
  readonly needle?: string;
}

export interface HostileInput {
  /** A relative path; its extension chooses the dialect (`.ts`, `.tsx`, `.d.ts`, `.js`, `.jsx`). */
  readonly name: string;
  /** The file's bytes on disk (what the CLI reads). */
  readonly bytes: Buffer;
  /** The text an editor sends for it (its decoding of the bytes). */
  readonly text: string;
  /** For the bytes, read as UTF-8 (the CLI). */
  readonly expect: Expectation;
  /** For `text` (the editor); defaults to `expect`. */
  readonly expectText?: Expectation;
}

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same inputs on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function randomBytes(seed: number, size: number): Buffer {
  const random = seededRandom(seed);
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index++) bytes[index] = Math.floor(random() * 256);
  return bytes;
}

/** JavaScript-ish tokens in random order: reaches far deeper into the parser than random bytes do. */
const SOUP_TOKENS = [
  '(', ')', '{', '}', '[', ']', '<', '>', '</', '/>', '=>', '=', ';', ',', '.', '...', '?', '?.', ':', '`', '${', "'", '"', '/', '//', '/*', '*/',
  '\n', ' ', 'new Pool(', 'new Redis()', 'await ', 'async ', 'function ', 'class ', 'const ', 'let x', 'return ', 'if (', 'for (', 'while (',
  'app.get(', '(req, res) =>', 'pool.connect()', 'client.release()', 'try {', '} finally {', 'export ', 'default ', 'import(', 'require(', '#', '@',
  'x', '1', '0x', '1e', 'as ', 'satisfies ', 'type T = ', 'interface I {', '<T,>', 'enum E {', 'declare ', '\\', '\u2028', '\ufeff', '\u0000',
];

function tokenSoup(seed: number, tokens: number): string {
  const random = seededRandom(seed);
  let text = "import { Pool } from 'pg';\nimport Redis from 'ioredis';\n";
  for (let index = 0; index < tokens; index++) text += SOUP_TOKENS[Math.floor(random() * SOUP_TOKENS.length)] ?? '';
  return text;
}

function utf8(name: string, text: string, expect: Expectation, expectText?: Expectation): HostileInput {
  return { name, bytes: Buffer.from(text, 'utf8'), text, expect, ...(expectText === undefined ? {} : { expectText }) };
}

/** ESLint's line of the `occurrence`-th `needle`: \r\n, \n, \r, U+2028 and U+2029 all end a line. */
export function eslintLineOf(text: string, needle: string, occurrence = 0): number {
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`'${needle}' (#${occurrence}) not in the text`);
  }
  return text.slice(0, index).split(/\r\n|[\r\n\u2028\u2029]/u).length;
}

const EITHER: Expectation = { parse: 'either' };
const PARSE_ERROR: Expectation = { parse: 'error' };

function randomInputs(): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const [index, size] of [0, 1, 7, 64, 1_000, 16_384, 131_072].entries()) {
    const bytes = randomBytes(1_000 + index, size);
    inputs.push({ name: `random/bytes-${size}.ts`, bytes, text: new TextDecoder('utf-8').decode(bytes), expect: EITHER });
    // The import makes both the CLI and the server run the full lint on the rest.
    const forced = Buffer.concat([Buffer.from("import { Pool } from 'pg';\n"), bytes]);
    inputs.push({ name: `random/forced-${size}.js`, bytes: forced, text: new TextDecoder('utf-8').decode(forced), expect: EITHER });
  }
  for (const [index, tokens] of [10, 100, 1_000, 5_000].entries()) {
    inputs.push(utf8(`random/soup-${tokens}.ts`, tokenSoup(2_000 + index, tokens), EITHER));
    inputs.push(utf8(`random/soup-${tokens}.tsx`, tokenSoup(3_000 + index, tokens), EITHER));
  }
  return inputs;
}

/** Real source files of the repository: the e2e workspace fixtures and the code of no-client-per-request's cases. */
export function realSources(): { name: string; text: string }[] {
  const fixtures = path.join(REPO_ROOT, 'test/e2e/fixtures/workspace/src');
  const sources = fs
    .readdirSync(fixtures)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => ({ name: `fixture-${path.basename(file, '.ts')}.ts`, text: fs.readFileSync(path.join(fixtures, file), 'utf8') }));
  // The rule tests' cases, compiled (rules/dist is built with the server): real-world handler code in every style.
  const cases = require(path.join(REPO_ROOT, 'rules/dist/tests/cases/no-client-per-request.js')) as {
    invalid: { code: string; filename?: string }[];
  };
  for (const [index, testCase] of cases.invalid.filter((_, position) => position % 12 === 0).slice(0, 4).entries()) {
    const extension = path.extname(testCase.filename ?? 'x.ts') || '.ts';
    sources.push({ name: `case-${index}${extension}`, text: testCase.code });
  }
  return sources;
}

/**
 * Each real file cut at `count` offsets spread over it, plus right after every `(` and quote of its first
 * constructions: the states of a file while it is being typed.
 */
function truncatedInputs(count: number): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const { name, text } of realSources()) {
    const offsets = new Set<number>();
    for (let step = 1; step < count; step++) offsets.add(Math.floor((text.length * step) / count));
    for (const needle of ['new ', "('", '({', '`']) {
      const at = text.indexOf(needle);
      if (at !== -1) offsets.add(at + needle.length);
    }
    const extension = path.extname(name);
    for (const offset of [...offsets].sort((a, b) => a - b)) {
      inputs.push(utf8(`truncated/${path.basename(name, extension)}-at-${offset}${extension}`, text.slice(0, offset), EITHER));
    }
  }
  // The whole cases file (138 kB of TypeScript full of nested template literals), cut at a few places.
  const big = fs.readFileSync(path.join(REPO_ROOT, 'rules/tests/cases/no-client-per-request.ts'), 'utf8');
  for (const fraction of [0.13, 0.5, 0.77]) {
    const offset = Math.floor(big.length * fraction);
    inputs.push(utf8(`truncated/cases-file-at-${offset}.ts`, `import { Pool } from 'pg';\n${big.slice(0, offset)}`, EITHER));
  }
  return inputs;
}

const PG = "import { Pool } from 'pg';\n";

function unterminatedInputs(): HostileInput[] {
  const bodies: Record<string, string> = {
    'single-quote': "const s = 'never closed\nnew Pool();\n",
    'double-quote': 'const s = "never closed',
    'string-backslash-at-eof': "const s = 'abc\\",
    template: 'const t = `never closed ${1}\nnew Pool();\n',
    'template-substitution': 'const t = `a ${ new Pool(',
    'nested-template': 'const t = `a ${ `b ${ `c ${',
    regex: 'const r = /never closed\nnew Pool();\n',
    'regex-class': 'const r = /[abc/;\n',
    'block-comment': '/* never closed\nnew Pool();\n',
    'jsdoc-comment': '/** @param {string\nexport function f() { return new Pool(',
    'call-arguments': "export const pool = new Pool({ max: 10, host: 'db'",
    'class-body': 'export class Db { pool = new Pool(',
    generic: 'export const pools: Array<Pool',
    'arrow-body': 'export const f = () => {',
    'import-braces': "import { Client from 'pg';\n",
  };
  const inputs = Object.entries(bodies).map(([name, body]) => utf8(`unterminated/${name}.ts`, `${PG}${body}`, PARSE_ERROR));
  inputs.push(utf8('unterminated/jsx-element.tsx', `${PG}export const x = <div><span>{new Pool()}</span>\n`, PARSE_ERROR));
  inputs.push(utf8('unterminated/jsx-attribute.jsx', `${PG}export const x = <div title="never closed>{1}</div>;\n`, PARSE_ERROR));
  return inputs;
}

export const DEEP = 3_000;

/** Nesting `depth` levels deep of each kind, with a per-request construction at the bottom when it parses. */
export function deepInputs(depth = DEEP, folder = 'deep'): HostileInput[] {
  const head = "import express from 'express';\nimport Redis from 'ioredis';\nconst app = express();\n";
  const kinds: Record<string, string> = {
    'parens.ts': `app.get('/', (req, res) => ${'('.repeat(depth)}new Redis()${')'.repeat(depth)});`,
    'arrays.ts': `app.get('/', (req, res) => ${'['.repeat(depth)}new Redis()${']'.repeat(depth)});`,
    'objects.ts': `app.get('/', (req, res) => (${'{ a: '.repeat(depth)}new Redis()${' }'.repeat(depth)}));`,
    'arrow-functions.ts': `app.get('/', (req, res) => ${'() => '.repeat(depth)}new Redis());`,
    'if-blocks.ts': `app.get('/', (req, res) => { ${'if (req) { '.repeat(depth)}new Redis(); ${'} '.repeat(depth)}});`,
    'jsx-elements.tsx': `app.get('/', (req, res) => ${'<div>'.repeat(depth)}{new Redis()}${'</div>'.repeat(depth)});`,
    'calls.js': `app.get('/', (req, res) => ${'f('.repeat(depth)}new Redis()${')'.repeat(depth)});`,
    'templates.js': `app.get('/', (req, res) => ${'`${'.repeat(depth)}new Redis()${'}`'.repeat(depth)});`,
    'binary.ts': `app.get('/', (req, res) => new Redis()${' + 1'.repeat(depth * 4)});`,
  };
  // Too deep for the parser (a "Parsing error: Maximum call stack size exceeded") or, with a larger stack, linted:
  // then the one construction is found. Never a crash, never a rule crash.
  return Object.entries(kinds).map(([name, body]) => utf8(`${folder}/${name}`, `${head}${body}\n`, { parse: 'either', rules: [PER_REQUEST_RULE] }));
}

/** A 60,000-line file with a finding on its 4th line and one on its last. */
export function hugeInput(lines = 60_000): HostileInput {
  const body = Array.from({ length: lines - 5 }, (_, index) => `const v${index} = ${index};`).join('\n');
  const text = `${PER_REQUEST_SOURCE}${body}\napp.get('/late', (req, res) => { const late = new Redis(); res.send('ok'); });\n`;
  return utf8('huge/sixty-thousand-lines.ts', text, {
    parse: 'ok',
    rules: [PER_REQUEST_RULE, PER_REQUEST_RULE],
    lines: [4, lines],
    needle: 'new Redis()',
  });
}

/** Exactly one per-request finding, on the line of `new Redis()`. */
function perRequestAt(text: string): Expectation {
  return { parse: 'ok', rules: [PER_REQUEST_RULE], lines: [eslintLineOf(text, 'new Redis()')], needle: 'new Redis()' };
}

function lineEndingInputs(): HostileInput[] {
  const lines = PER_REQUEST_SOURCE.trimEnd().split('\n');
  const bom = `\ufeff${PER_REQUEST_SOURCE}`;
  const crlf = PER_REQUEST_SOURCE.replace(/\n/gu, '\r\n');
  const endings = ['\r\n', '\r', '\n', '\r\n\r\n', '\n\r'];
  // U+2028 ends a line (and a line comment) for JavaScript and ESLint, not for LSP positions; it is also valid in
  // string literals and block comments.
  const mixed = `${lines.map((line, index) => `/* block\u2028comment */ // line ${index}\u2029${endings[index % endings.length] ?? '\n'}${line}`).join('\r')}\r\nexport const s = 'a\u2028b';\r`;
  const crOnly = PER_REQUEST_SOURCE.replace(/\n/gu, '\r');
  // The finding on line 1, after a BOM: ESLint does not count the BOM in its columns, the editor does.
  const bomOneLine = `\ufeff${lines.join(' ')}\n`;
  const inputs = [
    utf8('line-endings/bom.ts', bom, perRequestAt(bom)),
    utf8('line-endings/bom-one-line.ts', bomOneLine, perRequestAt(bomOneLine)),
    utf8('line-endings/bom-crlf.js', `\ufeff${crlf}`, perRequestAt(crlf)),
    utf8('line-endings/crlf.ts', crlf, perRequestAt(crlf)),
    utf8('line-endings/cr-only.ts', crOnly, perRequestAt(crOnly)),
    utf8('line-endings/mixed-with-u2028.ts', mixed, perRequestAt(mixed)),
    // A BOM that is not at the start is an ordinary (invalid) character there.
    utf8('line-endings/bom-in-the-middle.ts', `${PG}\ufeff\ufeffnew Pool(\ufeff);\n`, EITHER),
    utf8('line-endings/only-bom.ts', '\ufeff', { parse: 'ok', rules: [] }),
  ];
  return inputs;
}

function encodingInputs(): HostileInput[] {
  const inputs: HostileInput[] = [];
  // Latin-1 in a comment and a string: invalid UTF-8, decoded to U+FFFD, still code that parses.
  const latin1Text = `// café, naïve, Größe\n${PER_REQUEST_SOURCE.replace("res.send('ok')", "res.send('déjà vu')")}`;
  const latin1 = Buffer.from(latin1Text, 'latin1');
  const asUtf8 = new TextDecoder('utf-8').decode(latin1);
  inputs.push({ name: 'encoding/latin1.ts', bytes: latin1, text: asUtf8, expect: perRequestAt(asUtf8) });
  inputs.push({ name: 'encoding/latin1-as-editor-guessed.ts', bytes: latin1, text: latin1.toString('latin1'), expect: perRequestAt(asUtf8) });

  // Invalid sequences: lone continuation, overlong, truncated 4-byte, surrogate half (CESU), 0xFF.
  const invalid = [Buffer.from([0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe])];
  const [head = '', tail = ''] = PER_REQUEST_SOURCE.split("'ok'");
  const inString = Buffer.concat([Buffer.from('// '), ...invalid, Buffer.from(`\n${head}'`), ...invalid, Buffer.from(`'${tail}`)]);
  const inStringText = new TextDecoder('utf-8').decode(inString);
  inputs.push({ name: 'encoding/invalid-utf8-in-comment-and-string.ts', bytes: inString, text: inStringText, expect: perRequestAt(inStringText) });
  // In an identifier: U+FFFD is not an identifier character.
  const inCode = Buffer.concat([Buffer.from(`${PG}export const po`), Buffer.from([0xc3, 0x28]), Buffer.from('ol = new Pool();\n')]);
  inputs.push({ name: 'encoding/invalid-utf8-in-identifier.ts', bytes: inCode, text: new TextDecoder('utf-8').decode(inCode), expect: PARSE_ERROR });

  // UTF-16 with a BOM: read as UTF-8 it is NULs between the letters (no parse); an editor decodes it properly.
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PER_REQUEST_SOURCE, 'utf16le')]);
  const utf16be = Buffer.from(utf16le);
  utf16be.swap16();
  for (const [name, bytes] of [['utf16le-bom.ts', utf16le], ['utf16be-bom.js', utf16be]] as const) {
    inputs.push({ name: `encoding/${name}`, bytes, text: PER_REQUEST_SOURCE, expect: EITHER, expectText: perRequestAt(PER_REQUEST_SOURCE) });
  }
  // NULs and other control characters in the middle of valid code.
  const nul = `${PER_REQUEST_SOURCE}\u0000\u0001\u001b[31m\u0007`;
  inputs.push(utf8('encoding/nul-and-controls.ts', nul, { parse: 'either', rules: [PER_REQUEST_RULE] }));
  // Astral characters, combining marks and right-to-left overrides in strings, comments and identifiers.
  const exotic = `// 😀👩‍👩‍👧 ‮evil‬ é\nconst ẞ𝒳 = '𝟘😀';\n${PER_REQUEST_SOURCE}`;
  inputs.push(utf8('encoding/astral-and-bidi.ts', exotic, perRequestAt(exotic)));
  return inputs;
}

function dialectInputs(): HostileInput[] {
  const handlerJsx = `import express from 'express';
import Redis from 'ioredis';
import { renderToString } from 'react-dom/server';
const app = express();
app.get('/', (req, res) => {
  const redis = new Redis();
  res.send(renderToString(<main className="x"><h1>{req.query.name}</h1>{/* comment */}<br /></main>));
});
`;
  const handlerTsx = `import express, { type Request, type Response } from 'express';
import { Pool } from 'pg';
const app = express();
const id = <T,>(value: T): T => value;
app.get('/', async (req: Request, res: Response) => {
  const pool = new Pool({ max: 1, idleTimeoutMillis: 1000 });
  res.send(id(<section>{(await pool.query('select 1')).rowCount}</section>));
});
`;
  const flowParses = `// @flow
import express from 'express';
import Redis from 'ioredis';
const app = express();
app.get('/', (req: $Request, res: $Response): void => { const r = new Redis(); res.send('ok'); });
`;
  const flowExact = `/* @flow */
import { Pool } from 'pg';
type Row = {| id: number, name: ?string |};
const pool = new Pool();
export function get(id: number): Promise<Array<Row>> { return pool.query('x', [id]); }
`;
  const flowOpaque = `// @flow strict
import type { Pool as P } from 'pg';
import { Pool } from 'pg';
opaque type Id: string = string;
export function make(x: ?string, cb: (err: ?Error) => mixed): P { return new Pool(); }
declare export function f(): void;
`;
  const declarations = `import { Pool } from 'pg';
import type Redis from 'ioredis';
declare const pool: Pool;
export declare function make(options?: ConstructorParameters<typeof Pool>[0]): Pool;
declare module 'db' {
  export const shared: import('pg').Pool;
  export function redis(): Redis;
}
declare global { var __pool: Pool | undefined; }
export {};
`;
  const declarationsWithCode = `import { Pool } from 'pg';
export declare const pool: Pool;
export const other = new Pool();
export function f() { return new Pool(); }
`;
  return [
    utf8('dialects/handler.jsx', handlerJsx, perRequestAt(handlerJsx)),
    utf8('dialects/handler-jsx-in.js', handlerJsx, perRequestAt(handlerJsx)),
    utf8('dialects/handler.tsx', handlerTsx, { parse: 'ok', rules: [PER_REQUEST_RULE] }),
    // A `.ts` file with JSX: TypeScript reads `<section>` as a type assertion and fails.
    utf8('dialects/jsx-in.ts', handlerTsx, { parse: 'error' }),
    utf8('dialects/flow-parses.js', flowParses, { parse: 'either', rules: [PER_REQUEST_RULE] }),
    utf8('dialects/flow-exact-object.js', flowExact, { parse: 'error' }),
    utf8('dialects/flow-opaque.js', flowOpaque, EITHER),
    utf8('dialects/types.d.ts', declarations, { parse: 'ok', rules: [] }),
    utf8('dialects/implementation-in.d.ts', declarationsWithCode, EITHER),
  ];
}

/** Everything but the huge file (which the tests run on its own). */
export function hostileInputs(): HostileInput[] {
  return [
    ...randomInputs(),
    ...truncatedInputs(12),
    ...unterminatedInputs(),
    ...deepInputs(),
    // Deep, but within what the parser handles: the rules walk the deep tree and find the construction.
    ...deepInputs(250, 'nested-250'),
    ...lineEndingInputs(),
    ...encodingInputs(),
    ...dialectInputs(),
  ];
}

/** The LSP language id for a file name, as VS Code assigns it. */
export function languageIdOf(name: string): string {
  switch (path.extname(name)) {
    case '.tsx':
      return 'typescriptreact';
    case '.jsx':
      return 'javascriptreact';
    case '.js':
    case '.cjs':
    case '.mjs':
      return 'javascript';
    default:
      return 'typescript';
  }
}

/** Writes the inputs' bytes under `root`. */
export function writeInputs(root: string, inputs: readonly HostileInput[]): void {
  for (const input of inputs) {
    const file = path.join(root, input.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, input.bytes);
  }
}
