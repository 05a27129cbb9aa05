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
