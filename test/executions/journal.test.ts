import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/executions/canonical-json.js';
import { openJournal } from '../../src/executions/open-journal.js';
import { GENESIS_HASH, hashRecord } from '../../src/executions/record-hash.js';
import { selectExecutions } from '../../src/executions/select-executions.js';
import type {
  ExecutionQuery,
  ExecutionRecord,
  ExecutionStatus,
  Journal,
} from '../../src/executions/types.js';
import { makeInput } from './make-input.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'opsledger-journal-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function linesOf(dir: string): ExecutionRecord[] {
  const segs = readdirSync(path.join(dir, 'executions'))
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  return segs.flatMap((s) =>
    readFileSync(path.join(dir, 'executions', s), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ExecutionRecord),
  );
}

describe('file journal', () => {
  it('chains records with canonical-JSON hashes and answers get/records after reopening', async () => {
    const journal = await openJournal({ dataDir });
    const start = makeInput({ id: 'run-1' });
    const a = await journal.append(start);
    const b = await journal.append({
      ...start,
      status: 'succeeded',
      finished_at: '2026-01-05T09:00:03.000Z',
      duration_ms: 2000,
      exit_code: 0,
    });
    await journal.close();

    expect(a.seq).toBe(1);
    expect(a.prev_hash).toBe(GENESIS_HASH);
    expect(b.prev_hash).toBe(a.hash);
    const onDisk = linesOf(dataDir);
    expect(onDisk).toHaveLength(2);
    for (const r of onDisk) expect(hashRecord(r)).toBe(r.hash);
    // The stored line is the canonical JSON of the record without hash, plus the hash as last member.
    const firstLine = readFileSync(
      path.join(
        dataDir,
        'executions',
        readdirSync(path.join(dataDir, 'executions')).find((f) => f.endsWith('.jsonl'))!,
      ),
      'utf8',
    ).split('\n')[0]!;
    const { hash, ...rest } = onDisk[0]!;
    expect(firstLine).toBe(`${canonicalJson(rest).slice(0, -1)},"hash":"${hash}"}`);
    // Users are stored as pseudonyms, resolvable while the vault holds them.
    expect(onDisk[0]!.initiator.user).toMatch(/^user-[0-9a-f]{16}$/);
    expect(
      readFileSync(
        path.join(
          dataDir,
          'executions',
          readdirSync(path.join(dataDir, 'executions')).find((f) => f.endsWith('.jsonl'))!,
        ),
        'utf8',
      ),
    ).not.toContain('alice@example.com');

    const again = await openJournal({ dataDir });
    expect((await again.get('run-1'))?.status).toBe('succeeded');
    expect((await again.records('run-1')).map((r) => r.status)).toEqual(['running', 'succeeded']);
    expect(again.head()).toEqual({ seq: 2, hash: b.hash });
    expect(again.resolveUser(onDisk[0]!.initiator.user)).toBe('alice@example.com');
    expect((await again.query({ user: 'alice@example.com' })).map((r) => r.id)).toEqual(['run-1']);
    const c = await again.append(makeInput({ id: 'run-2' }));
    expect(c.seq).toBe(3);
    expect(c.prev_hash).toBe(b.hash);
    await again.close();
  });

  it('answers queries exactly like the plain selection, from a fresh index, a snapshot and a snapshot plus tail', async () => {
    const statuses: ExecutionStatus[] = ['succeeded', 'failed', 'timed_out', 'cancelled'];
    const actions = ['restart-web', 'rotate-logs', 'purge-old-files'];
    const users = ['alice@example.com', 'bob@example.com', 'carol@example.com'];
    let rnd = 42;
    const next = (n: number): number => {
      rnd = (rnd * 1103515245 + 12345) % 2 ** 31;
      return rnd % n;
    };
    const journal = await openJournal({ dataDir, snapshotEvery: 100 });
    const appended: ExecutionRecord[] = [];
    for (let i = 0; i < 300; i++) {
      const input = makeInput({
        id: `ex-${String(i).padStart(4, '0')}`,
        action_id: actions[next(3)]!,
        initiator: { user: users[next(3)]!, via: 'cli' },
        targets: next(4) === 0 ? [] : [`web-0${next(3)}`, ...(next(2) ? ['db-01'] : [])],
        trigger: next(5) === 0 ? 'external' : 'manual',
        // Some share a started_at to exercise the id tie-break; some start out of order.
        started_at: new Date(
          Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 3_600_000 - (next(10) === 0 ? 86_400_000 : 0),
        ).toISOString(),
      });
      appended.push(await journal.append(input));
      if (next(4) !== 0) {
        appended.push(
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
    const pseudonym = (email: string): string | undefined =>
      appended.find((r) => journal.resolveUser(r.initiator.user) === email)?.initiator.user;
    const queries: ExecutionQuery[] = [
      {},
      { limit: 7 },
      { action: 'rotate-logs', limit: 100 },
      { action: 'rotate-logs', since: '2026-01-02T00:00:00.000Z', until: '2026-01-03T00:00:00.000Z' },
      { status: 'failed' },
      { status: 'running', action: 'restart-web' },
      { target: 'db-01', limit: 20 },
      { trigger: 'external' },
      { user: 'bob@example.com', limit: 50 },
      { action: 'purge-old-files', before: { started_at: '2026-01-03T00:00:00.000Z', id: 'ex-0150' } },
      { action: 'nope' },
      { target: 'nope' },
      { user: 'nobody@example.com' },
    ];
    const expected = queries.map((q) =>
      selectExecutions(appended, q, (stored, wanted) => stored === pseudonym(wanted)).map((r) => r.id),
    );
    expect(await idsOf(journal, queries)).toEqual(expected);
    await journal.close();

    const fromSnapshot = await openJournal({ dataDir });
    expect(await idsOf(fromSnapshot, queries)).toEqual(expected);
    await fromSnapshot.close();
    expect(readdirSync(path.join(dataDir, 'executions', 'index'))).toContain('journal-index.bin');

    // Lines appended by "another process" after the snapshot are folded on open.
    const other = await openJournal({ dataDir, snapshotEvery: 1_000_000 });
    const late = await other.append(
      makeInput({ id: 'late-1', action_id: 'rotate-logs', started_at: '2026-01-09T00:00:00.000Z' }),
    );
    await other.close();
    const reopened = await openJournal({ dataDir });
    expect((await reopened.query({ action: 'rotate-logs', limit: 1 }))[0]?.id).toBe('late-1');
    expect(reopened.head()).toEqual({ seq: late.seq, hash: late.hash });
    await reopened.close();

    // Deleting the snapshot just rebuilds it.
    await rm(path.join(dataDir, 'executions', 'index'), { recursive: true });
    const rebuilt = await openJournal({ dataDir });
    expect((await rebuilt.query({ status: 'failed' })).map((r) => r.id)).toEqual(expected[4]);
    await rebuilt.close();
  });

  it('moves a torn last line into quarantine on open, reports it, and chains on from the last whole record', async () => {
    const journal = await openJournal({ dataDir });
    await journal.append(makeInput({ id: 'whole-1' }));
    const last = await journal.append(makeInput({ id: 'whole-2' }));
    await journal.close();
    const seg = readdirSync(path.join(dataDir, 'executions')).find((f) => f.endsWith('.jsonl'))!;
    appendFileSync(path.join(dataDir, 'executions', seg), '{"id":"torn","seq":3,"prev_ha');

    const warnings: string[] = [];
    const reopened = await openJournal({ dataDir, onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/moved 29 bytes .* to executions\/quarantine\//);
    const quarantine = readdirSync(path.join(dataDir, 'executions', 'quarantine'));
    expect(quarantine).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, 'executions', 'quarantine', quarantine[0]!), 'utf8')).toBe(
      '{"id":"torn","seq":3,"prev_ha',
    );
    const next = await reopened.append(makeInput({ id: 'after' }));
    expect(next.seq).toBe(3);
    expect(next.prev_hash).toBe(last.hash);
    await reopened.close();
    expect(linesOf(dataDir).map((r) => r.id)).toEqual(['whole-1', 'whole-2', 'after']);
  });

  it('#13.8 only the bytes after the last newline are quarantined: a complete unparseable line stays, a whole record without its newline is named', async () => {
    const journal = await openJournal({ dataDir });
    const first = await journal.append(makeInput({ id: 'whole-1' }));
    await journal.append(makeInput({ id: 'whole-2' }));
    await journal.close();
    const seg = readdirSync(path.join(dataDir, 'executions')).find((f) => f.endsWith('.jsonl'))!;
    const file = path.join(dataDir, 'executions', seg);
    // The acknowledged last line, damaged in place (its newline kept): it stays for verify to name.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"seq":2,/, '"seq":null,'));
    const damaged = readFileSync(file, 'utf8');

    const warnings: string[] = [];
    const reopened = await openJournal({ dataDir, onWarning: (m) => warnings.push(m) });
    expect(readFileSync(file, 'utf8')).toBe(damaged);
    expect(reopened.quarantined()).toEqual([]);
    expect(warnings).toEqual([]);
    const after = await reopened.append(makeInput({ id: 'after' }));
    expect(after.prev_hash).toBe(first.hash);
    await reopened.close();

    // A whole record that lost only its newline was never acknowledged: it is moved aside, named by its seq.
    const withAfter = readFileSync(file, 'utf8');
    writeFileSync(file, withAfter.slice(0, -1));
    const again = await openJournal({ dataDir, onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/a whole record \(seq 2\) without its newline/);
    expect(again.quarantined()).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, 'executions', again.quarantined()[0]!), 'utf8')).toBe(
      withAfter.slice(damaged.length, -1),
    );
    expect(readFileSync(file, 'utf8')).toBe(damaged);
    expect(again.head()).toEqual({ seq: 1, hash: first.hash });
    await again.close();
  });

  it('rolls over to a new segment when full, and a second writer with the old one open follows it', async () => {
    const one = await openJournal({ dataDir, maxSegmentBytes: 1500 });
    const two = await openJournal({ dataDir, maxSegmentBytes: 1500 });
    const written: ExecutionRecord[] = [];
    for (let i = 0; i < 12; i++) written.push(await (i % 2 ? two : one).append(makeInput({ id: `w-${i}` })));
    await one.close();
    await two.close();
    const segs = readdirSync(path.join(dataDir, 'executions')).filter((f) => f.endsWith('.jsonl'));
    expect(segs.length).toBeGreaterThan(2);
    const records = linesOf(dataDir);
    expect(records.map((r) => r.seq)).toEqual(written.map((_, i) => i + 1));
    records.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : records[i - 1]!.hash));
  });

  it('fails closed with JOURNAL_UNAVAILABLE when the journal cannot be written, and INPUT_INVALID for a bad record', async () => {
    const journal = await openJournal({ dataDir });
    await expect(journal.append(makeInput({ status: 'exploded' as ExecutionStatus }))).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    // Root ignores permissions, so make the journal's directory a file: every write must fail.
    writeFileSync(path.join(dataDir, 'executions'), 'not a directory');
    await expect(journal.append(makeInput())).rejects.toMatchObject({ code: 'JOURNAL_UNAVAILABLE' });
    await journal.close();
    await expect(openJournal({ dataDir })).rejects.toMatchObject({ code: 'JOURNAL_UNAVAILABLE' });
  });
});

/** The ids each query answers, in order. */
function idsOf(journal: Journal, queries: ExecutionQuery[]): Promise<string[][]> {
  return Promise.all(queries.map(async (q) => (await journal.query(q)).map((r) => r.id)));
}
