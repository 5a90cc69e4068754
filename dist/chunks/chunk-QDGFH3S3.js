function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  DEFINITION_ID_BODY
} from "./chunk-6O2CUPPL.js";

// src/history/parse-commit-message.ts
var MERGE_PR = /^Merge pull request #(\d+)\b/;
var SQUASH_PR = /\(#(\d+)\)\s*$/;
var GITLAB_MR = /^See merge request [^\s!]+!(\d+)\s*$/m;
var BITBUCKET_PR = /^Merged in \S+.*\(pull request #(\d+)\)/m;
var AZURE_PR = /^Merged PR (\d+):/m;
var CO_AUTHOR = /^co-authored-by:\s*(.+?)\s*<([^>]+)>\s*$/gim;
var REVERTS_COMMIT = /This reverts commit ([0-9a-f]{7,64})/i;
var REVERTS_AUDIT = new RegExp(
  `^Reverts-Audit:\\s*(${DEFINITION_ID_BODY}(?:/${DEFINITION_ID_BODY})?)@v(\\d+)\\s*$`,
  "im"
);
function parseCommitMessage(message) {
  const subject = message.split("\n", 1)[0]?.trim() ?? "";
  const { pullRequest, forge } = pullRequestOf(subject, message);
  const coAuthors = [];
  for (const m of message.matchAll(CO_AUTHOR)) {
    coAuthors.push({ name: (m[1] ?? "").trim(), email: (m[2] ?? "").trim() });
  }
  const revertsCommit = REVERTS_COMMIT.exec(message)?.[1]?.toLowerCase() ?? null;
  const audit = REVERTS_AUDIT.exec(message);
  return {
    subject,
    pullRequest,
    forge,
    coAuthors,
    revertsCommit,
    revertsAudit: audit?.[1] && audit[2] ? { id: audit[1], version: Number(audit[2]) } : null
  };
}
function pullRequestOf(subject, message) {
  const forms = [
    ["github", MERGE_PR.exec(subject) ?? SQUASH_PR.exec(subject)],
    ["azure", AZURE_PR.exec(subject)],
    ["bitbucket", BITBUCKET_PR.exec(subject)],
    ["gitlab", GITLAB_MR.exec(message)],
    ["azure", AZURE_PR.exec(message)],
    ["bitbucket", BITBUCKET_PR.exec(message)]
  ];
  for (const [forge, m] of forms) if (m?.[1]) return { pullRequest: Number(m[1]), forge };
  return { pullRequest: null, forge: null };
}
function uniqueUsers(users) {
  const seen = /* @__PURE__ */ new Set();
  return users.filter((u) => {
    const key = u.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export {
  parseCommitMessage,
  uniqueUsers
};
