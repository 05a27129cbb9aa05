/**
 * Handler detection (spec §3.1): which functions run once per request / invocation / message, including nested
 * callbacks and same-file functions a handler calls (plain functions, const arrows, `this.` methods, methods of a
 * constructor-injected same-file class, constructors of same-file classes built per request).
 * Built once per file, lazily, by one walk of the AST.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import * as K from '../knowledge/handlers';
import type { ClassLike, ExecutionContext, FunctionLike } from './ast';
import { contains, executionContextOf, hasDirective, isClassLike, isFunctionLike, staticString } from './ast';
import type { GuardContext } from './guards';
import { isGuarded } from './guards';
import { findVariable, isEffectivelyConst, isGlobalReference, memberName, normalizeExportPath, propertyKeyName, resolveExport, skipTransparent } from './resolve-import';
import { objectLiteralOf } from './static-options';

type Source = Readonly<TSESLint.SourceCode>;
type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

export interface Handler {
  readonly node: FunctionLike;
  /** How the handler reads in a message: "route handler GET /users", "Lambda handler", … */
  readonly description: string;
}

export interface PerRequestOrigin {
  readonly handler: Handler;
  /** The helper the handler reaches, when the code is not in the handler itself. */
  readonly via: ExecutionContext | null;
}

const MAX_RESOLVE_DEPTH = 12;

function calleeProperty(call: CallNode): string | null {
  const callee = skipTransparent(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return null;
}

function receiverText(sourceCode: Source, call: CallNode): string {
  const callee = skipTransparent(call.callee);
  const text = callee.type === AST_NODE_TYPES.MemberExpression ? `${sourceCode.getText(callee.object)}.${memberName(callee) ?? ''}` : sourceCode.getText(callee);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text.replace(/\s+/g, ' ');
}

/** One index per parse and file name: building it walks the whole file, and two rules need it. */
const indexes = new WeakMap<TSESTree.Program, { filename: string; index: HandlerIndex }>();

export class HandlerIndex {
  /** The index of `sourceCode`'s file, built on first use and shared by the rules that lint the same parse. */
  static of(sourceCode: Source, filename: string): HandlerIndex {
    const cached = indexes.get(sourceCode.ast);
    if (cached?.filename === filename) return cached.index;
    const index = new HandlerIndex(sourceCode, filename);
    indexes.set(sourceCode.ast, { filename, index });
    return index;
  }

  private readonly handlers = new Map<FunctionLike, Handler>();
  private readonly origins = new Map<ExecutionContext, PerRequestOrigin>();
  private readonly calls = new Map<ExecutionContext | null, CallNode[]>();
  private readonly children = new Map<ExecutionContext | null, ExecutionContext[]>();
  private readonly guardContext: GuardContext;

  constructor(
    private readonly sourceCode: Source,
    private readonly filename: string,
  ) {
    this.guardContext = { sourceCode, isInsidePerRequestCode: (node) => this.isInsidePerRequestCode(node) };
    this.collect();
    this.propagate();
  }

  /** The handler that makes `node` run per request, or null when it runs once (module scope, start-up code). */
  originOf(node: TSESTree.Node): PerRequestOrigin | null {
    const context = executionContextOf(node);
    return context ? (this.origins.get(context) ?? null) : null;
  }

  isGuarded(node: TSESTree.Node): boolean {
    return isGuarded(this.guardContext, node);
  }

  /**
   * Whether `node` lies in code that runs per request: a handler, or a same-file function a handler reaches (a
   * helper's locals die with the call just like the handler's). While `propagate` runs, `origins` already holds the
   * context being processed and every context on the path that reached it.
   */
  private isInsidePerRequestCode(node: TSESTree.Node): boolean {
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      if (isFunctionLike(current) && (this.handlers.has(current) || this.origins.has(current))) return true;
    }
    return false;
  }

  // ---- collection: one walk records contexts, calls and direct handler registrations ----

  private collect(): void {
    const program = this.sourceCode.ast;
    const serverFile = hasDirective(program.body, 'use server');
    const visitorKeys = this.sourceCode.visitorKeys;
    const stack: (ExecutionContext | null)[] = [null];
    const visit = (node: TSESTree.Node): void => {
      const context = this.contextStartedBy(node);
      if (context) {
        const parentContext = stack[stack.length - 1];
        const siblings = this.children.get(parentContext) ?? [];
        siblings.push(context);
        this.children.set(parentContext, siblings);
        stack.push(context);
      }
      this.recognise(node, serverFile);
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
        const owner = stack[stack.length - 1];
        const list = this.calls.get(owner) ?? [];
        list.push(node);
        this.calls.set(owner, list);
      }
      for (const key of visitorKeys[node.type] ?? []) {
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
          for (const item of value) if (isNode(item)) visit(item);
        } else if (isNode(value)) {
          visit(value);
        }
      }
      if (context) stack.pop();
    };
    visit(program);
  }

  /** A node that opens an execution context: a function, or the value of a non-static class field. */
  private contextStartedBy(node: TSESTree.Node): ExecutionContext | null {
    if (isFunctionLike(node)) return node;
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === node && !parent.static && !isFunctionLike(node)) {
      // Field initialisers belong to the class context; reuse the class node as their key.
      const classNode = parent.parent.parent;
      if (isClassLike(classNode)) return classNode;
    }
    return null;
  }

  private addHandler(functions: readonly FunctionLike[], description: string): void {
    for (const fn of functions) if (!this.handlers.has(fn)) this.handlers.set(fn, { node: fn, description });
  }

  private recognise(node: TSESTree.Node, serverFile: boolean): void {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
        this.recogniseCall(node);
        break;
      case AST_NODE_TYPES.NewExpression:
        this.recogniseProcessor(node);
        break;
      case AST_NODE_TYPES.ExportNamedDeclaration:
        this.recogniseNamedExport(node, serverFile);
        break;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        this.recogniseDefaultExport(node, serverFile);
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        this.recogniseCommonJsExport(node);
        break;
      case AST_NODE_TYPES.MethodDefinition:
        this.recogniseDecoratedMethod(node);
        break;
      case AST_NODE_TYPES.ObjectExpression:
        this.recogniseResolverMap(node);
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (node.body.type === AST_NODE_TYPES.BlockStatement && hasDirective(node.body.body, 'use server')) {
          this.addHandler([node], 'server action');
        }
        break;
      default:
        break;
    }
  }

  private isRouteLike(node: TSESTree.Node | undefined): boolean {
    if (!node || node.type === AST_NODE_TYPES.SpreadElement) return false;
    const inner = skipTransparent(node);
    if (isFunctionLike(inner) || inner.type === AST_NODE_TYPES.ObjectExpression) return false;
    if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string' || 'regex' in inner;
    if (inner.type === AST_NODE_TYPES.TemplateLiteral || inner.type === AST_NODE_TYPES.ArrayExpression) return true;
    if (inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression) {
      return this.functionsOf(inner).length === 0;
    }
    return false;
  }

  private routeDescription(call: TSESTree.CallExpression, method: string): string {
    const path = staticString(call.arguments[0]);
    return path === null ? `route handler (${receiverText(this.sourceCode, call)})` : `route handler ${method.toUpperCase()} ${path}`;
  }

  /** `app.route('/x').get(fn)`: the receiver chain contains a `.route(...)` call. */
  private isRouteChain(call: TSESTree.CallExpression): boolean {
    let current: TSESTree.Node = skipTransparent(call.callee);
    while (current.type === AST_NODE_TYPES.MemberExpression) {
      const object = skipTransparent(current.object);
      if (object.type !== AST_NODE_TYPES.CallExpression) return false;
      if (calleeProperty(object) === 'route' && object.arguments.length > 0 && !this.hasObjectArgument(object)) return true;
      current = skipTransparent(object.callee);
    }
    return false;
  }

  private hasObjectArgument(call: TSESTree.CallExpression): boolean {
    return call.arguments.some((argument) => skipTransparent(argument).type === AST_NODE_TYPES.ObjectExpression);
  }

  private functionArguments(args: readonly TSESTree.CallExpressionArgument[]): FunctionLike[] {
    return args.flatMap((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? [] : this.functionsOf(argument)));
  }

  private objectKeyFunctions(node: TSESTree.Node, keys: ReadonlySet<string>): FunctionLike[] {
    const object = objectLiteralOf(this.sourceCode, node);
    if (!object) return [];
    const result: FunctionLike[] = [];
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(property);
      if (key !== null && keys.has(key)) result.push(...this.functionsOf(property.value));
    }
    return result;
  }

  private recogniseCall(call: TSESTree.CallExpression): void {
    const name = calleeProperty(call);
    if (name === null) return;
    const args = call.arguments;
    const isMember = skipTransparent(call.callee).type === AST_NODE_TYPES.MemberExpression;
    const first = args[0];

    if (isMember && (K.ROUTE_METHODS.has(name) || K.AZURE_TRIGGERS.has(name) || K.GCF_REGISTRATIONS.has(name))) {
      if (this.isRouteChain(call)) {
        this.addHandler(this.functionArguments(args), `route handler ${name.toUpperCase()} (${receiverText(this.sourceCode, call)})`);
        return;
      }
      if (args.length >= 2 && this.isRouteLike(first)) {
        const description = K.ROUTE_METHODS.has(name) ? this.routeDescription(call, name) : `${receiverText(this.sourceCode, call)} handler`;
        for (const argument of args.slice(1)) {
          if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
          this.addHandler(this.functionsOf(argument), description);
          this.addHandler(this.objectKeyFunctions(argument, K.ROUTE_OBJECT_KEYS), description);
        }
        return;
      }
    }
    if (isMember && K.MIDDLEWARE_METHODS.has(name)) {
      this.addHandler(this.functionArguments(args), `middleware (${receiverText(this.sourceCode, call)})`);
      return;
    }
    if (isMember && K.ROUTE_OBJECT_METHODS.has(name)) {
      for (const argument of args) {
        const inner = skipTransparent(argument);
        const objects = inner.type === AST_NODE_TYPES.ArrayExpression ? inner.elements : [argument];
        for (const object of objects) {
          if (object && object.type !== AST_NODE_TYPES.SpreadElement) {
            this.addHandler(this.objectKeyFunctions(object, K.ROUTE_OBJECT_KEYS), `route handler (${receiverText(this.sourceCode, call)})`);
          }
        }
      }
      return;
    }
    if (isMember && name === 'addHook' && K.PER_REQUEST_HOOKS.has(staticString(first) ?? '')) {
      this.addHandler(this.functionArguments(args.slice(1)), `${staticString(first)} hook`);
      return;
    }
    if (isMember && K.LISTENER_METHODS.has(name)) {
      const event = staticString(first) ?? '';
      if (K.PER_REQUEST_EVENTS.has(event)) {
        this.addHandler(this.functionArguments(args.slice(1)), `'${event}' listener`);
      } else if (/^[A-Z]+$/.test(event) && args.length >= 3) {
        // Hono `app.on('GET', '/path', handler)`.
        this.addHandler(this.functionArguments(args.slice(2)), `route handler ${event} ${staticString(args[1]) ?? ''}`.trim());
      }
      return;
    }
    if (isMember && K.TRPC_RESOLVERS.has(name) && args.length === 1) {
      this.addHandler(this.functionArguments(args), `tRPC ${name} procedure`);
      return;
    }
    if (isMember && K.CONSUME_METHODS.has(name) && args.length >= 2) {
      this.addHandler(this.functionArguments(args.slice(1)), 'message consumer');
      return;
    }
    if (isMember && name === 'run' && first) {
      this.addHandler(this.objectKeyFunctions(first, K.RUN_OBJECT_KEYS), 'message consumer (consumer.run)');
      return;
    }
    if (isMember && name === 'create' && first) {
      this.addHandler(this.objectKeyFunctions(first, K.CONSUMER_OBJECT_KEYS), 'message consumer');
    }
    if (isMember && K.SCHEDULE_METHODS.has(name) && staticString(first) !== null) {
      this.addHandler(this.functionArguments(args.slice(1)), 'scheduled job');
      return;
    }
    if (K.FIREBASE_TRIGGERS.has(name)) {
      this.addHandler(this.functionArguments(args), `${name} function`);
      return;
    }
    if (!isMember && K.INTERVAL_FUNCTIONS.has(name) && call.callee.type === AST_NODE_TYPES.Identifier && isGlobalReference(this.sourceCode, call.callee)) {
      this.addHandler(this.functionArguments(args.slice(0, 1)), `${name} callback`);
      return;
    }
    const resolved = resolveExport(this.sourceCode, call.callee);
    if (resolved) {
      const path = normalizeExportPath(resolved.path);
      const isServer = K.SERVER_FACTORIES.some((factory) => factory.modules.includes(resolved.module) && path.length === 1 && factory.names.includes(path[0]));
      if (isServer) this.addHandler(this.functionArguments(args), `${resolved.module} server request listener`);
    }
  }

  private recogniseProcessor(node: TSESTree.NewExpression): void {
    const resolved = resolveExport(this.sourceCode, node.callee);
    if (!resolved) return;
    const path = normalizeExportPath(resolved.path);
    for (const processor of K.PROCESSOR_CONSTRUCTORS) {
      if (processor.module !== resolved.module || processor.path.join('.') !== path.join('.')) continue;
      const argument = node.arguments[processor.argument];
      if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) this.addHandler(this.functionsOf(argument), `${processor.module} job processor`);
    }
  }

  /** Named exports: Lambda `handler`, Next.js route handlers, `'use server'` actions, getServerSideProps. */
  private recogniseNamedExport(node: TSESTree.ExportNamedDeclaration, serverFile: boolean): void {
    const exported: { name: string; value: TSESTree.Node }[] = [];
    const declaration = node.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      exported.push({ name: declaration.id.name, value: declaration });
    } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) exported.push({ name: declarator.id.name, value: declarator.init });
      }
    } else if (!node.source) {
      for (const specifier of node.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ExportSpecifier || specifier.local.type !== AST_NODE_TYPES.Identifier) continue;
        const name = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
        exported.push({ name, value: specifier.local });
      }
    }
    const isRouteFile = K.NEXT_APP_ROUTE_FILE.test(this.filename);
    const isPagesFile = K.NEXT_PAGES_FILE.test(this.filename) && !K.NEXT_PAGES_API_FILE.test(this.filename);
    for (const { name, value } of exported) {
      const functions = () => this.functionsOf(value);
      if (K.LAMBDA_EXPORTS.has(name)) this.addHandler(functions(), 'Lambda handler');
      else if (isRouteFile && K.NEXT_ROUTE_EXPORTS.has(name)) this.addHandler(functions(), `Next.js route handler ${name}`);
      else if (isPagesFile && K.NEXT_PER_REQUEST_PAGE_EXPORTS.has(name)) this.addHandler(functions(), `Next.js ${name}`);
      else if (serverFile) this.addHandler(functions(), `server action ${name}`);
    }
  }

  private recogniseDefaultExport(node: TSESTree.ExportDefaultDeclaration, serverFile: boolean): void {
    if (K.NEXT_PAGES_API_FILE.test(this.filename)) this.addHandler(this.functionsOf(node.declaration), 'Next.js API route');
    else if (serverFile) this.addHandler(this.functionsOf(node.declaration), 'server action');
    // `export default { fetch(request) {} }`: Workers (exempt by runtime detection) or Bun / Deno servers.
    else this.addHandler(this.objectKeyFunctions(node.declaration, K.FETCH_EXPORT_KEYS), 'fetch handler');
  }

  /** `exports.handler = …`, `module.exports.handler = …`, `module.exports = { handler }`. */
  private recogniseCommonJsExport(node: TSESTree.AssignmentExpression): void {
    const left = skipTransparent(node.left);
    if (left.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = memberName(left);
    const object = skipTransparent(left.object);
    const isExports = (candidate: TSESTree.Node): boolean =>
      candidate.type === AST_NODE_TYPES.Identifier && candidate.name === 'exports' && isGlobalReference(this.sourceCode, candidate);
    const isModuleExports = (candidate: TSESTree.Node): boolean =>
      candidate.type === AST_NODE_TYPES.MemberExpression &&
      memberName(candidate) === 'exports' &&
      candidate.object.type === AST_NODE_TYPES.Identifier &&
      candidate.object.name === 'module' &&
      isGlobalReference(this.sourceCode, candidate.object);
    if (name !== null && K.LAMBDA_EXPORTS.has(name) && (isExports(object) || isModuleExports(object))) {
      this.addHandler(this.functionsOf(node.right), 'Lambda handler');
    } else if (isModuleExports(left)) {
      this.addHandler(this.objectKeyFunctions(node.right, K.LAMBDA_EXPORTS), 'Lambda handler');
    }
  }

  private recogniseDecoratedMethod(node: TSESTree.MethodDefinition): void {
    for (const decorator of node.decorators) {
      const expression = skipTransparent(decorator.expression);
      const callee = expression.type === AST_NODE_TYPES.CallExpression ? skipTransparent(expression.callee) : expression;
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
      if (name === null || !K.HANDLER_DECORATORS.has(name)) continue;
      const classNode = node.parent.parent;
      const className = isClassLike(classNode) && classNode.id ? `${classNode.id.name}.` : '';
      if (isFunctionLike(node.value)) this.addHandler([node.value], `@${name}() method ${className}${propertyKeyName(node) ?? ''}`);
      return;
    }
  }

  /** GraphQL resolver maps: `{ Query: { users: () => … }, User: { posts() { … } } }`. */
  private recogniseResolverMap(node: TSESTree.ObjectExpression): void {
    const hasRoot = node.properties.some(
      (property) => property.type === AST_NODE_TYPES.Property && K.GRAPHQL_ROOT_TYPES.has(propertyKeyName(property) ?? '') && objectLiteralOf(this.sourceCode, property.value),
    );
    if (!hasRoot) return;
    for (const typeProperty of node.properties) {
      if (typeProperty.type !== AST_NODE_TYPES.Property) continue;
      const typeName = propertyKeyName(typeProperty) ?? '?';
      const fields = objectLiteralOf(this.sourceCode, typeProperty.value);
      if (!fields) continue;
      for (const field of fields.properties) {
        if (field.type !== AST_NODE_TYPES.Property) continue;
        const description = `GraphQL resolver ${typeName}.${propertyKeyName(field) ?? '?'}`;
        this.addHandler(this.functionsOf(field.value), description);
        // Subscription fields: `{ subscribe, resolve }`.
        this.addHandler(this.objectKeyFunctions(field.value, new Set(['subscribe', 'resolve'])), description);
      }
    }
  }

  // ---- resolution of handler expressions to function nodes ----

  /** The functions an expression denotes: inline, by name, through wrappers (`asyncHandler(fn)`), `.bind`, arrays. */
  functionsOf(expression: TSESTree.Node, depth = 0): FunctionLike[] {
    if (depth > MAX_RESOLVE_DEPTH) return [];
    const node = skipTransparent(expression);
    if (isFunctionLike(node)) return [node];
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.functionsOfBinding(node, depth);
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipTransparent(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'bind') return this.functionsOf(callee.object, depth + 1);
        const wrapped = node.arguments.flatMap((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? [] : this.functionsOf(argument, depth + 1)));
        // Builder chains around the handler: `middy(baseHandler).use(jsonBodyParser())`.
        const chained = callee.type === AST_NODE_TYPES.MemberExpression && skipTransparent(callee.object).type === AST_NODE_TYPES.CallExpression;
        return chained ? [...wrapped, ...this.functionsOf(callee.object, depth + 1)] : wrapped;
      }
      case AST_NODE_TYPES.MemberExpression:
        return this.memberFunctions(node, depth);
      case AST_NODE_TYPES.ConditionalExpression:
        return [...this.functionsOf(node.consequent, depth + 1), ...this.functionsOf(node.alternate, depth + 1)];
      case AST_NODE_TYPES.LogicalExpression:
        return [...this.functionsOf(node.left, depth + 1), ...this.functionsOf(node.right, depth + 1)];
      case AST_NODE_TYPES.ArrayExpression:
        return node.elements.flatMap((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? this.functionsOf(element, depth + 1) : []));
      default:
        return [];
    }
  }

  private functionsOfBinding(identifier: TSESTree.Identifier, depth: number): FunctionLike[] {
    const variable = findVariable(this.sourceCode, identifier);
    if (!variable || variable.defs.length !== 1) return [];
    const def = variable.defs[0];
    if (def.type === 'FunctionName' && isFunctionLike(def.node)) return [def.node];
    if (def.type === 'Variable' && isEffectivelyConst(variable) && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) {
      return this.functionsOf(def.node.init, depth + 1);
    }
    return [];
  }

  /** `controller.list` on a same-file object literal, class (static) or instance of a same-file class. */
  private memberFunctions(node: TSESTree.MemberExpression, depth: number): FunctionLike[] {
    const name = memberName(node);
    if (name === null) return [];
    const object = objectLiteralOf(this.sourceCode, node.object);
    if (object) {
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === name) return this.functionsOf(property.value, depth + 1);
      }
      return [];
    }
    const target = this.classOfValue(node.object);
    if (target) return this.classMethod(target.classNode, name, target.isStatic);
    return [];
  }

  /** The same-file class an expression is (static access) or is an instance of. */
  private classOfValue(expression: TSESTree.Node): { classNode: ClassLike; isStatic: boolean } | null {
    const node = skipTransparent(expression);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const classNode = this.sameFileClass(node.callee);
      return classNode ? { classNode, isStatic: false } : null;
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(this.sourceCode, node);
    if (!variable || variable.defs.length !== 1) return null;
    const def = variable.defs[0];
    if (def.type === 'ClassName' && isClassLike(def.node)) return { classNode: def.node, isStatic: true };
    if (def.type === 'Variable' && isEffectivelyConst(variable) && def.node.init) return this.classOfValue(def.node.init);
    return null;
  }

  private sameFileClass(expression: TSESTree.Node): ClassLike | null {
    const node = skipTransparent(expression);
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(this.sourceCode, node);
    if (!variable || variable.defs.length !== 1) return null;
    const def = variable.defs[0];
    if (def.type === 'ClassName' && isClassLike(def.node)) return def.node;
    if (def.type === 'Variable' && isEffectivelyConst(variable) && def.node.init) {
      const init = skipTransparent(def.node.init);
      if (init.type === AST_NODE_TYPES.ClassExpression) return init;
    }
    return null;
  }

  private classMethod(classNode: ClassLike, name: string, isStatic: boolean): FunctionLike[] {
    for (const member of classNode.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.static === isStatic && member.kind === 'method' && propertyKeyName(member) === name) {
        return isFunctionLike(member.value) ? [member.value] : [];
      }
      if (member.type === AST_NODE_TYPES.PropertyDefinition && member.static === isStatic && propertyKeyName(member) === name && member.value && isFunctionLike(member.value)) {
        return [member.value];
      }
    }
    return [];
  }

  /** The same-file class of `this.<name>`: a constructor parameter property or a field typed with / built from it. */
  private injectedClass(classNode: ClassLike, name: string): ClassLike | null {
    for (const member of classNode.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const parameter of member.value.params) {
          if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner = parameter.parameter;
          if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return this.classOfTypeAnnotation(inner.typeAnnotation);
        }
      }
      if (member.type === AST_NODE_TYPES.PropertyDefinition && propertyKeyName(member) === name) {
        return this.classOfTypeAnnotation(member.typeAnnotation) ?? (member.value ? (this.classOfValue(member.value)?.classNode ?? null) : null);
      }
    }
    return null;
  }

  private classOfTypeAnnotation(annotation: TSESTree.TSTypeAnnotation | undefined): ClassLike | null {
    const type = annotation?.typeAnnotation;
    if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return null;
    return this.sameFileClass(type.typeName);
  }

  private enclosingClass(node: TSESTree.Node): ClassLike | null {
    for (let current = node.parent; current; current = current.parent) {
      if (isClassLike(current)) return current;
    }
    return null;
  }

  // ---- propagation: handlers → nested code → same-file callees ----

  /** Same-file code a call runs: a function, a method, or a class's constructor and field initialisers. */
  private callTargets(call: CallNode): ExecutionContext[] {
    const callee = skipTransparent(call.callee);
    if (call.type === AST_NODE_TYPES.NewExpression) {
      const classNode = this.sameFileClass(callee);
      if (!classNode) return [];
      const constructor = classNode.body.body.find(
        (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
      );
      return constructor && isFunctionLike(constructor.value) ? [classNode, constructor.value] : [classNode];
    }
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(this.sourceCode, callee);
      if (!variable || variable.defs.length !== 1) return [];
      const def = variable.defs[0];
      if (def.type === 'FunctionName' && isFunctionLike(def.node)) return [def.node];
      if (def.type === 'Variable' && isEffectivelyConst(variable) && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) {
        const init = skipTransparent(def.node.init);
        return isFunctionLike(init) ? [init] : [];
      }
      return [];
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return [];
    const name = memberName(callee);
    if (name === null) return [];
    const object = skipTransparent(callee.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const classNode = this.enclosingClass(call);
      return classNode ? this.classMethod(classNode, name, false) : [];
    }
    if (object.type === AST_NODE_TYPES.MemberExpression && skipTransparent(object.object).type === AST_NODE_TYPES.ThisExpression) {
      const property = memberName(object);
      const classNode = this.enclosingClass(call);
      const injected = classNode && property !== null ? this.injectedClass(classNode, property) : null;
      return injected ? this.classMethod(injected, name, false) : [];
    }
    return this.memberFunctions(callee, 0);
  }

  private propagate(): void {
    const queue: ExecutionContext[] = [];
    const mark = (context: ExecutionContext, origin: PerRequestOrigin): void => {
      if (this.origins.has(context)) return;
      this.origins.set(context, origin);
      queue.push(context);
    };
    for (const handler of this.handlers.values()) mark(handler.node, { handler, via: null });
    while (queue.length > 0) {
      const context = queue.shift() as ExecutionContext;
      const origin = this.origins.get(context) as PerRequestOrigin;
      // Nested callbacks run within the same request.
      for (const child of this.children.get(context) ?? []) mark(child, origin);
      for (const call of this.calls.get(context) ?? []) {
        // A call cached in long-lived state (`x ??= connect()`) runs once, not per request.
        if (this.isGuarded(call)) continue;
        for (const target of this.callTargets(call)) {
          if (contains(target, call)) continue; // recursion into itself adds nothing
          mark(target, { handler: origin.handler, via: origin.via ?? target });
        }
      }
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

