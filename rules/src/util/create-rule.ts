import type { JSONSchema } from '@typescript-eslint/utils';
import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra docs fields every PoolGuard rule declares; configs are computed from `recommended`. */
export interface PoolGuardDocs {
  description: string;
  recommended: 'error' | 'warn';
  /** Included in `configs.strict` with `requireExplicit: true` where the rule has that option. */
  strict?: boolean;
}

export const DOCS_BASE_URL = 'https://github.com/poolguard/poolguard/blob/main/rules/docs/';

export const createRule = ESLintUtils.RuleCreator<PoolGuardDocs>((name) => `${DOCS_BASE_URL}${name}.md`);

/** The options schema of the pool-option rules: `{ requireExplicit?: boolean }`, described for the docs. */
export function requireExplicitSchema(description: string): JSONSchema.JSONSchema4[] {
  return [
    {
      type: 'object',
      properties: { requireExplicit: { type: 'boolean', description } },
      additionalProperties: false,
    },
  ];
}

/** The `clientFactories` option shared by the rules that count declared factories as constructions. */
export function clientFactoriesSchema(description: string): JSONSchema.JSONSchema4 {
  return {
    type: 'array',
    description,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'kind'],
      properties: {
        module: { type: 'string', description: 'The module specifier as imported; omit to match the name anywhere.' },
        name: { type: 'string', description: 'The exported function or class name.' },
        kind: { type: 'string', enum: ['pool', 'client'], description: 'What the factory builds.' },
      },
    },
  };
}

/** The `runtime` option: edge / Workers detection and its override. */
export function runtimeSchema(description: string): JSONSchema.JSONSchema4 {
  return { type: 'string', enum: ['auto', 'node', 'lambda', 'edge'], description };
}
