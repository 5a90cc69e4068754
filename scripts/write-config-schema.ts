// Part of `npm run build`: write definitions/schema/config.schema.json from src/config/config-schema.ts, the one
// definition of opsledger.yaml (docs/architecture.md "One source per shape"). Writes only when the text changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { CONFIG_SCHEMA_FILE, renderConfigSchema } from './render-config-schema.js';

const text = await renderConfigSchema(process.cwd());
let current = '';
try {
  current = readFileSync(CONFIG_SCHEMA_FILE, 'utf8');
} catch {
  // first write
}
if (current !== text) writeFileSync(CONFIG_SCHEMA_FILE, text);
