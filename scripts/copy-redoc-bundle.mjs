// Part of `npm run build`: copy Redoc's standalone bundle (a dev dependency) into dist/assets/, where
// `opsledger serve` serves it for /api/v1/docs (docs/api.md#api-docs); the installed package needs no `redoc`.
// Two edits, so that the page asks nothing of anyone but this server: the source map comment goes (the map is not
// shipped), and the "API docs by Redocly" footer logo, an <img> loaded from cdn.redoc.ly, becomes an empty inline SVG.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const source = 'node_modules/redoc/bundles/redoc.standalone.js';
const target = 'dist/assets/redoc.standalone.js';
const LOGO = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';
const EMPTY_SVG = '"data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27/%3E"';

let bundle = readFileSync(source, 'utf8');
if (!bundle.includes(LOGO))
  throw new Error(`${source}: the Redocly logo URL moved; update scripts/copy-redoc-bundle.mjs`);
bundle = bundle.replace(LOGO, EMPTY_SVG).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
mkdirSync('dist/assets', { recursive: true });
writeFileSync(target, bundle);
copyFileSync(`${source}.LICENSE.txt`, `${target}.LICENSE.txt`);
