import { changeLines, definitionLabel } from '../review/change-lines.js';
import type { PrCheckReport } from '../review/pr-check-report.js';

/** The hidden marker of a pull request opsledger opened to revert a change. */
export const REVERT_MARKER = '<!-- opsledger:revert -->';

export interface RevertDescription {
  /** `action restart-web to version 2`, or `commit abc1234`. */
  what: string;
  /** The versions or commits involved, each with a link when the repo's web address is known. */
  links: { label: string; sha: string }[];
  /** The repo's web address (`https://github.com/acme/ops`), or null. */
  webUrl: string | null;
  commitMessage: string;
  /**
   * The line history reads a revert by (`Reverts-Audit: ID@vN`, `This reverts commit SHA.`), last in the body, so a
   * merge commit whose message carries the description (or a squash) keeps it.
   */
  trailer: string;
}

/**
 * The body of a revert pull request (pure): what it restores, the semantic diff of each definition it changes (the
 * pr-check of the revert branch against the tracked branch, so the values shown are the ones the merge restores),
 * and links to the versions involved.
 */
export function renderRevertBody(report: PrCheckReport, d: RevertDescription): string {
  const link = (sha: string): string =>
    d.webUrl ? `[${sha.slice(0, 12)}](${d.webUrl}/commit/${sha})` : `\`${sha.slice(0, 12)}\``;
  const out = [REVERT_MARKER, `Reverts ${d.what}.`, ''];
  if (report.definitions.length === 0) out.push('No definition changes: only other files are restored.');
  for (const def of report.definitions) {
    out.push(
      `### ${definitionLabel(def)} (${def.action}, risk ${def.risk})`,
      '',
      `\`${def.path}\` — what merging this restores:`,
      '',
    );
    for (const line of changeLines(def)) out.push(`- \`${line}\``);
    out.push('');
  }
  out.push('| | commit |', '| --- | --- |');
  for (const l of d.links) out.push(`| ${l.label} | ${link(l.sha)} |`);
  out.push(
    '',
    'This revert goes through the same opsledger check and approvals as any change (docs/github.md).',
    '',
    '<details><summary>Commit message</summary>',
    '',
    '```',
    d.commitMessage,
    '```',
    '</details>',
    '',
    d.trailer,
    '',
  );
  return out.join('\n');
}

/** The repo's web address: github.com, or a GitHub Enterprise host derived from the API URL. */
export function repoWebUrl(github: { owner?: string; repo?: string; api_url?: string }): string | null {
  if (!github.owner || !github.repo) return null;
  let base = 'https://github.com';
  if (github.api_url) {
    try {
      const u = new URL(github.api_url);
      if (u.hostname !== 'api.github.com') base = `${u.protocol}//${u.host}`;
    } catch {
      return null;
    }
  }
  return `${base}/${encodeURIComponent(github.owner)}/${encodeURIComponent(github.repo)}`;
}
