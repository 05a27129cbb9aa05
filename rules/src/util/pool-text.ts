/** Message fragments shared by the pool-option rules; every word that names a library comes from the knowledge base. */
import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { Construction, OptionPath } from '../knowledge/types';
import type { ConstructionMatch } from './match-construction';
import type { OptionAssignment } from './fix/insert-option';
import { connectionStringText, objectLiteralOf } from './static-options';

/** `pg new Pool()`: the library as users know it and the call as they wrote it. */
export function subjectOf(construction: Construction): string {
  return `${construction.library} ${construction.display}`;
}

export function optionText(path: OptionPath): string {
  return path.join('.');
}

export function valueText(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** `maxIdle: 9, idleTimeout: 60000` */
export function assignmentsText(assignments: readonly OptionAssignment[]): string {
  return assignments.map((assignment) => `${optionText(assignment.path)}: ${valueText(assignment.value)}`).join(', ');
}

/** `10 connections`, `1 resource`. */
export function countText(count: number, unit: string): string {
  return count === 1 ? `1 ${unit.replace(/^(\w+?)s\b/, '$1')}` : `${count} ${unit}`;
}

/**
 * Whether the call passes a connection string that cannot be read statically (`process.env.MONGO_URL`, a parameter).
 * Such a string is assumed not to carry pool options (spec §3.3), and the message says how to silence the finding.
 */
export function hasOpaqueConnectionString(sourceCode: Readonly<TSESLint.SourceCode>, match: ConstructionMatch): boolean {
  const layout = match.construction.args;
  if (!layout?.uriParamsAreOptions || layout.uri === undefined) return false;
  const argument = match.node.arguments[layout.uri];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return false;
  // mysql2 takes either a connection string or an options object in the same slot.
  if (objectLiteralOf(sourceCode, argument)) return false;
  return connectionStringText(sourceCode, argument) === null;
}

/** The sentence appended to a message when the connection string is opaque. */
export function opaqueConnectionStringNote(options: readonly OptionPath[], ruleId: string): string {
  const names = options.map(optionText).join(' / ');
  return (
    ` The connection string is not a literal, so it is assumed not to set ${names}; if it does, ` +
    `move ${names} into the options object or add // eslint-disable-next-line poolguard/${ruleId}.`
  );
}
