import { ALERT_EVENT_TYPES } from '../../src/alerts/alert-event.js';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_SCHEMA } from '../../src/config/config-schema.js';
import { CONFIG_FILE, loadConfig } from '../../src/config/load-config.js';
import { ROOT } from '../helpers/cli.js';

/** Every Markdown file users read: README and docs/*.md. */
const DOCS = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const text = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** The ```yaml blocks of the docs that are an opsledger.yaml (their first line says so). */
function configBlocks(): { file: string; yaml: string }[] {
  const blocks: { file: string; yaml: string }[] = [];
  for (const file of DOCS) {
    for (const m of text(file).matchAll(/```ya?ml\n(# opsledger\.yaml[^\n]*\n[\s\S]*?)```/g)) {
      blocks.push({ file, yaml: m[1] as string });
    }
  }
  return blocks;
}

/**
 * Sections of opsledger.yaml: the schema's, and names a doc might use for a section the schema lacks (so that a
 * documented `executions.require_server` fails below until the schema has it).
 */
const SECTIONS = new Set([
  ...Object.keys(CONFIG_SCHEMA.properties),
  'journal',
  'executions',
  'approvals',
  'schedules',
  'github',
]);

/** Keys the schema does not allow beside another key of the every-key example. */
const EXCLUSIVE: ReadonlySet<string> = new Set(['github.token_env']);

const EVENT_TYPES: ReadonlySet<string> = new Set(ALERT_EVENT_TYPES);

interface SchemaNode {
  properties?: Readonly<Record<string, SchemaNode>>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
}
const ROOT_NODE = CONFIG_SCHEMA as unknown as SchemaNode;

/** Every key path of the schema, `webhooks.filter.type` style (array items are transparent). */
function schemaKeys(node: SchemaNode = ROOT_NODE, prefix = ''): string[] {
  const inner = node.items ?? node;
  return Object.entries(inner.properties ?? {}).flatMap(([k, sub]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return [key, ...schemaKeys(sub, key)];
  });
}

/** The schema of a dotted key, through object properties and array items; undefined when there is none. */
function nodeAt(key: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = ROOT_NODE;
  for (const part of key.split('.')) {
    const inner: SchemaNode | undefined = node?.items ?? node;
    node = inner?.properties && Object.hasOwn(inner.properties, part) ? inner.properties[part] : undefined;
  }
  return node;
}

/** Whether a dotted key is one of the schema's; below a map (`retention.actions`) any name is. */
function isSchemaKey(key: string): boolean {
  const parts = key.split('.');
  return parts.some((_, i) => {
    const node = nodeAt(parts.slice(0, i + 1).join('.'));
    return node !== undefined && (i === parts.length - 1 || typeof node.additionalProperties === 'object');
  });
}

/** The key paths of a parsed example that the schema describes by name, array indexes dropped (`webhooks.id`). */
function exampleKeys(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => exampleKeys(v, prefix));
  if (value === null || typeof value !== 'object') return [];
  const node = prefix ? nodeAt(prefix) : ROOT_NODE;
  if (node && !(node.items ?? node).properties) return []; // a map or a free-form value: its names are data
  return Object.entries(value).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return [key, ...exampleKeys(v, key)];
  });
}

/** Every `section.key[.more]` the docs mention in code spans, e.g. `reports.outcome_window`. */
function documentedKeys(): { file: string; key: string }[] {
  const keys: { file: string; key: string }[] = [];
  for (const file of DOCS) {
    for (const m of text(file).matchAll(/`([a-z_]+)((?:\.[a-z_]+)+)`/g)) {
      const key = `${m[1]}${m[2]}`;
      // Event types (`journal.tampered`, `execution.finished`) read like keys but are names of webhook events.
      if (SECTIONS.has(m[1] as string) && !EVENT_TYPES.has(key)) keys.push({ file, key });
    }
  }
  return keys;
}

/** The dotted paths of every leaf of a parsed YAML value (array items by index). */
function leaves(value: unknown, prefix = ''): { key: string; value: unknown }[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [{ key: prefix, value }];
}

const at = (value: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opsledger-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the documented configuration', () => {
  it('#13.15 every opsledger.yaml block of the docs loads, and every key of it reaches the config', async () => {
    const blocks = configBlocks();
    expect(blocks.map((b) => b.file)).toContain('docs/definitions.md');
    for (const block of blocks) {
      await writeFile(path.join(dir, CONFIG_FILE), block.yaml);
      const config = await loadConfig(dir).catch((err: Error) => {
        throw new Error(`${block.file}: its opsledger.yaml example does not load: ${err.message}`);
      });
      for (const leaf of leaves(parse(block.yaml))) {
        expect(at(config, leaf.key), `${block.file}: ${leaf.key}`).toEqual(leaf.value);
      }
    }
  });

  it('#13.15 every config key the docs mention is in the full example of docs/definitions.md', () => {
    const full = configBlocks().find((b) => b.yaml.startsWith('# opsledger.yaml: every key'));
    expect(full, 'docs/definitions.md has the "every key" example').toBeDefined();
    const example = parse(full?.yaml ?? '') as unknown;
    const keys = documentedKeys();
    expect(keys.map((k) => k.key)).toContain('reports.outcome_window');
    for (const { file, key } of keys) {
      expect(at(example, key), `${file} mentions ${key}`).not.toBeUndefined();
    }
  });

  it('#15.1 the "every key" example and the schema name the same keys, both ways', () => {
    const full = configBlocks().find((b) => b.yaml.startsWith('# opsledger.yaml: every key'));
    const documented = new Set(exampleKeys(parse(full?.yaml ?? '') as unknown));
    // A key the schema forbids beside one of the example (`github.token_env` or App auth) is shown in another
    // `# opsledger.yaml` block of the docs, which the test above loads too.
    const elsewhere = new Set(configBlocks().flatMap((b) => exampleKeys(parse(b.yaml) as unknown)));
    const schema = schemaKeys();
    expect(schema).toContain('webhooks.filter.trigger');
    expect(
      schema.filter((k) => !documented.has(k) && !(EXCLUSIVE.has(k) && elsewhere.has(k))),
      'schema keys missing from the "every key" example of docs/definitions.md',
    ).toEqual([]);
    expect(
      [...documented].filter((k) => !isSchemaKey(k)),
      'keys of the "every key" example that the schema (src/config/config-schema.ts) lacks',
    ).toEqual([]);
  });

  it('#15.1 every config key the docs mention is a key of the schema', () => {
    const unknown = documentedKeys().filter(({ key }) => !isSchemaKey(key));
    expect(unknown.map(({ file, key }) => `${file}: ${key}`)).toEqual([]);
    expect(isSchemaKey('retention.actions.rotate-logs')).toBe(true);
    expect(isSchemaKey('journal.colour')).toBe(false);
    expect(isSchemaKey('server.colour')).toBe(false);
  });

  it('#13.15 reports.outcome_window is a config key with a bound', async () => {
    await writeFile(path.join(dir, CONFIG_FILE), 'reports:\n  outcome_window: 5\n');
    expect((await loadConfig(dir)).reports.outcome_window).toBe(5);
    await writeFile(path.join(dir, CONFIG_FILE), 'reports:\n  outcome_window: 0\n');
    await expect(loadConfig(dir)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it("#17.4 schedules.service_identity is an email; unset, scheduled runs are the owner's", async () => {
    await writeFile(path.join(dir, CONFIG_FILE), 'schedules:\n  service_identity: scheduler@example.com\n');
    expect((await loadConfig(dir)).schedules.service_identity).toBe('scheduler@example.com');
    await writeFile(path.join(dir, CONFIG_FILE), 'branch: main\n');
    expect((await loadConfig(dir)).schedules).toEqual({});
    await writeFile(path.join(dir, CONFIG_FILE), 'schedules:\n  service_identity: not an email\n');
    await expect(loadConfig(dir)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
