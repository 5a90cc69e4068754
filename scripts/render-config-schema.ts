// The text of definitions/schema/config.schema.json: the config schema of src/config/config-schema.ts as JSON,
// formatted by the repo's prettier settings. Written by `npm run build` (write-config-schema.ts) and compared with the
// committed file by test/config/config-schema.test.ts.
import { format, resolveConfig } from 'prettier';
import { CONFIG_SCHEMA } from '../src/config/config-schema.js';

export const CONFIG_SCHEMA_FILE = 'definitions/schema/config.schema.json';

export async function renderConfigSchema(root: string): Promise<string> {
  const options = (await resolveConfig(`${root}/${CONFIG_SCHEMA_FILE}`)) ?? {};
  return format(JSON.stringify(CONFIG_SCHEMA), { ...options, parser: 'json' });
}
