import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalAt, type JournalTarget } from '../../src/executions/open-journal-at.js';
import { GENESIS_HASH, hashRecord } from '../../src/executions/record-hash.js';
import { selectExecutions } from '../../src/executions/select-executions.js';
import type {
  ExecutionQuery,
  ExecutionRecord,
  ExecutionStatus,
  Journal,
} from '../../src/executions/types.js';
import { createTestSchema, type TestSchema } from '../helpers/postgres.js';
import { makeInput } from './make-input.js';

/** The behaviour of the journal port, the same tests against both backends (docs/postgres.md). */
interface Backend {
  name: string;
  setup(): Promise<{ target: JournalTarget; cleanup(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'file',
    async setup() {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-port-'));
      return {
        target: { backend: 'file', dataDir },
        cleanup: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    async setup() {
      const schema: TestSchema = await createTestSchema();
      return { target: { backend: 'postgres', url: schema.url }, cleanup: () => schema.drop() };
    },
  },
];

describe.each(BACKENDS)('the journal port on $name', (backend) => {
  let target: JournalTarget;
  let cleanup: () => Promise<void>;
  const open: Journal[] = [];
  const openJournal = async (): Promise<Journal> => {
    const j = await openJournalAt(target);
    open.push(j);
    return j;
  };
  beforeEach(async () => {
    ({ target, cleanup } = await backend.setup());
  });
  afterEach(async () => {
    for (const j of open.splice(0)) await j.close();
    await cleanup();
  });

  it('chains appends (seq, prev_hash, the canonical hash) and reports the head', async () => {
    const journal = await openJournal();
    expect(journal.head()).toBeNull();
    const a = await journal.append(makeInput());
    const b = await journal.append(makeInput());
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.prev_hash).toBe(GENESIS_HASH);
    expect(b.prev_hash).toBe(a.hash);
    expect(hashRecord(b)).toBe(b.hash);
    expect(journal.head()).toEqual({ seq: 2, hash: b.hash });
    expect(journal.recordCount()).toBe(2);
  });

  it('get and records: the latest state and every record of one execution; unknown ids are null and []', async () => {
    const journal = await openJournal();
    const input = makeInput();
    const start = await journal.append(input);
    const end = await journal.append({
      ...input,
      status: 'succeeded',
      exit_code: 0,
      finished_at: input.started_at,
    });
    expect((await journal.get(input.id))?.hash).toBe(end.hash);
    expect((await journal.records(input.id)).map((r) => r.seq)).toEqual([start.seq, end.seq]);
    expect(await journal.get('nope')).toBeNull();
    expect(await journal.records('nope')).toEqual([]);
  });

  it('stores users as pseudonyms and resolves them back; queries by email or pseudonym', async () => {
    const journal = await openJournal();
    const r = await journal.append(
      makeInput({ initiator: { user: 'Carol@Example.com', via: 'cli', os_user: 'carol' } }),
    );
    expect(r.initiator.user).toMatch(/^user-[0-9a-f]{16}$/);
    expect(r.initiator.os_user).toMatch(/^os-[0-9a-f]{16}$/);
    expect(journal.resolveUser(r.initiator.user)).toBe('carol@example.com');
    expect((await journal.query({ user: 'carol@example.com' })).map((x) => x.id)).toEqual([r.id]);
    expect((await journal.query({ user: r.initiator.user })).map((x) => x.id)).toEqual([r.id]);
    expect(await journal.query({ user: 'nobody@example.com' })).toEqual([]);
  });

  it('answers every documented filter, the keyset cursor and count as the reference semantics do', async () => {
    const journal = await openJournal();
    const appended = await fill(journal, 120);
    const pseudonym = (email: string): string =>
      appended.find((r) => journal.resolveUser(r.initiator.user) === email)!.initiator.user;
    const queries: ExecutionQuery[] = [
      {},
      { limit: 7 },
      { action: 'rotate-logs' },
      { action: 'rotate-logs', since: '2026-01-02T00:00:00.000Z', until: '2026-01-03T00:00:00.000Z' },
      { status: 'failed' },
      { status: 'running', action: 'restart-web' },
      { target: 'db-01', limit: 20 },
      { trigger: 'external' },
      { user: 'bob@example.com' },
      { before: { started_at: '2026-01-02T12:00:00.000Z', id: 'ex-0060' }, limit: 15 },
    ];
    for (const q of queries) {
      const expected = selectExecutions(appended, q, (stored, wanted) => stored === pseudonym(wanted));
      expect(
        (await journal.query(q)).map((r) => r.id),
        JSON.stringify(q),
      ).toEqual(expected.map((r) => r.id));
      const all = selectExecutions(appended, { ...q, limit: 1e9 }, (s, w) => s === pseudonym(w));
      expect(await journal.count(q), JSON.stringify(q)).toBe(all.length);
    }
  });

  it('refuses a control character in a target or a user name (INPUT_INVALID with a hint); a filter holding one matches nothing', async () => {
    const journal = await openJournal();
    await journal.append(makeInput({ id: 'clean', targets: ['web-01'] }));
    const bad = [
      makeInput({ targets: ['web\u000001'] }),
      makeInput({ targets: ['web-01', 'db\n01'] }),
      makeInput({ targets: ['\u001b[2Jweb'] }),
      makeInput({ targets: ['web\u009b01'] }),
      makeInput({ initiator: { user: 'alice\u0000@example.com', via: 'api' } }),
      makeInput({ initiator: { user: 'alice@example.com', via: 'cli', os_user: 'root\u0000' } }),
    ];
    for (const input of bad) {
      for (const write of [() => journal.append(input), () => journal.appendIf(input, () => true)]) {
        await expect(write(), JSON.stringify(input.targets)).rejects.toMatchObject({
          code: 'INPUT_INVALID',
          message: expect.stringMatching(/must not contain control characters/),
          hint: expect.stringMatching(/no control characters/),
        });
      }
    }
    await journal.refresh();
    expect(journal.head()?.seq).toBe(1);
    for (const q of [{ target: 'web\u000001' }, { user: 'a\u0000b' }, { action: 'x\u0000' }]) {
      expect(await journal.query(q), JSON.stringify(q)).toEqual([]);
      expect(await journal.count(q), JSON.stringify(q)).toBe(0);
    }
  });

  it('appendIf judges the latest record under the lock', async () => {
    const journal = await openJournal();
    const input = makeInput();
    expect(await journal.appendIf(input, (latest) => latest === null)).not.toBeNull();
    expect(await journal.appendIf(input, (latest) => latest === null)).toBeNull();
    const end = await journal.appendIf({ ...input, status: 'abandoned' }, (l) => l?.status === 'running');
    expect(end?.status).toBe('abandoned');
  });

  it('scan yields every record in seq order', async () => {
    const journal = await openJournal();
    const appended = await fill(journal, 30);
    const seen: number[] = [];
    for await (const r of journal.scan()) seen.push(r.seq);
    expect(seen).toEqual(appended.map((r) => r.seq));
  });

  it('two handles (two processes) append side by side into one linear chain; refresh shows the other', async () => {
    const a = await openJournal();
    const b = await openJournal();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append(makeInput({ action_id: `side-${i % 2}` }))),
    );
    await a.refresh();
    expect(a.head()?.seq).toBe(40);
    expect(await a.count({})).toBe(40);
    const records: ExecutionRecord[] = [];
    for await (const r of a.scan()) records.push(r);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    records.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : records[i - 1]!.hash));
  });
});

/** Runs with starts and (most) ends across actions, users, targets, triggers and times. */
async function fill(journal: Journal, n: number): Promise<ExecutionRecord[]> {
  const actions = ['restart-web', 'rotate-logs', 'deploy'];
  const users = ['alice@example.com', 'bob@example.com', 'carol@example.com'];
  const statuses: ExecutionStatus[] = ['succeeded', 'failed', 'timed_out', 'cancelled'];
  let rnd = 42;
  const next = (k: number) => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) % k;
  const out: ExecutionRecord[] = [];
  for (let i = 0; i < n; i++) {
    const input = makeInput({
      id: `ex-${String(i).padStart(4, '0')}`,
      action_id: actions[next(3)]!,
      initiator: { user: users[next(3)]!, via: 'cli' },
      targets: next(4) === 0 ? [] : [`web-0${next(3)}`, ...(next(2) ? ['db-01'] : [])],
      trigger: next(5) === 0 ? 'external' : 'manual',
      started_at: new Date(
        Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 3_600_000 - (next(10) === 0 ? 86_400_000 : 0),
      ).toISOString(),
    });
    out.push(await journal.append(input));
    if (next(4) !== 0) {
      out.push(
        await journal.append({
          ...input,
          status: statuses[next(4)]!,
          finished_at: input.started_at,
          duration_ms: next(5000),
          exit_code: next(2),
        }),
      );
    }
  }
  return out;
}
