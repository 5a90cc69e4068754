import type { FixedPageContext, ReportModel } from '../report-model.js';
import { cell, num, type PageDocument } from '../report-document.js';
import { formatCount } from '../report-format.js';
import { nav, periodLine, timeCell, fixedPageContext } from './page-parts.js';

/** All the users page reads of the model (the page cache's digest covers exactly this: page-cache.ts). */
export type UsersPageInputs = FixedPageContext & Pick<ReportModel, 'users' | 'roles'>;

export function usersPageInputs(model: ReportModel): UsersPageInputs {
  return { ...fixedPageContext(model), users: model.users, roles: model.roles };
}

/** User activity and role activity, each run and change attributed by the role files in force at its time. */
export function buildUsersPage(model: UsersPageInputs): PageDocument {
  return {
    id: 'users',
    title: 'Users and roles',
    blocks: [
      { type: 'heading', level: 1, text: 'Users and roles' },
      nav(),
      periodLine(model),
      { type: 'heading', level: 2, text: 'User activity' },
      {
        type: 'table',
        caption: 'Runs and changes per user (roles as of the end of the period)',
        columns: [
          { label: 'User', rowHeader: true },
          { label: 'Runs', numeric: true },
          { label: 'Failed runs', numeric: true },
          { label: 'Actions run', numeric: true },
          { label: 'Changes', numeric: true },
          { label: 'Roles' },
          { label: 'Last seen' },
        ],
        rows: model.users.map((u) => [
          cell(u.user),
          num(formatCount(u.runs), u.runs),
          num(formatCount(u.failed), u.failed),
          num(formatCount(u.actions), u.actions),
          num(formatCount(u.changes), u.changes),
          cell(u.roles.join(', ') || '–'),
          timeCell(u.last_seen),
        ]),
        empty: 'Nobody ran or changed anything in this period.',
      },
      { type: 'heading', level: 2, text: 'Role activity' },
      {
        type: 'paragraph',
        content: [
          'A run counts for every role its user was a member of when it started, a change for the roles its author held just before it, by the role files in git at that time.',
        ],
      },
      {
        type: 'table',
        caption: 'Runs and changes per role',
        columns: [
          { label: 'Role', rowHeader: true },
          { label: 'Members now', numeric: true },
          { label: 'Permissions now' },
          { label: 'Runs', numeric: true },
          { label: 'Changes', numeric: true },
        ],
        rows: model.roles.map((r) => [
          cell({ code: r.role }),
          num(String(r.members), r.members),
          cell(r.permissions.join(', ') || '–'),
          num(formatCount(r.runs), r.runs),
          num(formatCount(r.changes), r.changes),
        ]),
        empty: 'No role files.',
      },
    ],
  };
}
