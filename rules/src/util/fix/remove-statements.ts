/**
 * Removal of close statements (`await pool.end();`), shared by the hoist fix of `no-client-per-request` and the
 * suggestion of `no-shared-pool-close-in-handler`. A `finally` the removal would leave empty goes too.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { indentationOf, reindent, removeStatement } from './statement-edits';

type Source = Readonly<TSESLint.SourceCode>;

/**
 * Removes the per-request closes. A `finally` left empty goes too: with a `catch` only the `finally { … }` part,
 * without one the `try` is unwrapped (when no other edit touches its block, so edits never overlap), or, when its
 * block declares names or is edited too, turned into a plain block.
 */
export function closeRemovals(
  fixer: TSESLint.RuleFixer,
  sourceCode: Source,
  closes: readonly TSESTree.ExpressionStatement[],
  otherEdits: readonly TSESLint.RuleFix[],
): TSESLint.RuleFix[] {
  const fixes: TSESLint.RuleFix[] = [];
  const handledFinalizers = new Set<TSESTree.BlockStatement>();
  for (const statement of closes) {
    const block = statement.parent;
    const tryStatement = block?.parent;
    if (
      block?.type === AST_NODE_TYPES.BlockStatement &&
      tryStatement?.type === AST_NODE_TYPES.TryStatement &&
      tryStatement.finalizer === block &&
      block.body.every((item) => closes.includes(item as TSESTree.ExpressionStatement))
    ) {
      if (handledFinalizers.has(block)) continue;
      if (tryStatement.handler) {
        handledFinalizers.add(block);
        fixes.push(fixer.removeRange([tryStatement.handler.range[1], block.range[1]]));
        continue;
      }
      const touched = otherEdits.some((edit) => edit.range[0] < tryStatement.block.range[1] && edit.range[1] > tryStatement.block.range[0]);
      if (!touched && !declaresNames(tryStatement.block)) {
        handledFinalizers.add(block);
        fixes.push(fixer.replaceText(tryStatement, unwrappedBlock(sourceCode, tryStatement)));
        continue;
      }
      // The block's own names (or another edit inside it) keep it: `try { … } finally { close }` becomes `{ … }`,
      // a plain block with the same scope, editing only the `try` keyword and the `finally` clause.
      const keyword: readonly [number, number] = [tryStatement.range[0], tryStatement.block.range[0]];
      const clause: readonly [number, number] = [tryStatement.block.range[1], block.range[1]];
      if (!otherEdits.some((edit) => touches(edit.range, keyword) || touches(edit.range, clause))) {
        handledFinalizers.add(block);
        fixes.push(fixer.removeRange(keyword), fixer.removeRange(clause));
        continue;
      }
    }
    fixes.push(removeStatement(fixer, sourceCode, statement));
  }
  return fixes;
}

/** Overlapping or adjacent ranges: ESLint refuses fixes of one report that meet. */
function touches(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/** Block-scoped declarations would leak into the enclosing block if the `try` were unwrapped. */
function declaresNames(block: TSESTree.BlockStatement): boolean {
  return block.body.some(
    (statement) =>
      (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.kind !== 'var') ||
      statement.type === AST_NODE_TYPES.ClassDeclaration ||
      statement.type === AST_NODE_TYPES.FunctionDeclaration,
  );
}

/** The statements of a `try` block, re-indented to the `try` statement's own indentation. */
function unwrappedBlock(sourceCode: Source, tryStatement: TSESTree.TryStatement): string {
  const body = tryStatement.block.body;
  if (body.length === 0) return '';
  const inner = sourceCode.text.slice(body[0].range[0], body[body.length - 1].range[1]);
  return reindent(inner, indentationOf(sourceCode, body[0]), indentationOf(sourceCode, tryStatement));
}
