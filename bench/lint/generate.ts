/**
 * The generated part of the lint corpus: application code as PoolGuard meets it in a real repository. Deterministic
 * (one seeded PRNG, files generated in order), so a corpus built twice is byte-identical and `--quick`'s smaller
 * set is a prefix of the full one.
 *
 * - `generateAppFiles(count)`: Express and Fastify routes, services, React components (.tsx/.jsx), utils and types;
 *   about 15 % import a driver (pg, mysql2, ioredis, redis, mongodb, @aws-sdk/client-s3, undici), and about a third
 *   of those contain a real finding (a client built in a handler or a loop, a pool without a limit or with idle
 *   connections never closed, a pooled client not released on every path, a shared pool closed in a handler).
 * - `generateLargeFile(withDrivers)`: a 5,000-line Express app, with a pg Pool and ioredis and a few findings, or of
 *   the same shape with no driver import at all (the language server's prefilter case).
 *
 * Texts without a driver must not even quote a driver's module name (`'redis'`, `"http"`): the prefilter would then
 * lint them. The word lists below avoid that.
 */
import { Random } from './random';

export const GENERATOR_VERSION = 3;
export const GENERATOR_SEED = 0x5eed_2025;
export const LARGE_FILE_LINES = 5000;

export interface GeneratedFile {
  /** Relative to the generated root, `/`-separated. */
  readonly path: string;
  readonly text: string;
  /** Imports a driver (a catalogue module). */
  readonly driver: boolean;
  /** Written to contain at least one finding. */
  readonly seededFinding: boolean;
}

const ENTITIES = [
  'user', 'order', 'invoice', 'product', 'cart', 'session', 'payment', 'shipment', 'review', 'coupon', 'account',
  'team', 'project', 'task', 'comment', 'ticket', 'report', 'subscription', 'notification', 'message', 'device',
  'address', 'category', 'tag', 'inventory', 'warehouse', 'supplier', 'refund', 'plan', 'event', 'booking', 'member',
];
const FIELDS: readonly (readonly [string, string, string])[] = [
  ['name', 'string', "''"],
  ['title', 'string', "''"],
  ['email', 'string', "''"],
  ['status', "'active' | 'archived' | 'pending'", "'pending'"],
  ['createdAt', 'string', 'new Date().toISOString()'],
  ['updatedAt', 'string', 'new Date().toISOString()'],
  ['amount', 'number', '0'],
  ['quantity', 'number', '1'],
  ['price', 'number', '0'],
  ['currency', 'string', "'EUR'"],
  ['ownerId', 'string', "''"],
  ['description', 'string | null', 'null'],
  ['tags', 'string[]', '[]'],
  ['enabled', 'boolean', 'true'],
  ['priority', 'number', '0'],
  ['version', 'number', '1'],
  ['locale', 'string', "'en'"],
  ['notes', 'string | undefined', 'undefined'],
];
const SERVICES = ['billing', 'catalog', 'accounts', 'shipping', 'support', 'analytics', 'search', 'checkout', 'crm', 'admin', 'portal', 'mobile-api', 'partner-api', 'backoffice', 'notifications'];

type Language = 'ts' | 'js';
type ModuleSystem = 'esm' | 'cjs';

interface Flavour {
  readonly language: Language;
  readonly module: ModuleSystem;
  readonly extension: string;
}

const pascal = (word: string): string => word.replace(/(^|[-_])([a-z])/g, (_, __: string, letter: string) => letter.toUpperCase());
const camel = (word: string): string => {
  const p = pascal(word);
  return p.charAt(0).toLowerCase() + p.slice(1);
};
const plural = (word: string): string => (word.endsWith('y') ? `${word.slice(0, -1)}ies` : word.endsWith('s') ? `${word}es` : `${word}s`);

/** Collects the lines of one module: imports (ESM or CommonJS), declarations, exports. */
class ModuleWriter {
  private readonly imports: string[] = [];
  private readonly body: string[] = [];
  private readonly exported: string[] = [];

  constructor(private readonly flavour: Flavour) {}

  get ts(): boolean {
    return this.flavour.language === 'ts';
  }

  /** `: type` in TypeScript, nothing in JavaScript. */
  t(type: string): string {
    return this.ts ? `: ${type}` : '';
  }

  /** `<type>` generic arguments in TypeScript only. */
  g(type: string): string {
    return this.ts ? `<${type}>` : '';
  }

  import(from: string, what: { default?: string; named?: readonly string[]; namespace?: string; types?: readonly string[] }): void {
    const named = what.named ?? [];
    if (this.flavour.module === 'cjs') {
      if (what.default !== undefined) this.imports.push(`const ${what.default} = require('${from}');`);
      if (what.namespace !== undefined) this.imports.push(`const ${what.namespace} = require('${from}');`);
      if (named.length > 0) this.imports.push(`const { ${named.join(', ')} } = require('${from}');`);
      return;
    }
    const parts: string[] = [];
    if (what.default !== undefined) parts.push(what.default);
    if (what.namespace !== undefined) parts.push(`* as ${what.namespace}`);
    const braces = [...named, ...(this.ts ? (what.types ?? []).map((type) => `type ${type}`) : [])];
    if (braces.length > 0) parts.push(`{ ${braces.join(', ')} }`);
    if (parts.length > 0) this.imports.push(`import ${parts.join(', ')} from '${from}';`);
  }

  line(...lines: string[]): void {
    this.body.push(...lines);
  }

  blank(): void {
    this.body.push('');
  }

  /** A declaration that starts with `function`, `async function`, `class` or `const`; exported either way. */
  declare(name: string, code: string): void {
    if (this.flavour.module === 'esm') {
      this.body.push(`export ${code}`);
    } else {
      this.body.push(code);
      this.exported.push(name);
    }
  }

  /** A declaration that only TypeScript has (interfaces, type aliases); dropped in JavaScript. */
  typeOnly(code: string): void {
    if (this.ts) this.body.push(code, '');
  }

  /** The module's default export (ESM) or `module.exports` (CommonJS). */
  defaultExport(expression: string): void {
    if (this.flavour.module === 'esm') this.body.push(`export default ${expression};`);
    else this.body.push(`module.exports = ${expression};`);
  }

  text(header: string): string {
    const exportsLine = this.exported.length > 0 ? ['', `Object.assign(module.exports, { ${this.exported.join(', ')} });`] : [];
    return `${[header, ...this.imports, '', ...this.body, ...exportsLine].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Ordinary code fragments                                                                                      */
/* ------------------------------------------------------------------------------------------------------------ */

function pickFields(random: Random): (readonly [string, string, string])[] {
  return random.shuffle(FIELDS).slice(0, random.int(3, 8));
}

function entityInterface(w: ModuleWriter, random: Random, entity: string): (readonly [string, string, string])[] {
  const fields = pickFields(random);
  w.typeOnly(
    [`export interface ${pascal(entity)} {`, '  id: string;', ...fields.map(([name, type]) => `  ${name}: ${type};`), '}'].join('\n'),
  );
  return fields;
}

function validator(w: ModuleWriter, random: Random, entity: string, fields: readonly (readonly [string, string, string])[]): void {
  const E = pascal(entity);
  const lines = [`function validate${E}(input${w.t('Partial<Record<string, unknown>>')})${w.t('string[]')} {`, `  const errors${w.t('string[]')} = [];`];
  for (const [name, type] of fields) {
    if (type.startsWith('number')) {
      lines.push(`  if (typeof input.${name} !== 'number' || Number.isNaN(input.${name})) errors.push('${name} must be a number');`);
      if (random.chance(0.5)) lines.push(`  else if ((input.${name} as number) < 0) errors.push('${name} must not be negative');`.replace(w.ts ? '' : ' as number', ''));
    } else if (type.startsWith('string')) {
      lines.push(`  if (input.${name} !== undefined && typeof input.${name} !== 'string') errors.push('${name} must be a string');`);
      if (random.chance(0.4)) lines.push(`  if (typeof input.${name} === 'string' && input.${name}.length > ${random.int(32, 512)}) errors.push('${name} is too long');`);
    } else if (type.startsWith('boolean')) {
      lines.push(`  if (input.${name} !== undefined && typeof input.${name} !== 'boolean') errors.push('${name} must be a boolean');`);
    } else if (type.endsWith('[]')) {
      lines.push(`  if (input.${name} !== undefined && !Array.isArray(input.${name})) errors.push('${name} must be a list');`);
    } else {
      lines.push(`  if (input.${name} !== undefined && ![${type.split(' | ').join(', ')}].includes(input.${name}${w.ts ? ' as string' : ''})) errors.push('invalid ${name}');`);
    }
  }
  lines.push('  return errors;', '}');
  w.declare(`validate${E}`, lines.join('\n'));
  w.blank();
}

function mapper(w: ModuleWriter, entity: string, fields: readonly (readonly [string, string, string])[]): void {
  const E = pascal(entity);
  w.declare(
    `to${E}Dto`,
    [
      `function to${E}Dto(row${w.t(`Record<string, any>`)})${w.t(`${E}Dto`)} {`,
      '  return {',
      '    id: String(row.id),',
      ...fields.map(([name, , fallback]) => `    ${name}: row.${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} ?? ${fallback},`),
      '  };',
      '}',
    ].join('\n'),
  );
  w.blank();
}

const UTIL_TEMPLATES: readonly ((w: ModuleWriter, random: Random, suffix: string) => void)[] = [
  (w, _r, s) =>
    w.declare(
      `chunk${s}`,
      [
        `function chunk${s}${w.g('T')}(items${w.t('readonly T[]')}, size${w.t('number')})${w.t('T[][]')} {`,
        '  if (size <= 0) throw new RangeError(`size must be positive, got ${size}`);',
        `  const chunks${w.t('T[][]')} = [];`,
        '  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));',
        '  return chunks;',
        '}',
      ].join('\n'),
    ),
  (w, r, s) =>
    w.declare(
      `formatMoney${s}`,
      [
        `function formatMoney${s}(amount${w.t('number')}, currency = '${r.pick(['EUR', 'USD', 'GBP', 'CHF'])}', locale = '${r.pick(['en-GB', 'de-DE', 'fr-FR', 'en-US'])}')${w.t('string')} {`,
        '  const formatter = new Intl.NumberFormat(locale, { style: \'currency\', currency, minimumFractionDigits: 2 });',
        '  return formatter.format(Math.round(amount * 100) / 100);',
        '}',
      ].join('\n'),
    ),
  (w, r, s) =>
    w.declare(
      `retry${s}`,
      [
        `async function retry${s}${w.g('T')}(operation${w.t('() => Promise<T>')}, attempts = ${r.int(2, 6)}, delayMs = ${r.int(50, 500)})${w.t('Promise<T>')} {`,
        `  let lastError${w.t('unknown')};`,
        '  for (let attempt = 1; attempt <= attempts; attempt++) {',
        '    try {',
        '      return await operation();',
        '    } catch (error) {',
        '      lastError = error;',
        '      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (attempt - 1)));',
        '    }',
        '  }',
        '  throw lastError;',
        '}',
      ].join('\n'),
    ),
  (w, _r, s) =>
    w.declare(
      `groupBy${s}`,
      [
        `function groupBy${s}${w.g('T, K extends PropertyKey')}(items${w.t('Iterable<T>')}, keyOf${w.t('(item: T) => K')})${w.t('Record<K, T[]>')} {`,
        `  const groups = {}${w.ts ? ' as Record<K, T[]>' : ''};`,
        '  for (const item of items) {',
        '    const key = keyOf(item);',
        '    (groups[key] ??= []).push(item);',
        '  }',
        '  return groups;',
        '}',
      ].join('\n'),
    ),
  (w, r, s) =>
    w.declare(
      `debounce${s}`,
      [
        `function debounce${s}${w.g('A extends unknown[]')}(fn${w.t('(...args: A) => void')}, waitMs = ${r.int(50, 400)})${w.t('(...args: A) => void')} {`,
        `  let timer${w.t('ReturnType<typeof setTimeout> | undefined')};`,
        '  return (...args) => {',
        '    if (timer !== undefined) clearTimeout(timer);',
        '    timer = setTimeout(() => fn(...args), waitMs);',
        '  };',
        '}',
      ].join('\n'),
    ),
  (w, _r, s) =>
    w.declare(
      `slugify${s}`,
      [
        `function slugify${s}(text${w.t('string')})${w.t('string')} {`,
        '  return text',
        '    .normalize(\'NFKD\')',
        '    .replace(/[\\u0300-\\u036f]/g, \'\')',
        '    .toLowerCase()',
        '    .replace(/[^a-z0-9]+/g, \'-\')',
        '    .replace(/^-+|-+$/g, \'\');',
        '}',
      ].join('\n'),
    ),
  (w, r, s) =>
    w.declare(
      `parsePagination${s}`,
      [
        `function parsePagination${s}(query${w.t('Record<string, unknown>')})${w.t('{ limit: number; offset: number }')} {`,
        `  const limit = Math.min(Math.max(Number(query.limit ?? ${r.pick([10, 20, 25, 50])}) || 0, 1), ${r.pick([100, 200, 500])});`,
        '  const page = Math.max(Number(query.page ?? 1) || 1, 1);',
        '  return { limit, offset: (page - 1) * limit };',
        '}',
      ].join('\n'),
    ),
  (w, _r, s) =>
    w.declare(
      `deepMerge${s}`,
      [
        `function deepMerge${s}(target${w.t('Record<string, any>')}, ...sources${w.t('Record<string, any>[]')})${w.t('Record<string, any>')} {`,
        '  for (const source of sources) {',
        '    for (const [key, value] of Object.entries(source)) {',
        '      if (value && typeof value === \'object\' && !Array.isArray(value)) {',
        '        target[key] = deepMerge' + s + '(target[key] ?? {}, value);',
        '      } else if (value !== undefined) {',
        '        target[key] = value;',
        '      }',
        '    }',
        '  }',
        '  return target;',
        '}',
      ].join('\n'),
    ),
  (w, r, s) =>
    w.declare(
      `LruCache${s}`,
      [
        `class LruCache${s}${w.g('K, V')} {`,
        `  ${w.ts ? 'private readonly entries = new Map<K, V>();' : 'entries = new Map();'}`,
        `  constructor(${w.ts ? 'private readonly capacity: number' : 'capacity'} = ${r.pick([100, 256, 1000, 5000])}) {${w.ts ? '' : ' this.capacity = capacity;'}}`,
        `  get(key${w.t('K')})${w.t('V | undefined')} {`,
        '    const value = this.entries.get(key);',
        '    if (value !== undefined) {',
        '      this.entries.delete(key);',
        '      this.entries.set(key, value);',
        '    }',
        '    return value;',
        '  }',
        `  set(key${w.t('K')}, value${w.t('V')})${w.t('void')} {`,
        '    this.entries.delete(key);',
        '    this.entries.set(key, value);',
        '    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value' + (w.ts ? ' as K' : '') + ');',
        '  }',
        '}',
      ].join('\n'),
    ),
  (w, r, s) =>
    w.declare(
      `Stopwatch${s}`,
      [
        `class Stopwatch${s} {`,
        `  ${w.ts ? 'private readonly marks: Array<[string, number]> = [];' : 'marks = [];'}`,
        `  mark(label${w.t('string')})${w.t('void')} {`,
        '    this.marks.push([label, performance.now()]);',
        '  }',
        `  summary()${w.t('string')} {`,
        '    return this.marks',
        '      .map(([label, at], index) => `${label}: ${(at - (this.marks[index - 1]?.[1] ?? at)).toFixed(' + r.int(0, 3) + ')}ms`)',
        '      .join(\', \');',
        '  }',
        '}',
      ].join('\n'),
    ),
];

function utilities(w: ModuleWriter, random: Random, count: number, tag: string): void {
  const templates = random.shuffle(UTIL_TEMPLATES).slice(0, count);
  templates.forEach((template, index) => {
    template(w, random, `${tag}${index === 0 ? '' : index}`);
    w.blank();
  });
}

/** A store the handlers call: an injected repository, never a driver. */
function repositoryName(entity: string): string {
  return `${camel(entity)}Repository`;
}

function handlerBody(w: ModuleWriter, random: Random, entity: string, method: string, response: 'express' | 'fastify', access: string): string[] {
  const E = pascal(entity);
  const send = (value: string, status = 200): string =>
    response === 'express' ? (status === 200 ? `res.json(${value});` : `res.status(${status}).json(${value});`) : status === 200 ? `return ${value};` : `return reply.code(${status}).send(${value});`;
  const input = response === 'express' ? 'req' : 'request';
  const lines: string[] = [];
  switch (method) {
    case 'get':
      lines.push(
        `const id = String((${input}.params${w.ts ? ' as { id: string }' : ''}).id);`,
        `const found = await ${access}.findById(id);`,
        `if (!found) ${send(`{ error: '${entity} not found' }`, 404)}`,
        send(`to${E}Dto(found)`),
      );
      break;
    case 'list':
      lines.push(
        `const { limit, offset } = parsePagination(${input}.query${w.ts ? ' as Record<string, unknown>' : ''});`,
        `const rows = await ${access}.list({ limit, offset, status: ${random.pick(["'active'", "'pending'", 'undefined'])} });`,
        send(`{ items: rows.map(to${E}Dto), limit, offset }`),
      );
      break;
    case 'post':
      lines.push(
        `const errors = validate${E}(${input}.body ?? {});`,
        `if (errors.length > 0) ${send('{ errors }', 422)}`,
        `const created = await ${access}.create({ ...${input}.body, createdAt: new Date().toISOString() });`,
        send(`to${E}Dto(created)`, 201),
      );
      break;
    case 'put':
      lines.push(
        `const id = String((${input}.params${w.ts ? ' as { id: string }' : ''}).id);`,
        `const errors = validate${E}(${input}.body ?? {});`,
        `if (errors.length > 0) ${send('{ errors }', 422)}`,
        `const updated = await ${access}.update(id, { ...${input}.body, updatedAt: new Date().toISOString() });`,
        send(`to${E}Dto(updated)`),
      );
      break;
    default:
      lines.push(`const id = String((${input}.params${w.ts ? ' as { id: string }' : ''}).id);`, `await ${access}.remove(id);`, send('{ deleted: id }'));
  }
  return lines;
}

const METHODS = ['get', 'list', 'post', 'put', 'delete'] as const;

function httpVerb(method: string): string {
  return method === 'list' ? 'get' : method;
}

function routePath(entity: string, method: string): string {
  return method === 'list' || method === 'post' ? `/${plural(entity)}` : `/${plural(entity)}/:id`;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Files without drivers                                                                                        */
/* ------------------------------------------------------------------------------------------------------------ */

function expressRoutes(random: Random, flavour: Flavour, entity: string): string {
  const w = new ModuleWriter(flavour);
  w.import('express', { named: ['Router'], types: ['Request', 'Response', 'NextFunction'] });
  w.import(`../repositories/${entity}`, { named: [repositoryName(entity)] });
  w.import('../lib/http', { named: ['parsePagination'] });
  const fields = entityInterface(w, random, entity);
  w.typeOnly(`type ${pascal(entity)}Dto = { id: string } & Record<string, unknown>;`);
  validator(w, random, entity, fields);
  mapper(w, entity, fields);
  w.line('const router = Router();', '');
  const methods = random.shuffle(METHODS).slice(0, random.int(2, 5));
  if (random.chance(0.4)) {
    w.line(
      `router.use((req${w.t('Request')}, res${w.t('Response')}, next${w.t('NextFunction')}) => {`,
      `  res.setHeader('x-${entity}-api', '${random.int(1, 4)}');`,
      '  next();',
      '});',
      '',
    );
  }
  for (const method of methods) {
    w.line(
      `router.${httpVerb(method)}('${routePath(entity, method)}', async (req${w.t('Request')}, res${w.t('Response')}, next${w.t('NextFunction')}) => {`,
      '  try {',
      ...handlerBody(w, random, entity, method, 'express', repositoryName(entity)).map((line) => `    ${line}`),
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '});',
      '',
    );
  }
  w.defaultExport('router');
  return w.text(`// ${entity} routes`);
}

function fastifyRoutes(random: Random, flavour: Flavour, entity: string): string {
  const w = new ModuleWriter(flavour);
  w.import('fastify', { types: ['FastifyInstance', 'FastifyPluginOptions'] });
  w.import(`../repositories/${entity}`, { named: [repositoryName(entity)] });
  w.import('../lib/http', { named: ['parsePagination'] });
  const fields = entityInterface(w, random, entity);
  w.typeOnly(`type ${pascal(entity)}Dto = { id: string } & Record<string, unknown>;`);
  validator(w, random, entity, fields);
  mapper(w, entity, fields);
  const methods = random.shuffle(METHODS).slice(0, random.int(2, 5));
  const lines = [`async function ${camel(entity)}Routes(fastify${w.t('FastifyInstance')}, _options${w.t('FastifyPluginOptions')}) {`];
  if (random.chance(0.5)) {
    lines.push(
      `  fastify.addHook('preHandler', async (request) => {`,
      `    request.log.debug({ url: request.url }, '${entity} request');`,
      '  });',
      '',
    );
  }
  for (const method of methods) {
    lines.push(
      `  fastify.${httpVerb(method)}('${routePath(entity, method)}', async (request, reply) => {`,
      ...handlerBody(w, random, entity, method, 'fastify', repositoryName(entity)).map((line) => `    ${line}`),
      '  });',
      '',
    );
  }
  lines.push('}');
  w.line(lines.join('\n'), '');
  w.defaultExport(`${camel(entity)}Routes`);
  return w.text(`// ${entity} routes (Fastify plugin)`);
}

function service(random: Random, flavour: Flavour, entity: string): string {
  const w = new ModuleWriter(flavour);
  const E = pascal(entity);
  w.import(`../repositories/${entity}`, { types: [`${E}Repository`] });
  w.import('../lib/events', { named: ['emit'] });
  const fields = entityInterface(w, random, entity);
  validator(w, random, entity, fields);
  const numeric = fields.find(([, type]) => type === 'number')?.[0] ?? 'version';
  const members = [
    `  ${w.ts ? `constructor(private readonly repository: ${E}Repository, private readonly clock: () => Date = () => new Date()) {}` : 'constructor(repository, clock = () => new Date()) {\n    this.repository = repository;\n    this.clock = clock;\n  }'}`,
    '',
    `  async get(id${w.t('string')}) {`,
    '    const found = await this.repository.findById(id);',
    `    if (!found) throw new Error(\`${entity} \${id} not found\`);`,
    '    return found;',
    '  }',
    '',
    `  async create(input${w.t(`Partial<${E}>`)}) {`,
    `    const errors = validate${E}(input${w.ts ? ' as Record<string, unknown>' : ''});`,
    "    if (errors.length > 0) throw new Error(errors.join('; '));",
    '    const created = await this.repository.create({ ...input, createdAt: this.clock().toISOString() });',
    `    emit('${entity}.created', { id: created.id });`,
    '    return created;',
    '  }',
    '',
    `  async total(ids${w.t('readonly string[]')})${w.t('Promise<number>')} {`,
    '    let sum = 0;',
    '    for (const id of ids) {',
    '      const item = await this.get(id);',
    `      sum += Number(item.${numeric} ?? 0);`,
    '    }',
    '    return sum;',
    '  }',
  ];
  for (let extra = random.int(0, 3); extra > 0; extra--) {
    const verb = random.pick(['archive', 'restore', 'touch', 'flag', 'approve', 'reject']);
    members.push(
      '',
      `  async ${verb}${extra}(id${w.t('string')}, reason${w.t('string')} = '${verb}') {`,
      '    const current = await this.get(id);',
      `    if (current.version !== undefined && current.version < ${random.int(0, 3)}) return current;`,
      `    const next = await this.repository.update(id, { ...current, updatedAt: this.clock().toISOString() });`,
      `    emit('${entity}.${verb}', { id, reason });`,
      '    return next;',
      '  }',
    );
  }
  w.declare(`${E}Service`, [`class ${E}Service {`, ...members, '}'].join('\n'));
  w.blank();
  utilities(w, random, random.int(0, 2), E);
  return w.text(`// ${entity} service`);
}

function reactComponent(random: Random, flavour: Flavour, entity: string): string {
  const w = new ModuleWriter(flavour);
  const E = pascal(entity);
  w.import('react', { named: ['useEffect', 'useMemo', 'useState'] });
  if (random.chance(0.5)) w.import('../hooks/useDebounce', { named: ['useDebounce'] });
  const fields = entityInterface(w, random, entity);
  w.typeOnly(`interface ${E}ListProps {\n  title?: string;\n  pageSize?: number;\n  onSelect?: (item: ${E}) => void;\n}`);
  const label = fields[0]?.[0] ?? 'id';
  const props = w.ts ? `{ title = '${plural(E)}', pageSize = ${random.pick([10, 20, 25])}, onSelect }: ${E}ListProps` : `{ title = '${plural(E)}', pageSize = ${random.pick([10, 20, 25])}, onSelect }`;
  const columns = fields.slice(0, random.int(2, Math.max(2, fields.length)));
  w.declare(
    `${E}List`,
    [
      `function ${E}List(${props}) {`,
      `  const [items, setItems] = useState${w.g(`${E}[]`)}([]);`,
      `  const [query, setQuery] = useState('');`,
      `  const [error, setError] = useState${w.g('string | null')}(null);`,
      '  const [page, setPage] = useState(1);',
      '',
      '  useEffect(() => {',
      '    const controller = new AbortController();',
      `    fetch(\`/api/${plural(entity)}?page=\${page}&limit=\${pageSize}\`, { signal: controller.signal })`,
      '      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))',
      '      .then((body) => setItems(body.items))',
      '      .catch((reason) => {',
      "        if (reason.name !== 'AbortError') setError(String(reason.message ?? reason));",
      '      });',
      '    return () => controller.abort();',
      '  }, [page, pageSize]);',
      '',
      '  const visible = useMemo(',
      `    () => items.filter((item) => String(item.${label} ?? '').toLowerCase().includes(query.toLowerCase())),`,
      '    [items, query],',
      '  );',
      '',
      '  if (error) return <p className="error">{error}</p>;',
      '',
      '  return (',
      `    <section className="${entity}-list">`,
      '      <header>',
      '        <h2>{title}</h2>',
      `        <input value={query} placeholder="Filter ${plural(entity)}" onChange={(event) => setQuery(event.target.value)} />`,
      '      </header>',
      '      <table>',
      '        <thead>',
      '          <tr>',
      ...columns.map(([name]) => `            <th>${name}</th>`),
      '          </tr>',
      '        </thead>',
      '        <tbody>',
      '          {visible.map((item) => (',
      '            <tr key={item.id} onClick={() => onSelect?.(item)}>',
      ...columns.map(([name]) => `              <td>{String(item.${name} ?? '—')}</td>`),
      '            </tr>',
      '          ))}',
      '        </tbody>',
      '      </table>',
      '      <footer>',
      '        <button disabled={page === 1} onClick={() => setPage((current) => current - 1)}>Previous</button>',
      '        <span>Page {page}</span>',
      '        <button disabled={items.length < pageSize} onClick={() => setPage((current) => current + 1)}>Next</button>',
      '      </footer>',
      '    </section>',
      '  );',
      '}',
    ].join('\n'),
  );
  w.blank();
  if (random.chance(0.6)) {
    w.declare(
      `${E}Badge`,
      [
        `function ${E}Badge({ item }${w.t(`{ item: ${E} }`)}) {`,
        `  const tone = item.id.length % 2 === 0 ? 'neutral' : '${random.pick(['info', 'warning', 'success'])}';`,
        `  return <span className={\`badge badge-\${tone}\`} title={item.id}>{String(item.${label} ?? item.id)}</span>;`,
        '}',
      ].join('\n'),
    );
    w.blank();
  }
  return w.text(`// ${E} components`);
}

function utilModule(random: Random, flavour: Flavour, entity: string): string {
  const w = new ModuleWriter(flavour);
  utilities(w, random, random.int(2, 5), pascal(entity));
  if (random.chance(0.5)) {
    const fields = entityInterface(w, random, entity);
    mapper(w, entity, fields);
    w.typeOnly(`type ${pascal(entity)}Dto = { id: string } & Record<string, unknown>;`);
  }
  return w.text(`// helpers (${entity})`);
}

function typesModule(random: Random, flavour: Flavour, entity: string): string {
  const w = new ModuleWriter(flavour);
  const E = pascal(entity);
  entityInterface(w, random, entity);
  w.line(
    `export enum ${E}Event {`,
    ...random.shuffle(['Created', 'Updated', 'Deleted', 'Archived', 'Restored', 'Exported']).slice(0, random.int(2, 6)).map((name) => `  ${name} = '${entity}.${name.toLowerCase()}',`),
    '}',
    '',
    `export type ${E}Patch = Partial<Omit<${E}, 'id'>> & { id: string };`,
    `export type ${E}Page = { items: ${E}[]; total: number; next?: string };`,
    '',
    `export interface ${E}Repository {`,
    `  findById(id: string): Promise<${E} | undefined>;`,
    `  list(options: { limit: number; offset: number; status?: string }): Promise<${E}[]>;`,
    `  create(input: Partial<${E}>): Promise<${E}>;`,
    `  update(id: string, patch: Partial<${E}>): Promise<${E}>;`,
    '  remove(id: string): Promise<void>;',
    '}',
    '',
    `export function is${E}(value: unknown): value is ${E} {`,
    "  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';",
    '}',
  );
  return w.text(`// ${E} types`);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Files with drivers                                                                                           */
/* ------------------------------------------------------------------------------------------------------------ */

type DriverKind = 'pg' | 'mysql2' | 'ioredis' | 'redis' | 'mongodb' | 's3' | 'undici';

/** A module-level client and how a repository uses it. `finding` variants break one rule on purpose. */
function driverRepository(random: Random, flavour: Flavour, entity: string, kind: DriverKind, finding: boolean): string {
  const w = new ModuleWriter(flavour);
  const E = pascal(entity);
  const table = plural(entity);
  const fields = entityInterface(w, random, entity);
  w.typeOnly(`type ${E}Dto = { id: string } & Record<string, unknown>;`);
  mapper(w, entity, fields);
  switch (kind) {
    case 'pg': {
      w.import('pg', { named: ['Pool'], types: ['PoolClient'] });
      const variant = finding ? random.pick(['no-finally', 'idle-zero', 'infinite']) : 'ok';
      const max = variant === 'infinite' ? 'Infinity' : String(random.int(5, 30));
      const idle = variant === 'idle-zero' ? '0' : String(random.pick([10_000, 30_000, 60_000]));
      w.line(`const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: ${max}, idleTimeoutMillis: ${idle} });`, '');
      w.declare(
        `find${E}`,
        [
          `async function find${E}(id${w.t('string')}) {`,
          `  const { rows } = await pool.query('SELECT * FROM ${table} WHERE id = $1', [id]);`,
          `  return rows[0] ? to${E}Dto(rows[0]) : undefined;`,
          '}',
        ].join('\n'),
      );
      w.blank();
      const transfer =
        variant === 'no-finally'
          ? [
              `async function move${E}(id${w.t('string')}, ownerId${w.t('string')}) {`,
              '  const client = await pool.connect();',
              "  await client.query('BEGIN');",
              `  await client.query('UPDATE ${table} SET owner_id = $2 WHERE id = $1', [id, ownerId]);`,
              "  await client.query('COMMIT');",
              '  client.release();',
              '}',
            ]
          : [
              `async function move${E}(id${w.t('string')}, ownerId${w.t('string')}) {`,
              '  const client = await pool.connect();',
              '  try {',
              "    await client.query('BEGIN');",
              `    await client.query('UPDATE ${table} SET owner_id = $2 WHERE id = $1', [id, ownerId]);`,
              "    await client.query('COMMIT');",
              '  } catch (error) {',
              "    await client.query('ROLLBACK');",
              '    throw error;',
              '  } finally {',
              '    client.release();',
              '  }',
              '}',
            ];
      w.declare(`move${E}`, transfer.join('\n'));
      w.blank();
      w.declare('closePool', 'const closePool = () => pool.end();');
      return w.text(`// ${E} repository (PostgreSQL)`);
    }
    case 'mysql2': {
      w.import('mysql2/promise', { default: 'mysql' });
      const variant = finding ? random.pick(['unlimited', 'no-release']) : 'ok';
      w.line(
        'const pool = mysql.createPool({',
        "  host: process.env.MYSQL_HOST ?? 'localhost',",
        "  user: process.env.MYSQL_USER ?? 'app',",
        "  database: process.env.MYSQL_DATABASE ?? 'app',",
        `  connectionLimit: ${variant === 'unlimited' ? '0' : '10'},`,
        `  maxIdle: ${variant === 'unlimited' ? '0' : '5'},`,
        '  idleTimeout: 60000,',
        '});',
        '',
      );
      w.declare(
        `list${plural(E)}`,
        [
          `async function list${plural(E)}(limit = 20) {`,
          `  const [rows] = await pool.query('SELECT * FROM ${table} LIMIT ?', [limit]);`,
          `  return (rows${w.ts ? ' as Record<string, unknown>[]' : ''}).map(to${E}Dto);`,
          '}',
        ].join('\n'),
      );
      w.blank();
      w.declare(
        `rename${E}`,
        (variant === 'no-release'
          ? [
              `async function rename${E}(id${w.t('string')}, name${w.t('string')}) {`,
              '  const connection = await pool.getConnection();',
              `  await connection.query('UPDATE ${table} SET name = ? WHERE id = ?', [name, id]);`,
              '  connection.release();',
              '}',
            ]
          : [
              `async function rename${E}(id${w.t('string')}, name${w.t('string')}) {`,
              '  const connection = await pool.getConnection();',
              '  try {',
              `    await connection.query('UPDATE ${table} SET name = ? WHERE id = ?', [name, id]);`,
              '  } finally {',
              '    connection.release();',
              '  }',
              '}',
            ]
        ).join('\n'),
      );
      return w.text(`// ${E} repository (MySQL)`);
    }
    case 'mongodb': {
      w.import('mongodb', { named: ['MongoClient', 'ObjectId'] });
      const variant = finding ? random.pick(['no-idle', 'loop']) : 'ok';
      w.line(
        `const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017', { maxPoolSize: ${random.int(10, 50)}${variant === 'no-idle' ? '' : ', maxIdleTimeMS: 60000'} });`,
        `const collection = client.db('app').collection('${table}');`,
        '',
      );
      w.declare(
        `find${E}`,
        [`async function find${E}(id${w.t('string')}) {`, '  const document = await collection.findOne({ _id: new ObjectId(id) });', `  return document ? to${E}Dto(document) : undefined;`, '}'].join('\n'),
      );
      w.blank();
      if (variant === 'loop') {
        w.declare(
          `copy${plural(E)}`,
          [
            `async function copy${plural(E)}(databases${w.t('string[]')}) {`,
            '  for (const name of databases) {',
            "    const source = new MongoClient(process.env.ARCHIVE_URL ?? 'mongodb://archive:27017', { maxPoolSize: 5, maxIdleTimeMS: 10000 });",
            `    const documents = await source.db(name).collection('${table}').find().toArray();`,
            '    if (documents.length > 0) await collection.insertMany(documents);',
            '    await source.close();',
            '  }',
            '}',
          ].join('\n'),
        );
      }
      return w.text(`// ${E} repository (MongoDB)`);
    }
    case 'ioredis': {
      w.import('ioredis', { default: 'Redis' });
      w.line(`const cache = new Redis(process.env.CACHE_URL ?? 'redis://localhost:6379/${random.int(0, 9)}');`, `const TTL_SECONDS = ${random.pick([30, 60, 300, 3600])};`, '');
      w.declare(
        `cached${E}`,
        [
          `async function cached${E}(id${w.t('string')}, load${w.t(`() => Promise<${E}Dto | undefined>`)}) {`,
          `  const key = \`${entity}:\${id}\`;`,
          '  const hit = await cache.get(key);',
          '  if (hit) return JSON.parse(hit);',
          '  const value = await load();',
          "  if (value) await cache.set(key, JSON.stringify(value), 'EX', TTL_SECONDS);",
          '  return value;',
          '}',
        ].join('\n'),
      );
      return w.text(`// ${E} cache (Redis)`);
    }
    case 'redis': {
      w.import('redis', { named: ['createClient'] });
      w.line("const client = createClient({ url: process.env.REDIS_URL ?? 'redis://localhost:6379' });", "client.on('error', (error) => console.error('cache error', error));", 'const ready = client.connect();', '');
      w.declare(
        `bump${E}`,
        [`async function bump${E}(id${w.t('string')})${w.t('Promise<number>')} {`, '  await ready;', `  return client.incr(\`${entity}:views:\${id}\`);`, '}'].join('\n'),
      );
      return w.text(`// ${E} counters (Redis)`);
    }
    case 's3': {
      w.import('@aws-sdk/client-s3', { named: ['S3Client', 'GetObjectCommand', 'PutObjectCommand'] });
      const variant = finding ? 'loop' : 'ok';
      w.line(`const s3 = new S3Client({ region: process.env.AWS_REGION ?? '${random.pick(['eu-west-1', 'us-east-1', 'eu-central-1'])}' });`, `const BUCKET = process.env.${entity.toUpperCase()}_BUCKET ?? '${entity}-files';`, '');
      w.declare(
        `upload${E}`,
        [`async function upload${E}(key${w.t('string')}, body${w.t('string')}) {`, '  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));', '}'].join('\n'),
      );
      w.blank();
      w.declare(
        `download${plural(E)}`,
        (variant === 'loop'
          ? [
              `async function download${plural(E)}(keys${w.t('string[]')}) {`,
              `  const bodies${w.t('string[]')} = [];`,
              '  for (const key of keys) {',
              "    const client = new S3Client({ region: process.env.AWS_REGION ?? 'eu-west-1' });",
              '    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));',
              "    bodies.push((await object.Body?.transformToString()) ?? '');",
              '  }',
              '  return bodies;',
              '}',
            ]
          : [
              `async function download${plural(E)}(keys${w.t('string[]')}) {`,
              '  return Promise.all(',
              '    keys.map(async (key) => {',
              '      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));',
              "      return (await object.Body?.transformToString()) ?? '';",
              '    }),',
              '  );',
              '}',
            ]
        ).join('\n'),
      );
      return w.text(`// ${E} files (S3)`);
    }
    case 'undici': {
      w.import('undici', { named: ['Pool'] });
      const variant = finding ? 'unlimited' : 'ok';
      w.line(
        `const upstream = new Pool(process.env.${entity.toUpperCase()}_API ?? 'http://localhost:${random.int(3000, 9000)}'${variant === 'unlimited' ? '' : `, { connections: ${random.int(4, 64)} }`});`,
        '',
      );
      w.declare(
        `fetch${E}`,
        [
          `async function fetch${E}(id${w.t('string')}) {`,
          `  const { statusCode, body } = await upstream.request({ method: 'GET', path: \`/${plural(entity)}/\${id}\` });`,
          '  if (statusCode === 404) return undefined;',
          `  return to${E}Dto(${w.ts ? '(await body.json()) as Record<string, unknown>' : 'await body.json()'});`,
          '}',
        ].join('\n'),
      );
      return w.text(`// ${E} upstream client (undici)`);
    }
  }
}

/** An Express route file with a driver: correct (module-level client) or with a per-request / closing finding. */
function driverRoutes(random: Random, flavour: Flavour, entity: string, finding: boolean): string {
  const w = new ModuleWriter(flavour);
  const E = pascal(entity);
  const table = plural(entity);
  const kind = random.pick(['pg', 'ioredis', 'mongodb'] as const);
  w.import('express', { named: ['Router'], types: ['Request', 'Response'] });
  if (kind === 'pg') w.import('pg', { named: ['Pool', 'Client'] });
  if (kind === 'ioredis') w.import('ioredis', { default: 'Redis' });
  if (kind === 'mongodb') w.import('mongodb', { named: ['MongoClient'] });
  const fields = entityInterface(w, random, entity);
  w.typeOnly(`type ${E}Dto = { id: string } & Record<string, unknown>;`);
  mapper(w, entity, fields);
  const variant = finding ? random.pick(['per-request', 'close']) : 'ok';
  const shared = {
    pg: 'const db = new Pool({ max: 10, idleTimeoutMillis: 30000 });',
    ioredis: "const db = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');",
    mongodb: "const db = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017', { maxPoolSize: 20, maxIdleTimeMS: 60000 });",
  }[kind];
  const perRequest = {
    pg: "    const db = new Client({ connectionString: process.env.DATABASE_URL });\n    await db.connect();",
    ioredis: "    const db = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');",
    mongodb: "    const db = await MongoClient.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017', { maxPoolSize: 5, maxIdleTimeMS: 1000 });",
  }[kind];
  const read = {
    pg: `(await db.query('SELECT * FROM ${table} WHERE id = $1', [req.params.id])).rows[0]`,
    ioredis: `JSON.parse((await db.get(\`${entity}:\${req.params.id}\`)) ?? 'null')`,
    mongodb: `await db.db('app').collection('${table}').findOne({ slug: req.params.id })`,
  }[kind];
  const close = { pg: 'await db.end();', ioredis: 'await db.quit();', mongodb: 'await db.close();' }[kind];
  w.line('const router = Router();');
  if (variant !== 'per-request') w.line(shared);
  w.line('');
  w.line(
    `router.get('/${table}/:id', async (req${w.t('Request')}, res${w.t('Response')}) => {`,
    ...(variant === 'per-request' ? [perRequest] : []),
    `    const row = ${read};`,
    ...(variant === 'close' ? [`    ${close}`] : variant === 'per-request' && kind !== 'mongodb' ? [`    ${close}`] : []),
    `    if (!row) { res.status(404).json({ error: '${entity} not found' }); return; }`,
    `    res.json(to${E}Dto(row));`,
    '});',
    '',
  );
  for (let extra = random.int(0, 2); extra > 0; extra--) {
    w.line(`router.get('/${table}/:id/summary${extra}', async (req${w.t('Request')}, res${w.t('Response')}) => {`, ...(variant === 'per-request' ? [perRequest] : []), `  const row = ${read};`, `  res.json({ id: req.params.id, found: Boolean(row), at: Date.now() });`, '});', '');
  }
  w.defaultExport('router');
  return w.text(`// ${E} routes (${kind})`);
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The generated app tree                                                                                       */
/* ------------------------------------------------------------------------------------------------------------ */

type FileKind = 'express' | 'fastify' | 'service' | 'react' | 'util' | 'types';

const FLAVOURS: Readonly<Record<FileKind, readonly (readonly [Flavour, number])[]>> = {
  express: [
    [{ language: 'ts', module: 'esm', extension: '.ts' }, 6],
    [{ language: 'js', module: 'cjs', extension: '.js' }, 3],
    [{ language: 'js', module: 'esm', extension: '.mjs' }, 1],
  ],
  fastify: [
    [{ language: 'ts', module: 'esm', extension: '.ts' }, 6],
    [{ language: 'js', module: 'esm', extension: '.mjs' }, 2],
    [{ language: 'js', module: 'cjs', extension: '.cjs' }, 1],
  ],
  service: [
    [{ language: 'ts', module: 'esm', extension: '.ts' }, 6],
    [{ language: 'js', module: 'cjs', extension: '.cjs' }, 2],
    [{ language: 'ts', module: 'esm', extension: '.mts' }, 1],
    [{ language: 'ts', module: 'cjs', extension: '.cts' }, 1],
  ],
  react: [
    [{ language: 'ts', module: 'esm', extension: '.tsx' }, 7],
    [{ language: 'js', module: 'esm', extension: '.jsx' }, 3],
  ],
  util: [
    [{ language: 'ts', module: 'esm', extension: '.ts' }, 5],
    [{ language: 'js', module: 'esm', extension: '.js' }, 3],
    [{ language: 'js', module: 'cjs', extension: '.cjs' }, 1],
  ],
  types: [[{ language: 'ts', module: 'esm', extension: '.ts' }, 1]],
};

const FOLDERS: Readonly<Record<FileKind, string>> = {
  express: 'routes',
  fastify: 'plugins',
  service: 'services',
  react: 'components',
  util: 'lib',
  types: 'types',
};

/** `count` application files; the first n of a bigger run are the same files (a prefix). */
export function generateAppFiles(count: number): GeneratedFile[] {
  const random = new Random(GENERATOR_SEED);
  const files: GeneratedFile[] = [];
  const used = new Set<string>();
  for (let index = 0; index < count; index++) {
    const app = SERVICES[index % SERVICES.length] ?? 'app';
    const entity = random.pick(ENTITIES);
    const driver = random.chance(0.15);
    if (driver) {
      const finding = random.chance(0.35);
      const routes = random.chance(0.3);
      const flavour = random.weighted(FLAVOURS[routes ? 'express' : 'service']);
      const kind = random.pick(['pg', 'pg', 'mysql2', 'ioredis', 'redis', 'mongodb', 's3', 'undici'] as const);
      const text = routes ? driverRoutes(random, flavour, entity, finding) : driverRepository(random, flavour, entity, kind, finding);
      const folder = routes ? 'routes' : 'data';
      files.push({ path: unique(used, `${app}/src/${folder}/${entity}${routes ? '-routes' : `-${kind}`}`, flavour.extension), text, driver, seededFinding: finding });
      continue;
    }
    const kind = random.weighted<FileKind>([
      ['express', 18],
      ['fastify', 10],
      ['service', 20],
      ['react', 22],
      ['util', 18],
      ['types', 12],
    ]);
    const flavour = random.weighted(FLAVOURS[kind]);
    const text = {
      express: expressRoutes,
      fastify: fastifyRoutes,
      service,
      react: reactComponent,
      util: utilModule,
      types: typesModule,
    }[kind](random, flavour, entity);
    files.push({ path: unique(used, `${app}/src/${FOLDERS[kind]}/${entity}`, flavour.extension), text, driver: false, seededFinding: false });
  }
  return files;
}

function unique(used: Set<string>, stem: string, extension: string): string {
  let candidate = `${stem}${extension}`;
  for (let n = 2; used.has(candidate); n++) candidate = `${stem}-${n}${extension}`;
  used.add(candidate);
  return candidate;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The two 5,000-line files                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

/**
 * A 5,000-line Express app (TypeScript). With drivers: a module-level pg Pool and ioredis client used by ~200
 * handlers in ~100 blocks, and four seeded findings (a Redis client built in a handler, a pooled client released
 * without `finally`, a shared pool closed in a handler, a Redis client built in a loop, which is also per request). Without drivers: the same handlers over an
 * injected `db`/`cache` from local modules, and no catalogue module name anywhere in the text.
 *
 * The last line is `// revision 0`; the language-server benchmark edits it.
 */
export function generateLargeFile(withDrivers: boolean): string {
  const random = new Random(GENERATOR_SEED + (withDrivers ? 1 : 2));
  const lines: string[] = [
    withDrivers ? '// A large Express service on PostgreSQL and Redis (generated for the lint benchmark).' : '// A large Express service over local data modules (generated for the lint benchmark).',
    "import express, { type NextFunction, type Request, type Response } from 'express';",
    ...(withDrivers ? ["import { Pool } from 'pg';", "import Redis from 'ioredis';"] : ["import { db } from './data/db';", "import { cache } from './data/cache';"]),
    '',
    ...(withDrivers
      ? [
          'const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, idleTimeoutMillis: 30_000 });',
          "const cache = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');",
        ]
      : []),
    'const app = express();',
    'app.use(express.json());',
    '',
  ];
  /** Blocks (of ~50 lines, ~100 in the file) that carry a finding in the driver variant. */
  const findingsAt = new Map<number, 'per-request' | 'no-finally' | 'close' | 'loop'>([
    [9, 'per-request'],
    [33, 'no-finally'],
    [57, 'close'],
    [81, 'loop'],
  ]);
  const handler = (method: string, path: string, body: readonly string[]): string[] => [
    `app.${method}('${path}', async (req: Request, res: Response, next: NextFunction) => {`,
    '  try {',
    ...body.map((line) => `    ${line}`),
    '  } catch (error) {',
    '    next(error);',
    '  }',
    '});',
    '',
  ];
  const footer = ['app.listen(Number(process.env.PORT ?? 3000));', '// revision 0'];
  for (let block = 0; lines.length < LARGE_FILE_LINES - 60; block++) {
    const entity = ENTITIES[block % ENTITIES.length] ?? 'item';
    const E = `${pascal(entity)}${block}`;
    const table = `${plural(entity)}_${block}`;
    const base = `/api/${plural(entity)}-${block}`;
    const fields = random.shuffle(FIELDS).slice(0, random.int(3, 6));
    const finding = withDrivers ? findingsAt.get(block) : undefined;
    lines.push(
      `interface ${E} {`,
      '  id: string;',
      ...fields.map(([name, type]) => `  ${name}: ${type};`),
      '}',
      '',
      `function to${E}(row: Record<string, any>): ${E} {`,
      `  return { id: String(row.id), ${fields.map(([name, , fallback]) => `${name}: row.${name} ?? ${fallback}`).join(', ')} };`,
      '}',
      '',
    );
    lines.push(
      ...handler('get', `${base}/:id`, [
        ...(finding === 'per-request' ? ["const cache = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');"] : []),
        `const key = \`${entity}-${block}:\${req.params.id}\`;`,
        'const hit = await cache.get(key);',
        'if (hit) {',
        '  res.json(JSON.parse(hit));',
        '  return;',
        '}',
        `const { rows } = await db.query('SELECT * FROM ${table} WHERE id = $1', [req.params.id]);`,
        'if (rows.length === 0) {',
        `  res.status(404).json({ error: '${entity} not found' });`,
        '  return;',
        '}',
        `const value = to${E}(rows[0]);`,
        `await cache.set(key, JSON.stringify(value), 'EX', ${random.pick([30, 60, 300])});`,
        'res.json(value);',
      ]),
    );
    if (finding === 'no-finally') {
      lines.push(
        ...handler('post', `${base}/transfer`, [
          'const client = await db.connect();',
          "await client.query('BEGIN');",
          `await client.query('UPDATE ${table} SET owner_id = $2 WHERE id = $1', [req.body.id, req.body.ownerId]);`,
          "await client.query('COMMIT');",
          'client.release();',
          'res.status(204).end();',
        ]),
      );
    } else if (finding === 'close') {
      lines.push(...handler('post', `/admin/${plural(entity)}-${block}/reset`, ['await db.end();', 'res.status(202).end();']));
    } else if (finding === 'loop') {
      lines.push(
        ...handler('post', `${base}/warm`, [
          'for (const id of req.body.ids as string[]) {',
          "  const shard = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');",
          `  await shard.set(\`${entity}-${block}:\${id}\`, '1');`,
          '}',
          'res.status(204).end();',
        ]),
      );
    } else {
      lines.push(
        ...handler('put', `${base}/:id`, [
          `const body = req.body as Partial<${E}>;`,
          "if (Object.values(body).some((value) => typeof value === 'number' && value < 0)) {",
          "  res.status(422).json({ error: 'negative value' });",
          '  return;',
          '}',
          `const { rows } = await db.query('UPDATE ${table} SET data = $2 WHERE id = $1 RETURNING *', [req.params.id, body]);`,
          `await cache.del(\`${entity}-${block}:\${req.params.id}\`);`,
          `res.json(rows[0] ? to${E}(rows[0]) : null);`,
        ]),
      );
    }
  }
  for (let n = 1; lines.length < LARGE_FILE_LINES - footer.length; n++) lines.push(`// end of routes (${n})`);
  lines.push(...footer);
  return `${lines.join('\n')}\n`;
}
