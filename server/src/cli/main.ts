/**
 * `poolguard [options] [paths...]`: the zero-config CLI. Returns the exit code instead of exiting, so the launcher
 * (`bin/poolguard.js`) sets `process.exitCode` and buffered output is flushed.
 */
import * as path from 'node:path';

import { rules } from '../engine';
import { parseCliArgs } from './args';
import { UsageError } from './errors';
import { selectFiles } from './files';
import { formatResults } from './formatters';
import { lintFiles } from './lint-files';
import { errorsOnly, exitCodeFor, tooManyWarnings, totals } from './report';
import { engineSettings } from './settings';
import { USAGE } from './usage';
import { POOLGUARD_VERSION } from './version';

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
function useColor(): boolean {
  return process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
}

function oneLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

async function run(argv: readonly string[]): Promise<number> {
  const options = parseCliArgs(argv);
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${POOLGUARD_VERSION}\n`);
    return 0;
  }

  const cwd = process.cwd();
  const selection = await selectFiles(options.paths, cwd);
  for (const directory of selection.ignoredDirectories) {
    process.stderr.write(`poolguard: warning: '${path.relative(cwd, directory) || '.'}' is ignored by .gitignore; nothing linted there\n`);
  }

  const allResults = await lintFiles(selection, { settings: engineSettings(options.rules, options.quiet), fix: options.fix }, options.concurrency);
  // One line per rewritten file (a result has `output` exactly then), on stderr so stdout stays the report alone.
  for (const result of allResults) {
    if (result.output !== undefined) process.stderr.write(`poolguard: fixed ${path.relative(cwd, result.filePath)}\n`);
  }
  const results = options.quiet ? errorsOnly(allResults) : allResults;
  const sum = totals(results);

  process.stdout.write(
    formatResults(options.format, results, {
      cwd,
      lintedFileCount: selection.files.length,
      color: useColor(),
      rules,
      version: POOLGUARD_VERSION,
    }),
  );
  if (options.format !== 'text') process.stdout.write('\n');
  // On stderr, so `--format json|sarif` output on stdout stays parseable (ESLint does the same).
  if (tooManyWarnings(sum, options.maxWarnings)) {
    process.stderr.write(`PoolGuard found too many warnings (maximum: ${options.maxWarnings}).\n`);
  }
  return exitCodeFor(sum, options.maxWarnings);
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`poolguard: ${error.message}\n`);
    } else {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`poolguard: internal error: ${oneLine(reason)}\n`);
    }
    return 2;
  }
}
