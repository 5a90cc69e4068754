import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderConfigSchema, CONFIG_SCHEMA_FILE } from '../../scripts/render-config-schema.js';
import { applySchemaDefaults } from '../../src/config/apply-schema-defaults.js';
import { CONFIG_SCHEMA } from '../../src/config/config-schema.js';
import { withDefaults } from '../../src/config/load-config.js';
import { loadValidators } from '../../src/definitions/schemas.js';
import { ROOT } from '../helpers/cli.js';

const committed = readFileSync(path.join(ROOT, CONFIG_SCHEMA_FILE), 'utf8');

describe('#15.1 the config schema is the one source of opsledger.yaml', () => {
  it('#15.1 definitions/schema/config.schema.json is the TypeScript schema, as `npm run build` writes it', async () => {
    expect(JSON.parse(committed), 'run `npm run build` to rewrite the JSON from config-schema.ts').toEqual(
      JSON.parse(JSON.stringify(CONFIG_SCHEMA)),
    );
    expect(committed).toBe(await renderConfigSchema(ROOT));
    // The global setup ran `npm run build`, which rewrote the file: a key added to the JSON by hand (and not to
    // config-schema.ts) is gone now and shows as a change, as does a TypeScript edit whose JSON was not committed.
    const status = execFileSync('git', ['status', '--porcelain', '--', CONFIG_SCHEMA_FILE], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(
      status,
      `${CONFIG_SCHEMA_FILE} is written from src/config/config-schema.ts: put keys there and commit both`,
    ).toBe('');
  });

  it('#15.1 an empty opsledger.yaml gets every default of the schema, and the result is schema-valid', () => {
    const config = withDefaults({});
    expect(config).toEqual({
      branch: 'main',
      paths: { definitions: 'definitions', reports: 'reports', data_dir: '.opsledger' },
      retention: {},
      reports: { stale_days: 30, failing_streak: 3, outcome_window: 20 },
      webhooks: [],
      server: {
        rate_limit_per_minute: 600,
        refresh_seconds: 30,
        recording_lease_seconds: 60,
        trust_proxy: false,
      },
      executions: { require_server: false },
      github: { remote: 'origin' },
      schedules: {},
      approvals: { required: { high: 1, medium: 1, low: 1 } },
      journal: { backend: 'file', url_env: 'OPSLEDGER_DATABASE_URL' },
    });
    const validate = loadValidators().config;
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('#15.1 defaults fill array items and never replace a value the file sets', () => {
    const config = withDefaults({
      server: { trust_proxy: 'loopback' },
      webhooks: [{ id: 'w', url: 'https://example.com/h', events: ['journal.tampered'], format: 'slack' }],
    });
    expect(config.server).toEqual({
      rate_limit_per_minute: 600,
      refresh_seconds: 30,
      recording_lease_seconds: 60,
      trust_proxy: 'loopback',
    });
    expect(config.webhooks[0]).toMatchObject({ format: 'slack', max_attempts: 8 });
  });

  it('#15.1 applying defaults keeps every given value, fills every missing default, is idempotent and pure', () => {
    const section = (keys: Record<string, fc.Arbitrary<unknown>>) => fc.record(keys, { requiredKeys: [] });
    const input = section({
      branch: fc.constantFrom('main', 'trunk'),
      paths: section({ definitions: fc.string({ minLength: 1 }), data_dir: fc.string({ minLength: 1 }) }),
      reports: section({ stale_days: fc.nat(), outcome_window: fc.nat() }),
      server: section({ trust_proxy: fc.oneof(fc.boolean(), fc.nat(), fc.string()) }),
      github: section({ owner: fc.string() }),
    });
    fc.assert(
      fc.property(input, (raw) => {
        const before = structuredClone(raw);
        const filled = applySchemaDefaults(CONFIG_SCHEMA, raw) as Record<string, Record<string, unknown>>;
        expect(raw).toEqual(before);
        for (const [key, value] of Object.entries(raw)) {
          if (value !== null && typeof value === 'object') expect(filled[key]).toMatchObject(value);
          else expect(filled[key]).toBe(value);
        }
        for (const [key, sub] of Object.entries(CONFIG_SCHEMA.properties)) {
          if ('default' in sub) expect(filled[key], key).toBeDefined();
        }
        for (const [key, def] of Object.entries(CONFIG_SCHEMA.properties.server.properties)) {
          expect(filled.server?.[key], `server.${key}`).toEqual(
            (raw.server as Record<string, unknown> | undefined)?.[key] ??
              ('default' in def ? def.default : undefined),
          );
        }
        expect(applySchemaDefaults(CONFIG_SCHEMA, filled)).toEqual(filled);
      }),
    );
  });
});
