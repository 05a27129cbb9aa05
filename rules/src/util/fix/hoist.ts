/**
 * The hoist quick-fix of `no-client-per-request` (spec §3.1): move a per-request construction to module scope.
 * - lazy constructors: the declaration moves verbatim (after the imports, keeping its name, renamed on a clash);
 * - eager / async ones: a module-level lazy singleton (`let x; function getX() { return (x ??= …); }`) or a cached
 *   promise that is reset on failure; never top-level `await`, so CommonJS keeps working;
 * - when the handler also calls `connect()`: a cached promise of the connected object (a second connect throws);
 * - the handler's own close of that object is removed, or the second request would find it closed;
 * - a `globalThis` variant for dev servers that re-evaluate modules (Next.js HMR).
 * No fix when the construction reads handler-local values: `blocked` says which.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { Construction } from '../../knowledge/types';
import { contains, executionContextOf, isFunctionLike, topLevelStatementOf } from '../ast';
import type { ConstructionMatch } from '../match-construction';
import { isWrapperCall } from '../match-construction';
import { findVariable, isEffectivelyConst, memberName, requiredModule, skipTransparent } from '../resolve-import';
import { closeRemovals } from './remove-statements';
import { indentationOf, isInStatementList, reindent, removeStatement, withFileLineBreaks } from './statement-edits';

type Source = Readonly<TSESLint.SourceCode>;

export type HoistKind = 'module' | 'singleton' | 'promise' | 'connected';

export interface HoistVariant {
  readonly kind: HoistKind;
  readonly global: boolean;
  /** The module-level names the fix introduces, for the suggestion text. */
  readonly names: string;
  readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

export type HoistPlan = { readonly variants: readonly HoistVariant[] } | { readonly blocked: string };

const GENERIC_CLOSE_METHODS: readonly string[] = ['end', 'quit', 'close', 'disconnect', 'destroy', '$disconnect'];

/** The expression to move: the construction, or a cheap wrapper call around it (`DynamoDBDocumentClient.from(new …)`). */
function hoistedExpression(sourceCode: Source, node: TSESTree.Node): TSESTree.Expression {
  let current = node as TSESTree.Expression;
  for (;;) {
    const parent = current.parent;
    if (
      parent &&
      (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(current as TSESTree.CallExpressionArgument) &&
      isWrapperCall(sourceCode, parent)
    ) {
      current = parent;
      continue;
    }
    return current;
  }
}

interface Declaration {
  readonly statement: TSESTree.VariableDeclaration;
  readonly declarator: TSESTree.VariableDeclarator;
  readonly id: TSESTree.Identifier;
  readonly variable: TSESLint.Scope.Variable;
}

function declarationOf(sourceCode: Source, expression: TSESTree.Expression): Declaration | null {
  const value = expression.parent?.type === AST_NODE_TYPES.AwaitExpression ? expression.parent : expression;
  const declarator = value.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== value || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const statement = declarator.parent;
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1 || !isInStatementList(statement)) return null;
  const variable = sourceCode.getDeclaredVariables(declarator)[0];
  if (!variable || !isEffectivelyConst(variable)) return null;
  return { statement, declarator, id: declarator.id, variable };
}

/** The scope around an expression and the scopes nested in it: where its references live. */
function scopesOf(sourceCode: Source, expression: TSESTree.Node): TSESLint.Scope.Scope[] {
  const result: TSESLint.Scope.Scope[] = [];
  const visit = (scope: TSESLint.Scope.Scope): void => {
    result.push(scope);
    for (const child of scope.childScopes) if (contains(expression, child.block)) visit(child);
  };
  visit(sourceCode.getScope(expression));
  return result;
}

/** The first handler-local value an expression reads (`req`, `event`, `this`, a local), or null. */
function localRead(sourceCode: Source, expression: TSESTree.Node, moduleDeclarations: TSESTree.Node[]): string | null {
  for (const scope of scopesOf(sourceCode, expression)) {
    for (const reference of scope.references) {
      if (!contains(expression, reference.identifier)) continue;
      const variable = reference.resolved;
      if (!variable) continue; // a global such as `process`
      const scopeType = variable.scope.type;
      if (scopeType !== 'module' && scopeType !== 'global') return reference.identifier.name;
      // A module binding reassigned at run time would be captured too early.
      const def = variable.defs[0];
      if (def?.type === 'Variable' && !isEffectivelyConst(variable)) return reference.identifier.name;
      const statement = def ? topLevelStatementOf(def.node) : null;
      if (statement) moduleDeclarations.push(statement);
    }
  }
  let thisRead: string | null = null;
  const visit = (node: TSESTree.Node): void => {
    if (thisRead) return;
    if (node.type === AST_NODE_TYPES.ThisExpression) thisRead = 'this';
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments') thisRead = 'arguments';
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item && !(isFunctionLike(item as TSESTree.Node) && (item as TSESTree.Node).type !== AST_NODE_TYPES.ArrowFunctionExpression)) {
          visit(item as TSESTree.Node);
        }
      }
    }
  };
  visit(expression);
  return thisRead;
}

/** Calls `x.method()` on the declared variable inside `scopeNode`, split by whether they stand alone as statements. */
function methodCalls(declaration: Pick<Declaration, 'variable'>, methods: readonly string[]): { statements: TSESTree.ExpressionStatement[]; other: number } {
  const statements: TSESTree.ExpressionStatement[] = [];
  let other = 0;
  for (const reference of declaration.variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
    const name = memberName(member);
    if (name === null || !methods.includes(name)) continue;
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    let value: TSESTree.Node = call;
    if (value.parent?.type === AST_NODE_TYPES.AwaitExpression) value = value.parent;
    if (value.parent?.type === AST_NODE_TYPES.UnaryExpression && value.parent.operator === 'void') value = value.parent;
    const statement = value.parent;
    if (statement?.type === AST_NODE_TYPES.ExpressionStatement && isInStatementList(statement)) statements.push(statement);
    else other++;
  }
  return { statements, other };
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function lowerFirst(name: string): string {
  // `S3Client` → `s3Client`, `DynamoDBClient` → `dynamoDBClient`.
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A readable variable name for an anonymous construction (`return new PrismaClient()` → `prismaClient`). */
function derivedName(node: TSESTree.Expression, construction: Construction): string {
  const callee = skipTransparent((node as TSESTree.CallExpression | TSESTree.NewExpression).callee ?? node);
  const last = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
  if (!last) return 'client';
  if (node.type === AST_NODE_TYPES.NewExpression) return lowerFirst(last);
  const stripped = last.replace(/^(?:create|get)(?=[A-Z])/, '');
  if (stripped === last || stripped === 'Connection' || last === 'connect') {
    const library = construction.library.replace(/[^a-z0-9]+(.)?/gi, (_, next: string | undefined) => (next ? next.toUpperCase() : ''));
    return stripped === 'Connection' ? 'connection' : `${lowerFirst(library)}${last === 'connect' ? 'Connection' : 'Instance'}`;
  }
  return lowerFirst(stripped);
}

/** An entity name usable after `typeof` (identifiers and dots only). */
function entityText(sourceCode: Source, node: TSESTree.Node): string | null {
  const inner = skipTransparent(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier) {
    const object = entityText(sourceCode, inner.object);
    return object === null ? null : `${object}.${inner.property.name}`;
  }
  return null;
}

/** The TypeScript type of the hoisted value, written without inference help; null when it cannot be named. */
function valueType(sourceCode: Source, expression: TSESTree.Expression): string | null {
  const node = skipTransparent(expression);
  if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = entityText(sourceCode, node.callee);
  if (callee === null) return null;
  if (node.type === AST_NODE_TYPES.CallExpression) return `ReturnType<typeof ${callee}>`;
  const inner = skipTransparent(node.callee);
  return inner.type === AST_NODE_TYPES.Identifier && isImportBinding(sourceCode, inner) ? callee : `InstanceType<typeof ${callee}>`;
}

/** True when an identifier is an import binding (a class imported this way is also a type). */
function isImportBinding(sourceCode: Source, identifier: TSESTree.Identifier): boolean {
  const scope = sourceCode.getScope(identifier);
  for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(identifier.name);
    if (variable) return variable.defs[0]?.type === 'ImportBinding';
  }
  return false;
}

/** Whether `name` can be introduced at module scope and still be seen, unshadowed, from `from`. */
function isNameFree(sourceCode: Source, name: string, from: TSESTree.Node, ignore: TSESLint.Scope.Variable | null): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return false;
  if (globalScope.through.some((reference) => reference.identifier.name === name)) return false;
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(from); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (variable && variable !== ignore && variable.defs.length > 0) return false;
  }
  for (const scope of globalScope.childScopes) {
    if (scope.type === 'module' && scope.set.has(name) && scope.set.get(name) !== ignore) return false;
  }
  return true;
}

function freeName(sourceCode: Source, base: string, from: TSESTree.Node, ignore: TSESLint.Scope.Variable | null, taken: Set<string>): string | null {
  for (let index = 1; index < 10; index++) {
    const candidate = index === 1 ? base : `${base}${index}`;
    if (!taken.has(candidate) && isNameFree(sourceCode, candidate, from, ignore)) {
      taken.add(candidate);
      return candidate;
    }
  }
  return null;
}

/** Where module-level code goes: after the imports / requires and after every module declaration it reads. */
function insertionPoint(sourceCode: Source, after: TSESTree.Node[]): TSESTree.ProgramStatement | null {
  const body = sourceCode.ast.body;
  let anchor: TSESTree.ProgramStatement | null = null;
  for (const statement of body) {
    const isImport =
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration ||
      (statement.type === AST_NODE_TYPES.ExpressionStatement && typeof statement.directive === 'string') ||
      (statement.type === AST_NODE_TYPES.VariableDeclaration &&
        statement.declarations.some((declarator) => declarator.init && requiredModule(sourceCode, skipTransparent(declarator.init)) !== null));
    if (isImport || after.includes(statement)) anchor = statement;
  }
  return anchor;
}

interface Names {
  readonly value: string;
  readonly getter: string;
  readonly connector: string;
  readonly holder: string;
}

/**
 * The variable a construction that is not a `const` declaration's value is assigned to: `x = new X()`,
 * `x ??= new X()`, `x = x ?? new X()`, `x = await connect()`.
 */
function assignedVariable(sourceCode: Source, expression: TSESTree.Expression): TSESLint.Scope.Variable | null {
  let current: TSESTree.Node = expression;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return null;
    if (parent.type === AST_NODE_TYPES.AwaitExpression || (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current) || skipTransparent(parent) !== parent) {
      current = parent;
      continue;
    }
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== current || parent.left.type !== AST_NODE_TYPES.Identifier) return null;
    return findVariable(sourceCode, parent.left);
  }
}

/** Builds the hoist plan for a per-request construction, or the reason none is offered. */
export function planHoist(sourceCode: Source, filename: string, match: ConstructionMatch): HoistPlan {
  const expression = hoistedExpression(sourceCode, match.node);
  const context = executionContextOf(expression);
  if (!context) return { blocked: 'it already runs at module scope' };
  const moduleDeclarations: TSESTree.Node[] = [];
  const local = localRead(sourceCode, expression, moduleDeclarations);
  if (local) return { blocked: `it reads \`${local}\`, which exists only per request` };

  const declaration = isFunctionLike(context) ? declarationOf(sourceCode, expression) : null;
  const construction = match.construction;
  if (!declaration) {
    // Closes and connects are removed only through a `const` declaration; through an assigned variable
    // (`let c; try { c = new Client(); await c.connect(); } finally { await c.end(); }`) the hoist would leave them,
    // closing or re-connecting the shared object on every request.
    const assigned = assignedVariable(sourceCode, expression);
    const lifecycle = [...construction.closeMethods, ...GENERIC_CLOSE_METHODS, ...(construction.connectMethods ?? [])];
    const calls = assigned ? methodCalls({ variable: assigned }, lifecycle) : null;
    if (assigned && calls && calls.statements.length + calls.other > 0) {
      return { blocked: `the handler connects or closes it through \`${assigned.name}\`, which is assigned rather than declared with const` };
    }
  }
  const closes = declaration ? methodCalls(declaration, [...new Set([...construction.closeMethods, ...GENERIC_CLOSE_METHODS])]) : { statements: [], other: 0 };
  if (closes.other > 0) return { blocked: 'the handler closes it inside an expression; remove that close first' };
  const connects = declaration && construction.connectMethods ? methodCalls(declaration, construction.connectMethods) : { statements: [], other: 0 };
  if (connects.other > 0) return { blocked: `the handler calls ${construction.connectMethods?.join('/')}() inside an expression` };
  for (const statement of connects.statements) {
    const connectLocal = localRead(sourceCode, statement, moduleDeclarations);
    if (connectLocal && connectLocal !== declaration?.id.name) return { blocked: `its ${construction.connectMethods?.join('/')}() call reads \`${connectLocal}\`` };
  }
  const isConnected = connects.statements.length > 0;
  if (isConnected && !(isFunctionLike(context) && context.async)) return { blocked: 'the handler connects it but is not async' };

  // An async factory's call is a promise; a call that returns the object unconnected, to be connected later
  // (kafkajs `kafka.producer()` + `connect()`), is not: caching it as a promise would hand the handler a promise.
  const isPromise =
    match.io === 'async' && skipTransparent(expression).type === AST_NODE_TYPES.CallExpression && !construction.connectMethods?.length;
  const kind: HoistKind = isConnected ? 'connected' : isPromise ? 'promise' : match.io === 'eager' || match.io === 'async' ? 'singleton' : 'module';
  const anchor = insertionPoint(sourceCode, moduleDeclarations);
  const typescript = /\.[cm]?tsx?$/i.test(filename);
  const base = declaration ? declaration.id.name : derivedName(expression, construction);

  const variants: HoistVariant[] = [];
  for (const global of [false, true]) {
    const taken = new Set<string>();
    const valueName = kind === 'module' ? freeName(sourceCode, base, expression, declaration?.variable ?? null, taken) : null;
    const stem = valueName ?? base;
    const names: Names = {
      value: kind === 'module' ? (valueName ?? '') : (freeName(sourceCode, kind === 'singleton' ? base : `${base}Promise`, expression, declaration?.variable ?? null, taken) ?? ''),
      getter: kind === 'module' ? '' : (freeName(sourceCode, `get${capitalize(base)}`, expression, null, taken) ?? ''),
      connector: kind === 'connected' || kind === 'promise' ? (freeName(sourceCode, `connect${capitalize(base)}`, expression, null, taken) ?? '') : '',
      holder: global && typescript ? (freeName(sourceCode, `globalFor${capitalize(stem)}`, expression, null, taken) ?? '') : 'globalThis',
    };
    if (!names.value || (kind !== 'module' && !names.getter) || ((kind === 'connected' || kind === 'promise') && !names.connector) || !names.holder) continue;
    const code = moduleCode(sourceCode, { kind, global, typescript, names, expression, declaration, connects: connects.statements });
    if (code === null) continue;
    const introduced = [names.value, names.getter, names.connector, global && typescript ? names.holder : ''].filter(Boolean).join(', ');
    variants.push({
      kind,
      global,
      names: introduced,
      fix: (fixer) => {
        const fixes: TSESLint.RuleFix[] = [];
        const text = withFileLineBreaks(sourceCode, anchor ? `\n\n${code}` : `${code}\n\n`);
        fixes.push(anchor ? fixer.insertTextAfter(anchor, text) : fixer.insertTextBefore(sourceCode.ast.body[0], text));
        fixes.push(...handlerEdits(fixer, sourceCode, { kind, expression, declaration, names, connects: connects.statements, closes: closes.statements }));
        return fixes;
      },
    });
  }
  return variants.length > 0 ? { variants } : { blocked: 'no free name was found for the module-level variable' };
}

interface CodeInput {
  readonly kind: HoistKind;
  readonly global: boolean;
  readonly typescript: boolean;
  readonly names: Names;
  readonly expression: TSESTree.Expression;
  readonly declaration: Declaration | null;
  readonly connects: readonly TSESTree.ExpressionStatement[];
}

/** The module-level code of a variant, or null when it cannot be written correctly (e.g. an unnameable TS type). */
function moduleCode(sourceCode: Source, input: CodeInput): string | null {
  const { kind, global, typescript, names } = input;
  const expressionText = reindent(sourceCode.getText(input.expression), indentationOf(sourceCode, input.expression), '');
  const type = typescript ? valueType(sourceCode, input.expression) : null;
  const cachedType = kind === 'module' || kind === 'singleton' ? type : `ReturnType<typeof ${names.connector}>`;
  if (typescript && cachedType === null && (global || kind === 'singleton')) return null;
  const slot = global ? `${names.holder}.${names.value}` : names.value;
  const lines: string[] = [];
  if (global && typescript) lines.push(`const ${names.holder} = globalThis as unknown as { ${names.value}?: ${cachedType} };`);
  else if (global) lines.push('// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.');

  if (kind === 'module') {
    const annotation = input.declaration?.id.typeAnnotation ? sourceCode.getText(input.declaration.id.typeAnnotation) : '';
    lines.push(global ? `const ${names.value}${annotation} = (${slot} ??= ${expressionText});` : `const ${names.value}${annotation} = ${expressionText};`);
    return lines.join('\n');
  }
  if (!global) lines.push(`let ${names.value}${typescript && cachedType ? `: ${cachedType} | undefined` : ''};`);
  if (kind === 'singleton') {
    lines.push(`function ${names.getter}() {`, `  return (${slot} ??= ${reindent(expressionText, '', '  ')});`, '}');
    return lines.join('\n');
  }
  if (kind === 'promise') {
    lines.push(`async function ${names.connector}() {`, `  return ${reindent(expressionText, '', '  ')};`, '}');
  } else {
    const local = input.declaration?.id.name ?? 'client';
    const connectIndent = input.connects[0] ? indentationOf(sourceCode, input.connects[0]) : '';
    lines.push(`async function ${names.connector}() {`, `  const ${local} = ${reindent(expressionText, '', '  ')};`);
    for (const statement of input.connects) lines.push(`  ${reindent(sourceCode.getText(statement), connectIndent, '  ')}`);
    lines.push(`  return ${local};`, '}');
  }
  lines.push(
    `function ${names.getter}() {`,
    `  // A failed connection is not cached: the next call retries.`,
    `  ${slot} ??= ${names.connector}().catch((error${typescript ? ': unknown' : ''}) => {`,
    `    ${slot} = undefined;`,
    '    throw error;',
    '  });',
    `  return ${slot};`,
    '}',
  );
  return lines.join('\n');
}

interface EditInput {
  readonly kind: HoistKind;
  readonly expression: TSESTree.Expression;
  readonly declaration: Declaration | null;
  readonly names: Names;
  readonly connects: readonly TSESTree.ExpressionStatement[];
  readonly closes: readonly TSESTree.ExpressionStatement[];
}

function handlerEdits(fixer: TSESLint.RuleFixer, sourceCode: Source, input: EditInput): TSESLint.RuleFix[] {
  const { kind, expression, declaration, names } = input;
  const fixes: TSESLint.RuleFix[] = [];
  if (kind === 'module') {
    if (declaration) {
      fixes.push(removeStatement(fixer, sourceCode, declaration.statement));
      if (names.value !== declaration.id.name) fixes.push(...renameReferences(fixer, declaration, names.value));
    } else {
      fixes.push(fixer.replaceText(expression, names.value));
    }
  } else if (kind === 'connected') {
    fixes.push(fixer.replaceText(expression, `await ${names.getter}()`));
    for (const statement of input.connects) fixes.push(removeStatement(fixer, sourceCode, statement));
  } else {
    fixes.push(fixer.replaceText(expression, `${names.getter}()`));
  }
  // `await using x = getX()` would dispose the shared object at the end of every request: the declaration that stays
  // in the handler becomes a plain `const`.
  const kept = kind === 'module' ? null : declaration?.statement;
  if (kept && (kept.kind === 'using' || kept.kind === 'await using')) {
    fixes.push(fixer.replaceTextRange([kept.range[0], kept.declarations[0].range[0]], 'const '));
  }
  fixes.push(...closeRemovals(fixer, sourceCode, input.closes, fixes));
  return fixes;
}

function renameReferences(fixer: TSESLint.RuleFixer, declaration: Declaration, name: string): TSESLint.RuleFix[] {
  const fixes: TSESLint.RuleFix[] = [];
  for (const reference of declaration.variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === identifier) {
      fixes.push(fixer.replaceText(parent, `${identifier.name}: ${name}`));
    } else {
      fixes.push(fixer.replaceText(identifier, name));
    }
  }
  return fixes;
}
