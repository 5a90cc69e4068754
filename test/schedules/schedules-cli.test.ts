import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createTestRepo, type TestRepo } from '../helpers/git-repo.js';

const action = (id: string, extra: string): string =>
  `id: ${id}\nname: ${id}\nowner: alice@example.com\nstatus: released\nscript: { shell: sh, inline: echo ok }\n${extra}`;

let repo: TestRepo;
beforeAll(async () => {
  repo = await createTestRepo([
    {
      message: 'Add scheduled actions',
      files: {
        '.gitignore': '.opsledger/\n',
        'definitions/actions/nightly.yaml': action(
          'nightly',
          "schedule: { cron: '0 3 * * *', timezone: Europe/Berlin }\ncatch_up: latest\n",
        ),
        'definitions/actions/ticker.yaml': action('ticker', "schedule: '*/20 * * * * *'\noverlap: allow\n"),
        'definitions/actions/plain.yaml': action('plain', ''),
      },
    },
  ]);
});
afterAll(async () => {
  await repo.cleanup();
});

describe('#17.4 opsledger schedules', () => {
  it('#17.4 lists each scheduled definition with its next fire times, zone, catch_up and overlap', () => {
    const r = runCli(['schedules', '--json', '--count', '2'], { cwd: repo.dir });
    expect(r.stderr).not.toMatch(/error\[/);
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout) as {
      id: string;
      schedule: { cron: string; timezone: string };
      catch_up: string;
      overlap: string;
      next: string[];
    }[];
    expect(entries.map((e) => e.id)).toEqual(['nightly', 'ticker']);
    const [nightly, ticker] = entries;
    expect(nightly).toMatchObject({
      schedule: { timezone: 'Europe/Berlin' },
      catch_up: 'latest',
      overlap: 'skip',
    });
    expect(nightly!.next).toHaveLength(2);
    // 03:00 in Berlin is 01:00 or 02:00 UTC depending on summer time.
    for (const at of nightly!.next) expect(at).toMatch(/T0[12]:00:00\.000Z$/);
    expect(ticker).toMatchObject({ schedule: { timezone: 'UTC' }, catch_up: 'none', overlap: 'allow' });
    const [a, b] = ticker!.next.map((t) => Date.parse(t));
    expect(b! - a!).toBe(20_000);
    const table = runCli(['schedules'], { cwd: repo.dir });
    expect(table.stdout).toMatch(/nightly\s+0 3 \* \* \*\s+Europe\/Berlin/);
  });
});
