import type { WebhookConfig } from '../../src/config/load-config.js';

/** A webhook that wants every run event (so each record owes exactly one event). */
export const RUN_HOOK: WebhookConfig = {
  id: 'runs',
  url: 'http://127.0.0.1:9/hook',
  events: ['execution.started', 'execution.finished'],
  secret_env: 'HOOK_SECRET',
  format: 'standard',
  max_attempts: 8,
};
