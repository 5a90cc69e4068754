// src/history/parse-commit-message.ts
var MERGE_PR = /^Merge pull request #(\d+)\b/;
var SQUASH_PR = /\(#(\d+)\)\s*$/;
var CO_AUTHOR = /^co-authored-by:\s*(.+?)\s*<([^>]+)>\s*$/gim;
var REVERTS_COMMIT = /This reverts commit ([0-9a-f]{7,64})/i;
var REVERTS_AUDIT = /^Reverts-Audit:\s*([a-z0-9][a-z0-9-]{0,62}(?:\/[a-z0-9][a-z0-9-]{0,62})?)@v(\d+)\s*$/im;
function parseCommitMessage(message) {
  const subject = message.split("\n", 1)[0]?.trim() ?? "";
  const pr = MERGE_PR.exec(subject) ?? SQUASH_PR.exec(subject);
  const coAuthors = [];
  for (const m of message.matchAll(CO_AUTHOR)) {
    coAuthors.push({ name: (m[1] ?? "").trim(), email: (m[2] ?? "").trim() });
  }
  const revertsCommit = REVERTS_COMMIT.exec(message)?.[1]?.toLowerCase() ?? null;
  const audit = REVERTS_AUDIT.exec(message);
  return {
    subject,
    pullRequest: pr?.[1] ? Number(pr[1]) : null,
    coAuthors,
    revertsCommit,
    revertsAudit: audit?.[1] && audit[2] ? { id: audit[1], version: Number(audit[2]) } : null
  };
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
