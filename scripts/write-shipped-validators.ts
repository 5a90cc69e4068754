// Part of `npm run build`: write src/definitions/shipped-validators.generated.ts from the shipped definition schemas
// (scripts/render-shipped-validators.ts). Writes only when the text changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderShippedValidators, SHIPPED_VALIDATORS_FILE } from './render-shipped-validators.js';

const text = renderShippedValidators();
let current = '';
try {
  current = readFileSync(SHIPPED_VALIDATORS_FILE, 'utf8');
} catch {
  // first write
}
if (current !== text) writeFileSync(SHIPPED_VALIDATORS_FILE, text);
