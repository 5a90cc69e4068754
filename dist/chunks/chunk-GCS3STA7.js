function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  readGitUser,
  resolveRef
} from "./chunk-GB75QTYU.js";
import {
  runGit,
  runGitRaw
} from "./chunk-AYTYQZ6H.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";

// src/executions/anchors.ts
var ANCHORS_REF = "refs/opsledger/anchors";
async function writeAnchor(repo, head, options) {
  const ref = options.ref ?? ANCHORS_REF;
  const anchoredAt = options.now.toISOString();
  const body = `${JSON.stringify({ seq: head.seq, hash: head.hash, anchored_at: anchoredAt, records: options.records ?? null }, null, 2)}
`;
  const blob = (await runGit(repo, ["hash-object", "-w", "--stdin"], { input: body })).trim();
  const tree = (await runGit(repo, ["mktree"], { input: `100644 blob ${blob}	anchor.json
` })).trim();
  const parent = await resolveRef(repo, ref);
  const user = await readGitUser(repo);
  const name = user.name ?? "opsledger";
  const email = user.email ?? "opsledger@localhost";
  const date = `${Math.floor(options.now.getTime() / 1e3)} +0000`;
  const env = {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date
  };
  const message = `opsledger anchor: seq ${head.seq}

hash ${head.hash}
anchored_at ${anchoredAt}
`;
  const commit = (await runGit(repo, ["commit-tree", tree, ...parent ? ["-p", parent] : [], "-m", message], { env })).trim();
  const moved = await runGitRaw(repo, ["update-ref", ref, commit, parent ?? "0".repeat(40)]);
  if (moved.code !== 0) {
    throw new OpsledgerError("GIT_FAILED", `cannot move ${ref}: ${moved.stderr.trim()}`, {
      hint: "Another anchor was written at the same moment; run `opsledger anchor` again."
    });
  }
  return { seq: head.seq, hash: head.hash, anchored_at: anchoredAt, commit };
}
async function readAnchors(repo, ref = ANCHORS_REF) {
  const tip = await resolveRef(repo, ref);
  if (!tip) return [];
  const commits = (await runGit(repo, ["rev-list", "--first-parent", tip])).split("\n").filter(Boolean);
  const batch = await runGitRaw(repo, ["cat-file", "--batch"], {
    input: commits.map((c) => `${c}:anchor.json
`).join("")
  });
  if (batch.code !== 0) throw new OpsledgerError("GIT_FAILED", `cannot read anchors: ${batch.stderr.trim()}`);
  const out = Buffer.from(batch.stdout, "utf8");
  const anchors = [];
  let pos = 0;
  for (const commit of commits) {
    const nl = out.indexOf(10, pos);
    const header = out.toString("utf8", pos, nl);
    pos = nl + 1;
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!m) {
      throw new OpsledgerError(
        "TAMPER_DETECTED",
        `anchor commit ${commit} has no readable anchor.json (${header})`
      );
    }
    const size = Number(m[1]);
    const content = out.toString("utf8", pos, pos + size);
    pos += size + 1;
    const parsed = JSON.parse(content);
    anchors.push({ seq: parsed.seq, hash: parsed.hash, anchored_at: parsed.anchored_at, commit });
  }
  return anchors;
}

export {
  ANCHORS_REF,
  writeAnchor,
  readAnchors
};
