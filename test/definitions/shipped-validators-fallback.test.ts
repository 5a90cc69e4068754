import type * as nodeFs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// The shipped action schema as another release left it: one more property allowed (fault injection on node:fs, this
// file only). The precompiled code was made from other texts, so it must not be used.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  const readFileSync = ((file: nodeFs.PathOrFileDescriptor, options?: unknown) => {
    const text = fs.readFileSync(file, options as BufferEncoding);
    if (typeof file === 'string' && file.endsWith('definitions/schema/action.schema.json')) {
      const schema = JSON.parse(String(text)) as { properties: Record<string, unknown> };
      schema.properties.added_by_another_release = { type: 'string' };
      return JSON.stringify(schema);
    }
    return text;
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

const { loadValidators } = await import('../../src/definitions/schemas.js');
const { shippedValidators } = await import('../../src/definitions/shipped-validators.js');

describe('precompiled validators of the shipped schemas, when the schema files are other texts', () => {
  it('are not used: Ajv compiles the files as they are', () => {
    const shipped = shippedValidators();
    expect(shipped).toBe(loadValidators());
    const action = {
      id: 'disk-usage',
      name: 'Disk usage',
      status: 'approved',
      owner: 'ops@example.com',
      script: 'scripts/disk-usage.sh',
      added_by_another_release: 'yes',
    };
    // The file as read allows the new key; the precompiled code (made from the shipped texts) would refuse it.
    const errors = (value: unknown) => (shipped.action(value) ? [] : (shipped.action.errors ?? []));
    expect(errors(action).filter((e) => e.params && 'additionalProperty' in e.params)).toEqual([]);
  });
});
