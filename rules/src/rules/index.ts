/** The rule registry: the plugin, the configs, the CLI and the language server all read this one object. */
import noClientPerRequest from './no-client-per-request';
import requireIdleTimeout from './require-idle-timeout';
import requirePoolLimit from './require-pool-limit';

export const rules = {
  'no-client-per-request': noClientPerRequest,
  'require-pool-limit': requirePoolLimit,
  'require-idle-timeout': requireIdleTimeout,
};

export type RuleId = keyof typeof rules;
