/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning services. Rule findings become `results`; messages without a
 * rule (parse errors, unreadable or ignored files) and rule crashes become tool execution notifications, the
 * place SARIF reserves for "the tool could not analyse this", so they do not show up as code-scanning alerts.
 * Each result carries a `partialFingerprints` entry that does not depend on line numbers, so code-scanning services
 * match an alert across runs after lines are inserted or removed above it.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';

import type { CliMessage, CliResult, FormatContext } from '../types';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/poolguard/poolguard';
/** Relative artifact URIs resolve against this base, which `originalUriBaseIds` maps to the cwd. */
const SRCROOT = '%SRCROOT%';
/** SARIF §3.27.17: a fingerprint property name carries a version, bumped whenever the computation changes. */
const FINGERPRINT_KEY = 'poolguardLineHash/v1';

function level(message: CliMessage): 'error' | 'warning' {
  return message.fatal === true || message.severity === 2 ? 'error' : 'warning';
}

/** Relative (and percent-encoded, as a URI reference must be) when inside `cwd`, else an absolute `file://` URI. */
function artifactLocation(filePath: string, cwd: string): Sarif.ArtifactLocation {
  const relative = path.relative(cwd, filePath);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(filePath).href };
}

/** SARIF lines and columns are 1-based like ESLint's, and both treat the end column as exclusive. */
function region(message: CliMessage): Sarif.Region | undefined {
  if (message.line === undefined || message.line < 1) return undefined;
  const result: Sarif.Region = { startLine: message.line };
  if (message.column !== undefined && message.column >= 1) result.startColumn = message.column;
  if (message.endLine !== undefined) result.endLine = message.endLine;
  if (message.endColumn !== undefined) result.endColumn = message.endColumn;
  return result;
}

function location(filePath: string, message: CliMessage, cwd: string): Sarif.Location {
  const messageRegion = region(message);
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(filePath, cwd),
      ...(messageRegion === undefined ? {} : { region: messageRegion }),
    },
  };
}

/**
 * A line's text with indentation and runs of whitespace normalised, so re-indenting or reformatting spaces (a
 * wrapping block added around it) keeps the fingerprint, while any change to the code itself gives a new one.
 */
function normalisedLine(source: string | undefined, line: number | undefined): string {
  if (source === undefined || line === undefined || line < 1) return '';
  return (source.split(/\r\n|[\r\n\u2028\u2029]/)[line - 1] ?? '').trim().replace(/\s+/g, ' ');
}

/**
 * Like GitHub's `primaryLocationLineHash`: a hash of what the finding is (rule), where (the artifact URI, stable across
 * machines because it is relative to the cwd) and the text of its line, but not the line number; `:<n>` counts the
 * earlier results of the same file with the same hash, so two identical lines stay distinct.
 */
class Fingerprints {
  private readonly seen = new Map<string, number>();

  next(ruleId: string, uri: string, lineText: string): string {
    const hash = createHash('sha256').update(JSON.stringify([ruleId, uri, lineText])).digest('hex').slice(0, 32);
    const occurrence = this.seen.get(hash) ?? 0;
    this.seen.set(hash, occurrence + 1);
    return `${hash}:${occurrence}`;
  }
}

function withTrailingSeparator(directory: string): string {
  return directory.endsWith(path.sep) ? directory : directory + path.sep;
}

export function formatSarif(results: readonly CliResult[], context: FormatContext): string {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const rules: Sarif.ReportingDescriptor[] = context.rules.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.description },
    ...(rule.url === undefined ? {} : { helpUri: rule.url }),
    defaultConfiguration: { level: rule.recommended === 'warn' ? 'warning' : rule.recommended === 'off' ? 'none' : 'error' },
  }));

  const sarifResults: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  let ruleCrashed = false;

  for (const result of results) {
    // Positions refer to the fixed text after `--fix`, else to the file as read.
    const text = result.output ?? result.source;
    const fingerprints = new Fingerprints();
    for (const message of result.messages) {
      const index = message.ruleId === null ? undefined : ruleIndex.get(message.ruleId);
      if (index !== undefined && message.ruleId !== null && message.fatal !== true) {
        const resultLocation = location(result.filePath, message, context.cwd);
        const uri = resultLocation.physicalLocation?.artifactLocation?.uri ?? result.filePath;
        sarifResults.push({
          ruleId: message.ruleId,
          ruleIndex: index,
          level: level(message),
          message: { text: message.message },
          locations: [resultLocation],
          partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.next(message.ruleId, uri, normalisedLine(text, message.line)) },
        });
        continue;
      }
      // A fatal message with a rule id is a rule that crashed: the analysis of that file is incomplete.
      if (index !== undefined) ruleCrashed = true;
      notifications.push({
        level: level(message),
        message: { text: message.message },
        locations: [location(result.filePath, message, context.cwd)],
        ...(index === undefined || message.ruleId === null ? {} : { associatedRule: { id: message.ruleId, index } }),
      });
    }
  }

  const log: Sarif.Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'PoolGuard', informationUri: INFORMATION_URI, version: context.version, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(withTrailingSeparator(context.cwd)).href } },
        invocations: [{ executionSuccessful: !ruleCrashed, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
