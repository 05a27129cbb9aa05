/** The rule registry: the plugin, the configs, the CLI and the language server all read this one object. */
import noClientInLoop from './no-client-in-loop';
import noClientPerRequest from './no-client-per-request';
import noSharedPoolCloseInHandler from './no-shared-pool-close-in-handler';
import releasePooledClient from './release-pooled-client';
import requireIdleTimeout from './require-idle-timeout';
import requirePoolLimit from './require-pool-limit';

export const rules = {
  'no-client-per-request': noClientPerRequest,
  'require-pool-limit': requirePoolLimit,
  'require-idle-timeout': requireIdleTimeout,
  'no-client-in-loop': noClientInLoop,
  'release-pooled-client': releasePooledClient,
  'no-shared-pool-close-in-handler': noSharedPoolCloseInHandler,
};

export type RuleId = keyof typeof rules;
