/**
 * The lint corpus, built reproducibly under bench/.work/lint/:
 *
 *   npm/                      scratch package.json + node_modules of the pinned packages (installed here, never in
 *                             the repository root)
 *   corpus/ (corpus-quick/)   what both tools lint:
 *     .git/                   an empty marker directory, see below
 *     packages/<pkg>/…        the selected source files of each package, copied
 *     app/…                   the generated application files (generate.ts)
 *     large/…                 the two 5,000-line files
 *   corpus.manifest.json      the file list with sizes, lines and driver flags; the corpus is rebuilt when its spec
 *                             (packages, filters, generator version, size) changes
 *
 * Both tools must see exactly the same files:
 * - `node_modules` is skipped by both, and `dist`, `build`, `out`, `coverage` by the CLI: such path segments are
 *   renamed on copy (`dist` → `dist_`), and so are dot-segments (`.bin` → `_dot_bin`).
 * - The CLI honours `.gitignore` files from the enclosing repository root down, and bench/.work is gitignored in this
 *   repository: the empty `.git/` directory makes the corpus its own "repository root" for the CLI (git itself never
 *   looks inside a gitignored directory). Only lintable files are copied, so no `.gitignore` ends up in the corpus.
 * - Declaration files (`.d.ts`, `.d.mts`, `.d.cts`) are excluded: they are generated from the sources that are
 *   already in the corpus, never contain a construction and are usually not what a project lints. Also excluded:
 *   files over 256 KB and minified files (`.min.*`, or an average line length over 300 characters).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mayContainConstruction } from 'eslint-plugin-poolguard/prefilter';

import { generateAppFiles, generateLargeFile, GENERATOR_SEED, GENERATOR_VERSION } from './generate';
import { lintDirectory } from './paths';

export interface PackageSpec {
  readonly name: string;
  readonly version: string;
  /** Paths inside the package to take (files or directories); `.` for the whole package. */
  readonly include: readonly string[];
  /** Path prefixes inside the package to leave out. */
  readonly exclude?: readonly string[];
  /** Why this package: shown in the report. */
  readonly note: string;
}

/** Pinned: the corpus must be the same on every run. Installed with --legacy-peer-deps (peers are never run). */
export const PACKAGES: readonly PackageSpec[] = [
  { name: 'pg', version: '8.23.1', include: ['lib', 'esm'], note: 'PostgreSQL driver' },
  { name: 'pg-pool', version: '3.14.0', include: ['index.js', 'esm'], note: 'the pg pool' },
  { name: 'knex', version: '3.3.0', include: ['lib', 'bin', 'knex.js', 'knex.mjs'], note: 'query builder, tarn pools' },
  { name: 'sequelize', version: '6.37.8', include: ['lib', 'index.js'], note: 'ORM, pools' },
  { name: 'typeorm', version: '1.1.1', include: ['.'], exclude: ['browser'], note: 'ORM, large (CommonJS build; the browser copy left out)' },
  { name: 'mongoose', version: '9.12.1', include: ['lib', 'index.js'], note: 'MongoDB ODM' },
  { name: 'ioredis', version: '6.0.0', include: ['built'], note: 'Redis client (compiled TS)' },
  { name: 'bullmq', version: '6.7.0', include: ['dist/cjs'], note: 'queues on ioredis (CommonJS build; the ESM copy left out)' },
  { name: 'express', version: '5.3.0', include: ['lib', 'index.js'], note: 'web framework' },
  { name: 'fastify', version: '5.12.8', include: ['.'], note: 'web framework, with its test suite' },
  { name: 'mysql2', version: '3.24.6', include: ['lib', 'index.js', 'promise.js'], note: 'MySQL driver' },
  { name: 'undici', version: '8.13.1', include: ['lib', 'index.js', 'index-fetch.js'], note: 'HTTP client, pools' },
  { name: 'webpack', version: '5.112.2', include: ['lib', 'hot', 'bin'], note: 'large plain-JS code base' },
  { name: 'rxjs', version: '7.8.2', include: ['src'], note: 'TypeScript sources' },
  { name: 'lodash-es', version: '4.18.1', include: ['.'], note: 'many small ES modules' },
  { name: '@redis/client', version: '6.3.1', include: ['dist'], note: 'node-redis client (compiled TS)' },
];

export const MAX_FILE_BYTES = 256 * 1024;
export const MAX_AVERAGE_LINE_LENGTH = 300;
export const APP_FILES = { full: 1500, quick: 200 } as const;
/** `--quick` takes every QUICK_STRIDE-th selected file of each package. */
export const QUICK_STRIDE = 8;

const LINTABLE = new Set(['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx']);
const DECLARATION = /\.d\.(?:ts|mts|cts)$/;
const RENAMED_SEGMENTS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);

export type CorpusSource = 'package' | 'app' | 'large';

export interface CorpusFile {
  /** Relative to the corpus directory, `/`-separated. */
  readonly path: string;
  readonly source: CorpusSource;
  /** The npm package, for package files. */
  readonly origin?: string;
  readonly bytes: number;
  readonly lines: number;
  /** The prefilter's verdict: the text names a catalogue module (a driver import) and may contain a construction. */
  readonly driver: boolean;
}

export interface PackageSelection {
  readonly name: string;
  readonly version: string;
  readonly note: string;
  readonly files: number;
  readonly bytes: number;
  readonly excluded: { declarations: number; tooLarge: number; minified: number; skippedByStride: number };
}

export interface Corpus {
  readonly directory: string;
  readonly quick: boolean;
  readonly specKey: string;
  readonly files: readonly CorpusFile[];
  readonly packages: readonly PackageSelection[];
  readonly largeWithDrivers: string;
  readonly largeWithoutDrivers: string;
  /** Seconds spent building (0 when reused). */
  readonly buildSeconds: number;
  readonly reused: boolean;
}

interface Manifest {
  readonly specKey: string;
  readonly files: CorpusFile[];
  readonly packages: PackageSelection[];
}

const npmDirectory = path.join(lintDirectory, 'npm');

function specKeyOf(quick: boolean): string {
  const spec = {
    PACKAGES,
    MAX_FILE_BYTES,
    MAX_AVERAGE_LINE_LENGTH,
    appFiles: quick ? APP_FILES.quick : APP_FILES.full,
    stride: quick ? QUICK_STRIDE : 1,
    GENERATOR_VERSION,
    GENERATOR_SEED,
    layout: 2,
  };
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
}

function packageDirectory(name: string): string {
  return path.join(npmDirectory, 'node_modules', ...name.split('/'));
}

function installedVersion(name: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageDirectory(name), 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Installs the pinned packages into bench/.work/lint/npm (skipped when they are all there already). */
export function installPackages(log: (line: string) => void): void {
  if (PACKAGES.every((spec) => installedVersion(spec.name) === spec.version)) return;
  fs.mkdirSync(npmDirectory, { recursive: true });
  fs.writeFileSync(
    path.join(npmDirectory, 'package.json'),
    `${JSON.stringify({ name: 'poolguard-bench-lint-corpus', version: '0.0.0', private: true, description: 'Scratch project of the lint benchmark: the corpus packages (never run).' }, null, 2)}\n`,
  );
  const specs = PACKAGES.map((spec) => `${spec.name}@${spec.version}`);
  log(`installing ${specs.length} pinned packages into ${path.relative(process.cwd(), npmDirectory)} …`);
  const result = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--save-exact', '--no-package-lock', '--prefix', npmDirectory, ...specs],
    { cwd: npmDirectory, stdio: ['ignore', 'inherit', 'inherit'], encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`npm install failed (exit ${result.status ?? result.signal})`);
  const wrong = PACKAGES.filter((spec) => installedVersion(spec.name) !== spec.version);
  if (wrong.length > 0) throw new Error(`npm installed unexpected versions: ${wrong.map((spec) => `${spec.name}@${installedVersion(spec.name) ?? 'missing'}`).join(', ')}`);
}

/** Every file under `root` (a file or directory), sorted, skipping nested node_modules. */
function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  if (fs.statSync(root).isFile()) return [root];
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (entry.isFile()) {
        files.push(full);
      }
    }
  };
  walk(root);
  return files;
}

function mapSegment(segment: string): string {
  if (RENAMED_SEGMENTS.has(segment)) return `${segment}_`;
  if (segment.startsWith('.')) return `_dot_${segment.slice(1)}`;
  return segment;
}

function lineCount(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function isMinified(filePath: string, text: string): boolean {
  if (/\.min\.[cm]?[jt]sx?$/.test(filePath)) return true;
  const lines = Math.max(1, lineCount(text));
  return text.length / lines > MAX_AVERAGE_LINE_LENGTH;
}

function writeCorpusFile(corpusDirectory: string, relative: string, text: string): void {
  const target = path.join(corpusDirectory, ...relative.split('/'));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}

function describe(relative: string, source: CorpusSource, text: string, origin?: string): CorpusFile {
  return {
    path: relative,
    source,
    ...(origin === undefined ? {} : { origin }),
    bytes: Buffer.byteLength(text),
    lines: lineCount(text),
    driver: mayContainConstruction(text),
  };
}

function build(corpusDirectory: string, quick: boolean, log: (line: string) => void): Manifest {
  installPackages(log);
  fs.rmSync(corpusDirectory, { recursive: true, force: true });
  fs.mkdirSync(path.join(corpusDirectory, '.git'), { recursive: true });
  const files: CorpusFile[] = [];
  const packages: PackageSelection[] = [];

  for (const spec of PACKAGES) {
    const root = packageDirectory(spec.name);
    const excluded = { declarations: 0, tooLarge: 0, minified: 0, skippedByStride: 0 };
    const candidates: { relative: string; text: string }[] = [];
    const seen = new Set<string>();
    for (const include of spec.include) {
      for (const file of listFiles(path.join(root, include))) {
        const relative = path.relative(root, file).split(path.sep).join('/');
        if (seen.has(relative)) continue;
        seen.add(relative);
        if (!LINTABLE.has(path.extname(file))) continue;
        if ((spec.exclude ?? []).some((prefix) => relative === prefix || relative.startsWith(`${prefix}/`))) continue;
        if (DECLARATION.test(file)) {
          excluded.declarations++;
          continue;
        }
        if (fs.statSync(file).size > MAX_FILE_BYTES) {
          excluded.tooLarge++;
          continue;
        }
        const text = fs.readFileSync(file, 'utf8');
        if (isMinified(file, text)) {
          excluded.minified++;
          continue;
        }
        candidates.push({ relative, text });
      }
    }
    candidates.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
    const chosen = quick ? candidates.filter((_, index) => index % QUICK_STRIDE === 0) : candidates;
    excluded.skippedByStride = candidates.length - chosen.length;
    const folder = spec.name.replace(/^@/, '').replace(/\//g, '__');
    let bytes = 0;
    for (const { relative, text } of chosen) {
      const target = `packages/${folder}/${relative.split('/').map(mapSegment).join('/')}`;
      writeCorpusFile(corpusDirectory, target, text);
      const described = describe(target, 'package', text, spec.name);
      bytes += described.bytes;
      files.push(described);
    }
    packages.push({ name: spec.name, version: spec.version, note: spec.note, files: chosen.length, bytes, excluded });
  }

  for (const generated of generateAppFiles(quick ? APP_FILES.quick : APP_FILES.full)) {
    const target = `app/${generated.path}`;
    writeCorpusFile(corpusDirectory, target, generated.text);
    files.push(describe(target, 'app', generated.text));
  }
  for (const [name, withDrivers] of [
    ['large/server-with-drivers.ts', true],
    ['large/server-without-drivers.ts', false],
  ] as const) {
    const text = generateLargeFile(withDrivers);
    writeCorpusFile(corpusDirectory, name, text);
    files.push(describe(name, 'large', text));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { specKey: specKeyOf(quick), files, packages };
}

/** The corpus for this run: reused when its manifest matches the spec and every file is in place, else rebuilt. */
export function prepareCorpus(quick: boolean, log: (line: string) => void): Corpus {
  const name = quick ? 'corpus-quick' : 'corpus';
  const directory = path.join(lintDirectory, name);
  const manifestPath = path.join(lintDirectory, `${name}.manifest.json`);
  const specKey = specKeyOf(quick);
  const started = performance.now();
  let manifest: Manifest | undefined;
  try {
    const existing = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
    if (existing.specKey === specKey && existing.files.every((file) => fs.existsSync(path.join(directory, ...file.path.split('/'))))) manifest = existing;
  } catch {
    manifest = undefined;
  }
  const reused = manifest !== undefined;
  if (manifest === undefined) {
    log(`building the ${quick ? 'quick ' : ''}corpus in ${path.relative(process.cwd(), directory)} …`);
    manifest = build(directory, quick, log);
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  }
  return {
    directory,
    quick,
    specKey,
    files: manifest.files,
    packages: manifest.packages,
    largeWithDrivers: path.join(directory, 'large', 'server-with-drivers.ts'),
    largeWithoutDrivers: path.join(directory, 'large', 'server-without-drivers.ts'),
    buildSeconds: reused ? 0 : (performance.now() - started) / 1000,
    reused,
  };
}

export function absolutePath(corpus: Corpus, file: CorpusFile): string {
  return path.join(corpus.directory, ...file.path.split('/'));
}

export interface CorpusStats {
  files: number;
  bytes: number;
  lines: number;
  driverFiles: number;
  bySource: Record<CorpusSource, { files: number; bytes: number; lines: number; driverFiles: number }>;
  byExtension: Record<string, number>;
}

export function corpusStats(files: readonly CorpusFile[]): CorpusStats {
  const empty = () => ({ files: 0, bytes: 0, lines: 0, driverFiles: 0 });
  const stats: CorpusStats = { files: 0, bytes: 0, lines: 0, driverFiles: 0, bySource: { package: empty(), app: empty(), large: empty() }, byExtension: {} };
  for (const file of files) {
    for (const bucket of [stats, stats.bySource[file.source]]) {
      bucket.files++;
      bucket.bytes += file.bytes;
      bucket.lines += file.lines;
      if (file.driver) bucket.driverFiles++;
    }
    const extension = path.extname(file.path);
    stats.byExtension[extension] = (stats.byExtension[extension] ?? 0) + 1;
  }
  return stats;
}
