import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, OpsledgerError } from '../../errors/opsledger-error.js';
import { readGitUser } from '../../git/repo-info.js';
import { actionSkeleton, roleSkeleton, runbookSkeleton } from '../../scaffold/scaffold-templates.js';
import type { CommandModule } from '../cli-app.js';
import { DEFINITION_ID } from '../../definitions/types.js';

const FOLDERS = { action: 'actions', runbook: 'runbooks', role: 'roles' } as const;
type Kind = keyof typeof FOLDERS;

const EXAMPLES = `
Examples:
  $ opsledger new action restart-web           # definitions/actions/restart-web.yaml, a draft to edit
  $ opsledger new runbook web-incident          # its first step calls the first action found
  $ opsledger new role on-call

Each file is valid as written and commented field by field; edit it, then \`opsledger validate\` and commit.`;

/** `opsledger new action|runbook|role ID`: write a valid, commented skeleton of a definition. */
export const newCommand: CommandModule = (program, app) => {
  program
    .command('new')
    .description('write a valid, commented skeleton of an action, runbook or role')
    .argument('<kind>', 'action | runbook | role')
    .argument('<id>', 'the new definition id (lowercase letters, digits and dashes)')
    .addHelpText('after', EXAMPLES)
    .action(
      app.action(async (ctx, kind: string, id: string) => {
        if (!(kind in FOLDERS)) {
          throw new OpsledgerError('USAGE', `unknown kind "${kind}"`, {
            hint: 'Use action, runbook or role.',
          });
        }
        if (!DEFINITION_ID.test(id)) {
          throw new OpsledgerError('INPUT_INVALID', `"${id}" is not a valid id`, {
            hint: 'An id is 1-63 lowercase letters, digits and dashes, starting with a letter or digit.',
          });
        }
        const definitions = path.join(ctx.repo, ctx.config.paths.definitions);
        const folder = path.join(definitions, FOLDERS[kind as Kind]);
        const file = path.join(folder, `${id}.yaml`);
        const taken = await findId(folder, id);
        if (taken) {
          throw new OpsledgerError(
            'INPUT_INVALID',
            `${kind === 'action' ? 'an' : 'a'} ${kind} "${id}" already exists: ${path.relative(ctx.repo, taken)}`,
            {
              hint: `Pick another id, or edit ${path.relative(ctx.repo, taken)}.`,
            },
          );
        }
        const user = (await readGitUser(ctx.repo)).email ?? 'you@example.com';
        const text =
          kind === 'action'
            ? actionSkeleton(id, user)
            : kind === 'runbook'
              ? runbookSkeleton(
                  id,
                  user,
                  (await firstActionId(path.join(definitions, 'actions'))) ?? 'hello-world',
                )
              : roleSkeleton(id, user);
        await mkdir(folder, { recursive: true });
        await writeFile(file, text, { flag: 'wx' });
        const rel = path.relative(ctx.repo, file);
        if (ctx.json) ctx.out.json({ kind, id, path: rel });
        else ctx.out.line(`created ${rel}: edit it, then \`opsledger validate\` and commit`);
        return EXIT.ok;
      }),
    );
};

/** The file of `folder` that already claims `id` (by file name or by its `id:` line). */
async function findId(folder: string, id: string): Promise<string | null> {
  const names = await readdir(folder, { recursive: true }).catch(() => [] as string[]);
  for (const name of names.filter((n) => /\.ya?ml$/.test(n))) {
    const file = path.join(folder, name);
    if (path.basename(name).replace(/\.ya?ml$/, '') === id) return file;
    const text = await readFile(file, 'utf8').catch(() => '');
    if (new RegExp(`^id:\\s*['"]?${id}['"]?\\s*(#.*)?$`, 'm').test(text)) return file;
  }
  return null;
}

async function firstActionId(folder: string): Promise<string | null> {
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  return names[0]?.replace(/\.ya?ml$/, '') ?? null;
}
