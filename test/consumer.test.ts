/**
 * The ESLint plugin as a user installs it: `npm pack -w rules` gives the tarball npm would publish; a fresh project
 * outside the repository installs it next to ESLint (10, then 9) and `@typescript-eslint/parser` from the registry,
 * uses `poolguard.configs.recommended` in an `eslint.config.mjs`, and `npx eslint --format json` must report the same
 * findings (rule, line, column, end) as the CLI on the same files: test/fixtures/parity/src.
 *
 * Both installs run in parallel; with a warm npm cache they take 5–20 s, on a cold cache up to a minute.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repositoryRoot = path.resolve(__dirname, '../..');
const fixtures = path.join(repositoryRoot, 'test/fixtures/parity/src');
const rulesManifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'rules/package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};
/** The parser version the repository itself is tested with. */
const PARSER_VERSION = rulesManifest.devDependencies['@typescript-eslint/parser'] ?? '^8';
const ESLINT_MAJORS = [10, 9] as const;

const ESLINT_CONFIG = `// Written by test/consumer.test.ts: the setup rules/README.md documents.
import tsParser from '@typescript-eslint/parser';
import poolguard from 'eslint-plugin-poolguard';

export default [
  { files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'], languageOptions: { parser: tsParser } },
  poolguard.configs.recommended,
];
`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The child must behave like a user's shell, not like a script of this repository's `npm test`: npm's lifecycle
 * variables (the repository's prefix, package fields) would otherwise leak into the temp project's npm and ESLint.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_|^npm_config_(local_)?prefix$|^INIT_CWD$/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function run(command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: userEnv(), timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ status: null, stdout, stderr: `${stderr}\n${error.message}` }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function describeRun(what: string, result: Run): string {
  return `${what} exited ${result.status}\n--- stdout ---\n${result.stdout.slice(-4000)}\n--- stderr ---\n${result.stderr.slice(-4000)}`;
}

interface Finding {
  file: string;
  ruleId: string | null;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** ESLint's json formatter shape, also the CLI's `--format json`. */
type JsonResults = { filePath: string; messages: Omit<Finding, 'file'>[] }[];

function findings(results: JsonResults, base: string): Finding[] {
  return results
    .flatMap((result) =>
      result.messages.map((message) => ({
        file: path.relative(base, result.filePath).split(path.sep).join('/'),
        ruleId: message.ruleId,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
      })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId)));
}

describe('consumer: eslint-plugin-poolguard installed from its npm tarball', function () {
  // Two registry installs in parallel plus two ESLint runs.
  this.timeout(240_000);

  let workDir: string;
  let tarball: string;
  let packedFiles: string[];
  let cliFindings: Finding[];
  const projects = new Map<number, { dir: string; install: Run }>();

  before(async function () {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-consumer-'));

    const pack = spawnSync('npm', ['pack', '-w', 'rules', '--json', '--pack-destination', workDir], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      env: userEnv(),
      timeout: 60_000,
    });
    assert.equal(pack.status, 0, describeRun('npm pack -w rules', { status: pack.status, stdout: pack.stdout, stderr: pack.stderr }));
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(packed, pack.stdout);
    tarball = path.join(workDir, packed.filename);
    packedFiles = packed.files.map((file) => file.path).sort();

    // The CLI's findings on the same files, laid out as in the consumer project (`src/…`).
    const cli = spawnSync(process.execPath, [path.join(repositoryRoot, 'server/bin/poolguard.js'), '--format', 'json', fixtures], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    });
    assert.equal(cli.status, 1, describeRun('poolguard --format json', { status: cli.status, stdout: cli.stdout, stderr: cli.stderr }));
    cliFindings = findings(JSON.parse(cli.stdout) as JsonResults, path.dirname(fixtures));

    await Promise.all(
      ESLINT_MAJORS.map(async (major) => {
        const dir = path.join(workDir, `eslint${major}`);
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `consumer-eslint${major}`, private: true, type: 'module' }, null, 2));
        fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), ESLINT_CONFIG);
        fs.cpSync(fixtures, path.join(dir, 'src'), { recursive: true });
        const install = await run(
          'npm',
          [
            'install',
            '--save-dev',
            '--prefer-offline',
            '--no-audit',
            '--no-fund',
            '--ignore-scripts',
            `eslint@^${major}`,
            `@typescript-eslint/parser@${PARSER_VERSION}`,
            tarball,
          ],
          dir,
          180_000,
        );
        projects.set(major, { dir, install });
      }),
    );
  });

  after(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('the tarball ships compiled JS, .d.ts, docs, README and package.json; no tests, sources or source maps', () => {
    for (const required of ['package.json', 'README.md', 'dist/src/index.js', 'dist/src/index.d.ts', 'docs/no-client-per-request.md']) {
      assert.ok(packedFiles.includes(required), `${required} missing from ${path.basename(tarball)}: ${packedFiles.join(', ')}`);
    }
    const unexpected = packedFiles.filter(
      (file) => !/^(package\.json|README\.md|LICENSE(\.md)?|docs\/[a-z-]+\.md|dist\/src\/.+\.(js|d\.ts))$/.test(file),
    );
    assert.deepEqual(unexpected, [], 'only the plugin, its types and its docs are published');
    // Every `exports` target resolves to a shipped file.
    const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'rules/package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        assert.ok(packedFiles.includes(file.replace(/^\.\//, '')), `exports["${subpath}"] → ${file} is not in the tarball`);
      }
    }
  });

  for (const major of ESLINT_MAJORS) {
    describe(`ESLint ${major}`, () => {
      function project(): { dir: string } {
        const entry = projects.get(major);
        assert.ok(entry, 'the project was not created');
        assert.equal(entry.install.status, 0, describeRun(`npm install (ESLint ${major})`, entry.install));
        return entry;
      }

      it('installs ESLint of that major version next to the plugin', () => {
        const { dir } = project();
        const eslintManifest = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/eslint/package.json'), 'utf8')) as { version: string };
        assert.equal(eslintManifest.version.split('.')[0], String(major));
      });

      it('exposes meta.name, meta.version and the flat configs, from ESM and CommonJS', async () => {
        const { dir } = project();
        const script = [
          "import plugin from 'eslint-plugin-poolguard';",
          "import { createRequire } from 'node:module';",
          'const required = createRequire(import.meta.url)("eslint-plugin-poolguard");',
          'console.log(JSON.stringify({ meta: plugin.meta, same: plugin === required, configs: Object.keys(plugin.configs),',
          '  recommended: plugin.configs.recommended.rules, pluginInConfig: plugin.configs.strict.plugins.poolguard === plugin }));',
        ].join('\n');
        const result = await run(process.execPath, ['--input-type=module', '-e', script], dir, 30_000);
        assert.equal(result.status, 0, describeRun('node -e import', result));
        const loaded = JSON.parse(result.stdout) as { meta: unknown; same: boolean; configs: string[]; recommended: Record<string, unknown>; pluginInConfig: boolean };
        assert.deepEqual(loaded.meta, { name: rulesManifest.name, version: rulesManifest.version, namespace: 'poolguard' });
        assert.equal(loaded.same, true);
        assert.deepEqual(loaded.configs, ['recommended', 'strict']);
        assert.equal(loaded.pluginInConfig, true);
        assert.ok(Object.keys(loaded.recommended).length > 0);
      });

      it('npx eslint --format json reports the same findings as the CLI on test/fixtures/parity', async () => {
        const { dir } = project();
        const eslint = await run('npx', ['--no-install', 'eslint', '--format', 'json', 'src'], dir, 60_000);
        // 1: lint errors were found; anything else (2: config or plugin failure) is a broken install.
        assert.equal(eslint.status, 1, describeRun(`npx eslint (ESLint ${major})`, eslint));
        const viaEslint = findings(JSON.parse(eslint.stdout) as JsonResults, dir);
        assert.ok(viaEslint.length > 0, 'the fixtures have findings');
        assert.deepEqual(viaEslint, cliFindings);
      });
    });
  }
});
