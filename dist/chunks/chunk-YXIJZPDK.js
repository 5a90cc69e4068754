function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  changeLines,
  definitionLabel,
  runPrCheck
} from "./chunk-LQZBTIRA.js";
import {
  openCatFileBatch
} from "./chunk-LVNUE3KJ.js";
import {
  scriptPathOf
} from "./chunk-O7JP4MY6.js";
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/history/revert-definition.ts
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
async function assertCleanWorkTree(repo) {
  const status = await runGit(repo, ["status", "--porcelain", "--untracked-files=no"]);
  if (status.trim() !== "") {
    const files = status.trim().split("\n").slice(0, 5).map((l) => l.slice(3)).join(", ");
    throw new OpsledgerError("DIRTY_WORKTREE", `the work tree has uncommitted changes (${files})`);
  }
}
async function revertToVersion(repo, target) {
  await assertCleanWorkTree(repo);
  const batch = openCatFileBatch(repo);
  const writes = [];
  try {
    const def = await batch.read(target.blob);
    if (!def) throw new OpsledgerError("GIT_FAILED", `blob ${target.blob} of ${target.id} is missing`);
    writes.push({ path: target.currentPath, content: def.content });
    if (target.script?.blob) {
      const script = await batch.read(target.script.blob);
      if (script) writes.push({ path: target.script.path, content: script.content });
    }
  } finally {
    await batch.close();
  }
  for (const w of writes) {
    const full = path.join(repo, w.path);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, w.content);
  }
  const paths = writes.map((w) => w.path);
  await runGit(repo, ["add", "--", ...paths]);
  const staged = await runGitRaw(repo, ["diff", "--cached", "--quiet", "--", ...paths]);
  if (staged.code === 0) {
    throw new OpsledgerError(
      "INPUT_INVALID",
      `${target.id} already has the content of version ${target.version}; nothing to revert`,
      { hint: "See the versions with `opsledger history ID`." }
    );
  }
  const message = [
    `Revert ${target.kind} ${target.id} to version ${target.version}`,
    "",
    `Restores ${target.currentPath} to its content at version ${target.version} (commit ${target.commit.slice(0, 12)})` + (writes.length > 1 ? `, with ${target.script.path} as it was then.` : "."),
    "",
    `Reverts-Audit: ${target.id}@v${target.version}`
  ].join("\n");
  await runGit(repo, ["commit", "-q", "-m", message, "--", ...paths]);
  const commit = (await runGit(repo, ["rev-parse", "HEAD"])).trim();
  return { commit, paths, message };
}
async function revertCommit(repo, sha) {
  await assertCleanWorkTree(repo);
  const resolved = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", `${sha}^{commit}`]);
  if (resolved.code !== 0) {
    throw new OpsledgerError("INPUT_INVALID", `${sha} is not a commit`, {
      hint: "Pass a commit sha from `opsledger history ID` (COMMIT column)."
    });
  }
  const full = resolved.stdout.trim();
  const parents = (await runGit(repo, ["rev-list", "--parents", "-n", "1", full])).trim().split(" ").length - 1;
  const args = ["revert", "--no-edit", ...parents > 1 ? ["-m", "1"] : [], full];
  const result = await runGitRaw(repo, args);
  if (result.code !== 0) {
    const conflicts = (await runGitRaw(repo, ["diff", "--name-only", "--diff-filter=U"])).stdout.trim();
    if (conflicts !== "") {
      throw new OpsledgerError(
        "GIT_CONFLICT",
        `reverting ${full.slice(0, 12)} conflicts in ${conflicts.split("\n").join(", ")}`,
        {
          hint: "Fix the conflicted files, `git add` them and run `git revert --continue`; or `git revert --abort` to give up."
        }
      );
    }
    const nothing = (await runGitRaw(repo, ["diff", "--cached", "--quiet"])).code === 0;
    if (nothing) {
      await runGitRaw(repo, ["revert", "--abort"]);
      throw new OpsledgerError(
        "INPUT_INVALID",
        `reverting ${full.slice(0, 12)} changes nothing: it is already undone`,
        {
          hint: "See the current state with `opsledger history ID`."
        }
      );
    }
    throw new OpsledgerError(
      "GIT_FAILED",
      `git ${args.join(" ")} failed: ${(result.stderr || result.stdout).trim()}`
    );
  }
  const commit = (await runGit(repo, ["rev-parse", "HEAD"])).trim();
  const message = await runGit(repo, ["log", "-1", "--format=%B", commit]);
  const paths = (await runGit(repo, ["diff-tree", "--no-commit-id", "--name-only", "-r", commit])).trim().split("\n");
  return { commit, paths, message: message.trim() };
}

// src/history/revert-target.ts
function revertTargetOf(index, kind, id, found) {
  const states = index.states(kind, id);
  const currentPath = states.at(-1)?.path ?? found.path;
  const state = states.find((s) => s.version === found.version && s.blob !== null);
  const scriptPath = scriptPathOf(found.value);
  return {
    kind,
    id,
    version: found.version,
    commit: found.commit,
    blob: found.blob,
    currentPath,
    ...scriptPath ? { script: { path: scriptPath, blob: state?.file_blob ?? null } } : {},
    invalid: found.valid === false
  };
}

// src/github/github-client.ts
import { App, Octokit } from "octokit";
function required(value, key) {
  if (!value) {
    throw new OpsledgerError("CONFIG_INVALID", `github.${key} is not set in opsledger.yaml`, {
      hint: "The GitHub App mode needs github.owner, github.repo and either app_id + private_key_env or token_env (docs/github.md)."
    });
  }
  return value;
}
function secretFrom(env, name, what) {
  const value = env[name];
  if (!value) {
    throw new OpsledgerError("CONFIG_INVALID", `the environment variable ${name} (${what}) is not set`, {
      hint: `Export ${name} before starting opsledger (docs/github.md).`
    });
  }
  return value;
}
function octokitClass(options) {
  const { config, log, tuning = {} } = options;
  const retries = tuning.rateLimitRetries ?? 3;
  const onLimit = (what) => (retryAfter, request) => {
    const again = request.request.retryCount < retries;
    log.warn(
      `GitHub ${what} on ${request.method} ${request.url}: ${again ? `retrying in ${retryAfter} s` : "giving up"}`
    );
    return again;
  };
  const base = tuning.retryAfterBaseValue;
  return Octokit.defaults({
    ...config.api_url ? { baseUrl: config.api_url.replace(/\/$/, "") } : {},
    userAgent: "opsledger",
    log: {
      debug: () => {
      },
      info: () => {
      },
      warn: (m) => log.warn(m),
      error: (m) => log.warn(m)
    },
    throttle: {
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit"),
      ...base !== void 0 ? { retryAfterBaseValue: base } : {},
      ...tuning.spaceWrites === false ? { write: noWait(), notifications: noWait() } : {}
    },
    retry: { ...base !== void 0 ? { retryAfterBaseValue: base } : {} }
  });
}
function noWait() {
  const limiter = { schedule: (_options, fn) => fn() };
  return { key: () => limiter };
}
function createGithubClient(options) {
  const { config, env } = options;
  const owner = required(config.owner, "owner");
  const repo = required(config.repo, "repo");
  const Client = octokitClass(options);
  if (config.token_env) {
    const token = secretFrom(env, config.token_env, "github.token_env");
    const octokit = new Client({ auth: token });
    return { owner, repo, octokit: () => Promise.resolve(octokit) };
  }
  const appId = required(config.app_id === void 0 ? void 0 : String(config.app_id), "app_id");
  const privateKey = secretFrom(
    env,
    required(config.private_key_env, "private_key_env"),
    "github.private_key_env"
  );
  const app = new App({ appId, privateKey, Octokit: Client });
  const byInstallation = /* @__PURE__ */ new Map();
  let repoInstallation = null;
  return {
    owner,
    repo,
    async octokit(installationId) {
      const id = installationId ?? await (repoInstallation ??= app.octokit.rest.apps.getRepoInstallation({ owner, repo }).then((r) => r.data.id).catch((err) => {
        repoInstallation = null;
        throw err;
      }));
      let client = byInstallation.get(id);
      if (!client) {
        client = app.getInstallationOctokit(id);
        byInstallation.set(id, client);
      }
      return client;
    }
  };
}

// src/github/open-revert-pull-request.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path2 from "node:path";

// src/github/fetch-pull-request.ts
var FETCH_REF_PREFIX = "refs/opsledger/github";
async function checkBranch(repo, name) {
  const ok = (await runGitRaw(repo, ["check-ref-format", "--branch", name])).code === 0;
  if (!ok || name.startsWith("-")) {
    throw new OpsledgerError("INPUT_INVALID", `${JSON.stringify(name)} is not a branch name`, {
      hint: "The webhook payload names the pull request base branch; check the delivery on GitHub."
    });
  }
}
async function fetchPullRequest(repo, remote, pr) {
  await checkBranch(repo, pr.baseRef);
  const base = `${FETCH_REF_PREFIX}/base/${pr.baseRef}`;
  const head = `${FETCH_REF_PREFIX}/pull/${pr.number}/head`;
  await fetchRefs(repo, remote, [
    `+refs/heads/${pr.baseRef}:${base}`,
    `+refs/pull/${pr.number}/head:${head}`
  ]);
  const present = await runGitRaw(repo, ["cat-file", "-e", `${pr.headSha}^{commit}`]);
  if (present.code !== 0) {
    throw new OpsledgerError(
      "GIT_FAILED",
      `head ${pr.headSha.slice(0, 12)} of #${pr.number} is not on ${remote}`,
      {
        hint: "The pull request moved on since this event; the next event checks its new head."
      }
    );
  }
  return { base, head: pr.headSha };
}
async function fetchBranch(repo, remote, branch) {
  await checkBranch(repo, branch);
  const ref = `${FETCH_REF_PREFIX}/base/${branch}`;
  await fetchRefs(repo, remote, [`+refs/heads/${branch}:${ref}`]);
  return ref;
}
async function fetchRefs(repo, remote, refspecs) {
  await runGit(repo, ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, ...refspecs]);
}

// src/github/render-revert-body.ts
var REVERT_MARKER = "<!-- opsledger:revert -->";
function renderRevertBody(report, d) {
  const link = (sha) => d.webUrl ? `[${sha.slice(0, 12)}](${d.webUrl}/commit/${sha})` : `\`${sha.slice(0, 12)}\``;
  const out = [REVERT_MARKER, `Reverts ${d.what}.`, ""];
  if (report.definitions.length === 0) out.push("No definition changes: only other files are restored.");
  for (const def of report.definitions) {
    out.push(
      `### ${definitionLabel(def)} (${def.action}, risk ${def.risk})`,
      "",
      `\`${def.path}\` \u2014 what merging this restores:`,
      ""
    );
    for (const line of changeLines(def)) out.push(`- \`${line}\``);
    out.push("");
  }
  out.push("| | commit |", "| --- | --- |");
  for (const l of d.links) out.push(`| ${l.label} | ${link(l.sha)} |`);
  out.push(
    "",
    "This revert goes through the same opsledger check and approvals as any change (docs/github.md).",
    "",
    "<details><summary>Commit message</summary>",
    "",
    "```",
    d.commitMessage,
    "```",
    "</details>",
    "",
    d.trailer,
    ""
  );
  return out.join("\n");
}
function repoWebUrl(github) {
  if (!github.owner || !github.repo) return null;
  let base = "https://github.com";
  if (github.api_url) {
    try {
      const u = new URL(github.api_url);
      if (u.hostname !== "api.github.com") base = `${u.protocol}//${u.host}`;
    } catch {
      return null;
    }
  }
  return `${base}/${encodeURIComponent(github.owner)}/${encodeURIComponent(github.repo)}`;
}

// src/github/open-revert-pull-request.ts
async function openRevertPullRequest(options) {
  const { repo, config, client } = options;
  const { remote } = config.github;
  const request = options.request.kind === "commit" ? { kind: "commit", sha: await fullSha(repo, options.request.sha) } : options.request;
  const baseRef = await fetchBranch(repo, remote, config.branch);
  const baseSha = (await runGit(repo, ["rev-parse", baseRef])).trim();
  const parent = await mkdtemp(path2.join(tmpdir(), "opsledger-revert-"));
  const dir = path2.join(parent, "worktree");
  await runGit(repo, ["worktree", "add", "--quiet", "--detach", dir, baseSha]);
  try {
    const result = request.kind === "version" ? await revertToVersion(dir, request.target) : await revertCommit(dir, request.sha);
    let commit = result.commit;
    if (options.author) {
      const who = `${options.author.name} <${options.author.email}>`;
      await runGit(dir, ["commit", "--amend", "--quiet", "--no-edit", `--author=${who}`]);
      commit = (await runGit(dir, ["rev-parse", "HEAD"])).trim();
    }
    const name = request.kind === "version" ? `${request.target.id}-v${request.target.version}` : request.sha.slice(0, 12);
    const branch = `opsledger/revert-${name}-${commit.slice(0, 7)}`;
    const pushed = await runGitRaw(dir, ["push", "--quiet", remote, `${commit}:refs/heads/${branch}`]);
    if (pushed.code !== 0) {
      throw new OpsledgerError("GIT_FAILED", `cannot push ${branch} to ${remote}: ${pushed.stderr.trim()}`, {
        hint: "The service needs push access to the remote (github.remote in opsledger.yaml, docs/github.md)."
      });
    }
    const report = await runPrCheck({ repo, base: baseSha, head: commit, config });
    const body = renderRevertBody(report, describe(request, result, baseSha, repoWebUrl(config.github)));
    const pr = await client.octokit().then(
      (octokit) => octokit.rest.pulls.create({
        owner: client.owner,
        repo: client.repo,
        title: result.message.split("\n")[0],
        head: branch,
        base: config.branch,
        body
      })
    ).catch(async (err) => {
      await runGitRaw(dir, ["push", "--quiet", remote, "--delete", branch]);
      throw githubFailed(err, `opening the pull request from ${branch}`);
    });
    return { url: pr.data.html_url, number: pr.data.number, branch, commit, paths: result.paths };
  } finally {
    await runGitRaw(repo, ["worktree", "remove", "--force", dir]);
    await rm(parent, { recursive: true, force: true });
  }
}
function githubFailed(err, what) {
  const status = err.status;
  if (typeof status !== "number") return err;
  return new OpsledgerError(
    "GITHUB_FAILED",
    `${what}: GitHub answered ${status}: ${err.message}`,
    {
      cause: err
    }
  );
}
async function fullSha(repo, rev) {
  const resolved = await runGitRaw(repo, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  if (resolved.code !== 0) {
    throw new OpsledgerError("INPUT_INVALID", `${rev} is not a commit`, {
      hint: "Pass a commit sha from `opsledger history ID` (COMMIT column)."
    });
  }
  return resolved.stdout.trim();
}
function describe(request, result, baseSha, webUrl) {
  if (request.kind === "commit") {
    return {
      what: `commit \`${request.sha.slice(0, 12)}\``,
      links: [
        { label: "reverted commit", sha: request.sha },
        { label: "tracked branch at", sha: baseSha }
      ],
      webUrl,
      commitMessage: result.message,
      trailer: `This reverts commit ${request.sha}.`
    };
  }
  const { target, current } = request;
  return {
    what: `${target.kind} \`${target.id}\` to version ${target.version}`,
    links: [
      { label: `restored: version ${target.version}`, sha: target.commit },
      ...current ? [{ label: `replaced: version ${current.version} (current)`, sha: current.commit }] : [],
      { label: "tracked branch at", sha: baseSha }
    ],
    webUrl,
    commitMessage: result.message,
    trailer: `Reverts-Audit: ${target.id}@v${target.version}`
  };
}

export {
  revertToVersion,
  revertCommit,
  revertTargetOf,
  createGithubClient,
  FETCH_REF_PREFIX,
  fetchPullRequest,
  fetchBranch,
  fetchRefs,
  openRevertPullRequest
};
