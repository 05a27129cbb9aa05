/**
 * The `poolguard.*` settings: validation of what a client sends, and a per-resource cache.
 *
 * Settings are pulled with `workspace/configuration` for each document (scopeUri), as vscode-eslint does, because
 * they are resource-scoped: one folder may turn a rule off. Never keep settings in globals — every consumer asks
 * the store for the document at hand; `clear()` (on `workspace/didChangeConfiguration`) drops the cache and bumps
 * `generation`, which is part of every cached lint's identity.
 */
import type { ClientFactory, EngineSettings, RuleSeverity } from '../engine';
import type { RuntimeSetting } from './protocol';

export type TraceSetting = 'off' | 'messages' | 'verbose';

export interface Settings {
  readonly enable: boolean;
  /** Full rule ids (`poolguard/<rule>`) → severity; only rules the engine knows. */
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  /** Full rule ids → options, from ESLint's `[severity, ...options]` form in `poolguard.rules` (validated). */
  readonly ruleOptions: Readonly<Record<string, readonly unknown[]>>;
  readonly clientFactories: readonly ClientFactory[];
  /** gitignore-syntax globs, relative to the workspace folder (see `ignore.ts`). */
  readonly ignore: readonly string[];
  readonly runtime: RuntimeSetting;
  readonly debounceMs: number;
  readonly trace: TraceSetting;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enable: true,
  rules: Object.freeze({}),
  ruleOptions: Object.freeze({}),
  clientFactories: Object.freeze([]),
  ignore: Object.freeze([]),
  runtime: 'auto',
  debounceMs: 150,
  trace: 'off',
});

/** Longer than any sensible debounce; a typo like 150000 would otherwise look like "PoolGuard does nothing". */
const MAX_DEBOUNCE_MS = 10_000;

const RUNTIMES: readonly RuntimeSetting[] = ['auto', 'node', 'lambda', 'edge'];
const TRACES: readonly TraceSetting[] = ['off', 'messages', 'verbose'];
const FACTORY_KINDS: readonly ClientFactory['kind'][] = ['pool', 'client'];

export interface NormalizedSettings {
  readonly settings: Settings;
  /** One line per value that was invalid and replaced by its default (logged once by the caller). */
  readonly problems: readonly string[];
}

/** What validation needs to know about the rules (the engine provides it). */
export interface RuleCatalogue {
  resolveRuleId(id: string): string | undefined;
  /** ESLint's reason for rejecting a rule's options, or `undefined` when they are valid. */
  ruleOptionsProblem(ruleId: string, options: readonly unknown[]): string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ESLint's severity forms: names and 0/1/2. */
function severityOf(value: unknown): RuleSeverity | undefined {
  if (value === 'off' || value === 0) return 'off';
  if (value === 'warn' || value === 1) return 'warn';
  if (value === 'error' || value === 2) return 'error';
  return undefined;
}

interface NormalizedRules {
  readonly rules: Record<string, RuleSeverity>;
  readonly ruleOptions: Record<string, unknown[]>;
}

/**
 * `poolguard.rules`: rule id (with or without `poolguard/`) → a severity, or ESLint's `[severity, ...options]`
 * (e.g. `["warn", { "requireExplicit": true }]`, the strict config's form). Options are checked against the rule's
 * schema up front: invalid options would otherwise make ESLint reject the whole config, for every file.
 */
function normalizeRules(value: unknown, catalogue: RuleCatalogue, problems: string[]): NormalizedRules {
  const normalized: NormalizedRules = { rules: {}, ruleOptions: {} };
  if (value === undefined || value === null) return normalized;
  if (!isRecord(value)) {
    problems.push('poolguard.rules must be an object of rule id → "off" | "warn" | "error" (or [severity, options]); ignored.');
    return normalized;
  }
  for (const [id, raw] of Object.entries(value)) {
    const fullId = catalogue.resolveRuleId(id);
    const [level, ...options] = Array.isArray(raw) ? (raw as unknown[]) : [raw];
    const severity = severityOf(level);
    if (fullId === undefined) {
      problems.push(`poolguard.rules: unknown rule '${id}'; ignored.`);
      continue;
    }
    if (severity === undefined) {
      problems.push(`poolguard.rules: '${id}' has an invalid severity ${JSON.stringify(level)}; ignored.`);
      continue;
    }
    normalized.rules[fullId] = severity;
    if (options.length === 0) continue;
    const problem = catalogue.ruleOptionsProblem(fullId, options);
    if (problem === undefined) normalized.ruleOptions[fullId] = options;
    else problems.push(`poolguard.rules: invalid options for '${id}' (${problem}); using the rule's defaults.`);
  }
  return normalized;
}

function normalizeFactories(value: unknown, problems: string[]): ClientFactory[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push('poolguard.clientFactories must be an array of { module?, name, kind }; ignored.');
    return [];
  }
  const factories: ClientFactory[] = [];
  for (const entry of value as unknown[]) {
    const valid =
      isRecord(entry) &&
      typeof entry['name'] === 'string' &&
      entry['name'] !== '' &&
      FACTORY_KINDS.includes(entry['kind'] as ClientFactory['kind']) &&
      (entry['module'] === undefined || typeof entry['module'] === 'string');
    if (!valid) {
      problems.push(`poolguard.clientFactories: ${JSON.stringify(entry)} is not { module?: string, name: string, kind: "pool" | "client" }; ignored.`);
      continue;
    }
    const module = entry['module'] as string | undefined;
    factories.push({ ...(module === undefined ? {} : { module }), name: entry['name'] as string, kind: entry['kind'] as ClientFactory['kind'] });
  }
  return factories;
}

function normalizeIgnore(value: unknown, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    problems.push('poolguard.ignore must be an array of glob strings; ignored.');
    return [];
  }
  return value.filter((item) => item.trim() !== '');
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T, problems: string[]): T {
  if (value === undefined || value === null) return fallback;
  if (allowed.includes(value as T)) return value as T;
  problems.push(`${name} must be one of ${allowed.map((item) => `"${item}"`).join(', ')}; using "${fallback}".`);
  return fallback;
}

function normalizeDebounce(value: unknown, problems: string[]): number {
  if (value === undefined || value === null) return DEFAULT_SETTINGS.debounceMs;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    problems.push(`poolguard.debounceMs must be a number ≥ 0; using ${DEFAULT_SETTINGS.debounceMs}.`);
    return DEFAULT_SETTINGS.debounceMs;
  }
  return Math.min(Math.round(value), MAX_DEBOUNCE_MS);
}

/**
 * Validates a `poolguard` section as a client sends it (anything, including `null` for "not set"). Every invalid
 * value falls back to its default and is reported, so one typo never disables the whole server.
 */
export function normalizeSettings(raw: unknown, catalogue: RuleCatalogue): NormalizedSettings {
  const problems: string[] = [];
  const section = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) problems.push('the poolguard settings section is not an object; using defaults.');
  const enable = section['enable'];
  if (enable !== undefined && enable !== null && typeof enable !== 'boolean') problems.push('poolguard.enable must be a boolean; using true.');
  const trace = isRecord(section['trace']) ? section['trace']['server'] : undefined;
  const { rules, ruleOptions } = normalizeRules(section['rules'], catalogue, problems);
  const settings: Settings = {
    enable: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.enable,
    rules,
    ruleOptions,
    clientFactories: normalizeFactories(section['clientFactories'], problems),
    ignore: normalizeIgnore(section['ignore'], problems),
    runtime: oneOf('poolguard.runtime', section['runtime'], RUNTIMES, DEFAULT_SETTINGS.runtime, problems),
    debounceMs: normalizeDebounce(section['debounceMs'], problems),
    trace: oneOf('poolguard.trace.server', trace, TRACES, DEFAULT_SETTINGS.trace, problems),
  };
  return { settings, problems };
}

const PER_REQUEST_RULE = 'poolguard/no-client-per-request';

/**
 * What the engine needs from the settings: severities, rule options, and the `runtime` setting as the option of
 * no-client-per-request (over a `runtime` written in that rule's options), and the user's factories.
 */
export function engineSettingsOf(settings: Settings): EngineSettings {
  const ruleOptions: Record<string, readonly unknown[]> = { ...settings.ruleOptions };
  // 'auto' is the rule's default: leaving it out keeps the config identical to the CLI's (same memoized config).
  if (settings.runtime !== 'auto') {
    const [first, ...rest] = ruleOptions[PER_REQUEST_RULE] ?? [];
    ruleOptions[PER_REQUEST_RULE] = [{ ...(isRecord(first) ? first : {}), runtime: settings.runtime }, ...rest];
  }
  return {
    rules: settings.rules,
    ...(Object.keys(ruleOptions).length === 0 ? {} : { ruleOptions }),
    ...(settings.clientFactories.length === 0 ? {} : { clientFactories: settings.clientFactories }),
  };
}

/** Reads the raw `poolguard` section for a resource (a document or folder URI). */
export type SettingsSource = (scopeUri: string) => Promise<unknown>;

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly reported = new Set<string>();
  private currentGeneration = 0;

  constructor(
    private readonly source: SettingsSource,
    private readonly catalogue: RuleCatalogue,
    private readonly warn: (message: string) => void,
  ) {}

  /** Bumped by every `clear()`; lints remember the generation of the settings they ran with. */
  get generation(): number {
    return this.currentGeneration;
  }

  /** The settings for a resource, fetched once per URI until the next `clear()`. Never rejects. */
  get(uri: string): Promise<Settings> {
    let settings = this.cache.get(uri);
    if (settings === undefined) {
      settings = this.fetch(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  clear(): void {
    this.cache.clear();
    this.currentGeneration++;
  }

  /** Drops one URI (its document closed), so the cache holds only open documents and folders. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async fetch(uri: string): Promise<Settings> {
    let raw: unknown;
    try {
      raw = await this.source(uri);
    } catch (error) {
      this.report(`PoolGuard could not read its settings (${error instanceof Error ? error.message : String(error)}); using defaults.`);
      return DEFAULT_SETTINGS;
    }
    const { settings, problems } = normalizeSettings(raw, this.catalogue);
    for (const problem of problems) this.report(`Invalid setting: ${problem}`);
    return settings;
  }

  /** The same problem is fetched for every document; say it once per session. */
  private report(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.warn(message);
  }
}
