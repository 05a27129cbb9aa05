/**
 * Import resolution shared by every rule: follows an expression back to the module export it comes from.
 * Scope-correct: a shadowed or locally defined `createPool` resolves to nothing, because only bindings created by
 * `import`, `import x = require()`, `require()` or `import()` start a path.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';

export interface ResolvedExport {
  /** The module specifier as written, e.g. `pg` or `./generated/prisma/client`. */
  readonly module: string;
  /** Property path from the module object; `#new` / `#call` mark instances and call results. */
  readonly path: readonly string[];
}

const MAX_DEPTH = 24;

/** Strips wrappers that do not change which value an expression denotes. */
export function skipTransparent(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The variable a name refers to at `node`, or null for an undeclared (global) name. */
export function findVariable(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(node), node);
}

/**
 * True when a name is not declared by the code itself: a true global, or one the environment provides, such as
 * `exports`, `module` and `require` in a CommonJS scope (there they are variables without definitions).
 */
export function isGlobalReference(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Identifier): boolean {
  const variable = findVariable(sourceCode, node);
  return !variable || variable.defs.length === 0;
}

/** A variable written only by its declaration (const, or let/var never reassigned). */
export function isEffectivelyConst(variable: TSESLint.Scope.Variable): boolean {
  if (variable.defs.length !== 1) return false;
  const def = variable.defs[0];
  if (def.type !== 'Variable') return def.type === 'ImportBinding';
  if (def.parent.kind === 'const') return true;
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

/** The key path from a destructuring pattern down to `target`, or null when it goes through an array or rest. */
export function patternPath(pattern: TSESTree.Node, target: TSESTree.Node): string[] | null {
  if (pattern === target) return [];
  switch (pattern.type) {
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(property);
        if (key === null) continue;
        const inner = patternPath(property.value, target);
        if (inner) return [key, ...inner];
      }
      return null;
    case AST_NODE_TYPES.AssignmentPattern:
      return patternPath(pattern.left, target);
    default:
      return null;
  }
}

/** Static name of a property key (`a`, `'a'`, `['a']`), or null. */
export function propertyKeyName(property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | null {
  const key = property.key;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0].value.cooked ?? null;
  return null;
}

/** Static name of a member access (`a.b`, `a['b']`), or null. */
export function memberName(member: TSESTree.MemberExpression): string | null {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : null;
  const property = member.property;
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string') return property.value;
  if (property.type === AST_NODE_TYPES.TemplateLiteral && property.expressions.length === 0) return property.quasis[0].value.cooked ?? null;
  return null;
}

function stringArgument(call: TSESTree.CallExpression | TSESTree.ImportExpression): string | null {
  const source = call.type === AST_NODE_TYPES.ImportExpression ? call.source : call.arguments[0];
  if (!source) return null;
  if (source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') return source.value;
  if (source.type === AST_NODE_TYPES.TemplateLiteral && source.expressions.length === 0) return source.quasis[0].value.cooked ?? null;
  return null;
}

/** `require('x')` with the global `require` (not a local function of that name). */
export function requiredModule(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require' || node.arguments.length !== 1) return null;
  return isGlobalReference(sourceCode, callee) ? stringArgument(node) : null;
}

function resolveBinding(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier, depth: number): ResolvedExport | null {
  const variable = findVariable(sourceCode, identifier);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type === 'ImportBinding') {
    const node = def.node;
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      if (node.importKind === 'type') return null;
      const reference = node.moduleReference;
      if (reference.type === AST_NODE_TYPES.TSExternalModuleReference) {
        const expression = reference.expression;
        return expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string' ? { module: expression.value, path: [] } : null;
      }
      return resolveEntityName(sourceCode, reference, depth + 1);
    }
    const declaration = def.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return null;
    const module = declaration.source.value;
    switch (node.type) {
      case AST_NODE_TYPES.ImportDefaultSpecifier:
        return { module, path: ['default'] };
      case AST_NODE_TYPES.ImportNamespaceSpecifier:
        return { module, path: [] };
      case AST_NODE_TYPES.ImportSpecifier: {
        if (node.importKind === 'type') return null;
        const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
        return { module, path: [imported] };
      }
      default:
        return null;
    }
  }
  if (def.type === 'Variable' && isEffectivelyConst(variable)) {
    const declarator = def.node;
    if (!declarator.init) return null;
    const base = resolveExport(sourceCode, declarator.init, depth + 1);
    if (!base) return null;
    const keys = patternPath(declarator.id, def.name);
    return keys ? { module: base.module, path: [...base.path, ...keys] } : null;
  }
  return null;
}

function resolveEntityName(sourceCode: Readonly<TSESLint.SourceCode>, name: TSESTree.EntityName, depth: number): ResolvedExport | null {
  if (name.type === AST_NODE_TYPES.Identifier) return resolveBinding(sourceCode, name, depth);
  if (name.type === AST_NODE_TYPES.TSQualifiedName) {
    const base = resolveEntityName(sourceCode, name.left, depth + 1);
    return base ? { module: base.module, path: [...base.path, name.right.name] } : null;
  }
  return null;
}

/**
 * Top-level answers per node. Every rule resolves the callee of every call (a 5k-line file has thousands), often the
 * same ones, and a profile showed resolution at ~15 % of a whole lint before this cache. AST nodes live exactly as
 * long as their parse, so a WeakMap needs no invalidation; only depth-0 answers are kept, as a deeper call may have
 * been cut short by MAX_DEPTH.
 */
const resolved = new WeakMap<TSESTree.Node, ResolvedExport | null>();

/** Resolves an expression to the module export it denotes, or null when it is not (provably) one. */
export function resolveExport(sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Node, depth = 0): ResolvedExport | null {
  if (depth > 0) return resolveUncached(sourceCode, expression, depth);
  const cached = resolved.get(expression);
  if (cached !== undefined) return cached;
  const result = resolveUncached(sourceCode, expression, 0);
  resolved.set(expression, result);
  return result;
}

function resolveUncached(sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Node, depth: number): ResolvedExport | null {
  if (depth > MAX_DEPTH) return null;
  const node = skipTransparent(expression);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return resolveBinding(sourceCode, node, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(node);
      if (name === null) return null;
      const base = resolveExport(sourceCode, node.object, depth + 1);
      return base ? { module: base.module, path: [...base.path, name] } : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const required = requiredModule(sourceCode, node);
      if (required !== null) return { module: required, path: [] };
      const base = resolveExport(sourceCode, node.callee, depth + 1);
      return base ? { module: base.module, path: [...base.path, '#call'] } : null;
    }
    case AST_NODE_TYPES.NewExpression: {
      const base = resolveExport(sourceCode, node.callee, depth + 1);
      return base ? { module: base.module, path: [...base.path, '#new'] } : null;
    }
    case AST_NODE_TYPES.ImportExpression: {
      const module = stringArgument(node);
      return module === null ? null : { module, path: [] };
    }
    case AST_NODE_TYPES.AwaitExpression:
      // `await import('pg')` is the namespace; `await x.connect()` keeps the call's path.
      return resolveExport(sourceCode, node.argument, depth + 1);
    default:
      return null;
  }
}

/** The path with a leading `default` dropped: the default import of a CommonJS module is the module object. */
export function normalizeExportPath(path: readonly string[]): readonly string[] {
  return path[0] === 'default' ? path.slice(1) : path;
}
