/**
 * The parse floor: `ts.createSourceFile` over the same texts, in this process, with every file read beforehand.
 * It is what any linter built on the TypeScript parser must at least spend. Called with the plain arguments
 * (`ScriptTarget.Latest`, `setParentNodes` false, the ScriptKind of the extension); typescript-estree's own call
 * also sets parent pointers, so the floor is a strict lower bound for ESLint and PoolGuard alike.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

import { repositoryRoot } from '../common/paths';

/** The engine's own choice of ScriptKind per extension (loaded by path: bench/dist/ cannot reach server/src/). */
type SyntaxGate = typeof import('../../server/src/engine/syntax-gate');
export const { scriptKindOf } = require(path.join(repositoryRoot, 'server', 'dist', 'src', 'engine', 'syntax-gate')) as SyntaxGate;

export interface ParseInput {
  readonly fileName: string;
  readonly text: string;
}

/** One parse; returns the node count so the work cannot be optimised away. */
export function parseOnce(input: ParseInput): number {
  const sourceFile = ts.createSourceFile(input.fileName, input.text, ts.ScriptTarget.Latest, false, scriptKindOf(input.fileName));
  return sourceFile.statements.length + sourceFile.endOfFileToken.pos;
}

/** Parses every input once: wall and CPU milliseconds (this process's CPU time, user + system). */
export function parseRound(inputs: readonly ParseInput[]): { wallMs: number; cpuMs: number } {
  let sink = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const input of inputs) sink += parseOnce(input);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (sink < 0) throw new Error('unreachable');
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Milliseconds of one parse of one text. */
export function timeParse(input: ParseInput): number {
  const started = performance.now();
  const sink = parseOnce(input);
  const elapsed = performance.now() - started;
  if (sink < 0) throw new Error('unreachable');
  return elapsed;
}

export const typescriptVersion = ts.version;
