/**
 * Parity (spec §5): the CLI and the ESLint plugin under ESLint's own `ESLint` class report the same findings on the
 * same files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import plugin = require('eslint-plugin-poolguard');

const repositoryRoot = path.resolve(__dirname, '../..');
const fixtures = path.join(repositoryRoot, 'test/fixtures/parity');

interface Finding {
  file: string;
  ruleId: string | null;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

function findings(results: { filePath: string; messages: Omit<Finding, 'file'>[] }[]): Finding[] {
  return results
    .flatMap((result) =>
      result.messages.map((message) => ({
        file: path.relative(fixtures, result.filePath),
        ruleId: message.ruleId,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
      })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

describe('parity: CLI and ESLint plugin', () => {
  it('report the same findings on the same files', async () => {
    const eslint = new ESLint({
      cwd: fixtures,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'], languageOptions: { parser } },
        plugin.configs.recommended as unknown as Linter.Config,
      ],
    });
    const viaEslint = findings(await eslint.lintFiles(['.']));

    const cli = spawnSync(process.execPath, [path.join(repositoryRoot, 'server/bin/poolguard.js'), '--format', 'json', '.'], {
      cwd: fixtures,
      encoding: 'utf8',
    });
    assert.equal(cli.status, 1, cli.stderr);
    const viaCli = findings(JSON.parse(cli.stdout) as { filePath: string; messages: Omit<Finding, 'file'>[] }[]);

    assert.deepEqual(viaCli, viaEslint);
    assert.deepEqual(
      viaCli.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`).sort((a, b) => a.localeCompare(b)),
      [
        'src/app.ts:5:14 poolguard/require-pool-limit',
        'src/app.ts:5:14 poolguard/require-idle-timeout',
        'src/app.ts:9:17 poolguard/no-client-per-request',
        'src/handler.js:4:12 poolguard/require-idle-timeout',
        'src/handler.js:7:14 poolguard/no-client-per-request',
      ].sort((a, b) => a.localeCompare(b)),
    );
  });
});
