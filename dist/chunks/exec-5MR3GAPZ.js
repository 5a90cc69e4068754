function require(id) { return process.getBuiltinModule(id) ?? process.getBuiltinModule('module').createRequire(import.meta.url)(id); }
import {
  abortOnSignals,
  addParamOptions,
  cliInitiator,
  parseParams
} from "./chunk-ITEEYOY3.js";
import {
  cancelReason,
  checkParameters,
  openHistoryFailingClosed,
  parameterEnv,
  recordEnd,
  recordParameters,
  runProcess,
  scrubText,
  takeLease
} from "./chunk-ZCIQJW2G.js";
import {
  hmacSecret,
  loadSecretKey
} from "./chunk-4UPVGKS6.js";
import {
  addServerOption,
  openRecordingJournal,
  reportSpooled
} from "./chunk-E3DGQFJ3.js";
import "./chunk-GQPEUOIP.js";
import "./chunk-U7Z7WOUO.js";
import "./chunk-RLKZC5XG.js";
import "./chunk-RLKHWNUI.js";
import "./chunk-WF6R5N3W.js";
import "./chunk-P6F2AC6G.js";
import "./chunk-JZ4A4MHT.js";
import "./chunk-U6EHMBAM.js";
import "./chunk-GKUXOMQD.js";
import "./chunk-NR2XG3EO.js";
import "./chunk-PEN3FHEJ.js";
import "./chunk-EQIGQF32.js";
import "./chunk-AH7MIAEX.js";
import "./chunk-APAI45OA.js";
import "./chunk-FBEO4PPA.js";
import "./chunk-O7JP4MY6.js";
import "./chunk-HGX4R2HL.js";
import "./chunk-J2KV253P.js";
import "./chunk-LLA3MDQI.js";
import "./chunk-GB75QTYU.js";
import "./chunk-AYTYQZ6H.js";
import "./chunk-OGEFOTHU.js";
import "./chunk-7EE6QVFP.js";
import {
  newExecutionId
} from "./chunk-44J7CKGR.js";
import "./chunk-G56DPNIV.js";
import "./chunk-Q34KY2EY.js";
import "./chunk-XLWVCULI.js";
import "./chunk-2TXRGXLB.js";
import "./chunk-VR7KHDFB.js";
import {
  OpsledgerError
} from "./chunk-WDLZ6EAF.js";
import "./chunk-75FD6FCD.js";
import "./chunk-UC4CDG3P.js";
import "./chunk-J7SPUE3Q.js";
import "./chunk-5EEFVU5U.js";
import "./chunk-M2VQNUJS.js";
import "./chunk-SMWZYUQH.js";
import {
  TARGET
} from "./chunk-6O2CUPPL.js";
import "./chunk-O64KD3H5.js";
import "./chunk-N5OJQZGE.js";
import "./chunk-RAK6EWF2.js";

// src/cli/commands/exec.ts
import { constants } from "node:os";

// src/executions/start-external.ts
async function startExternal(options) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  if (options.command.length === 0) throw new OpsledgerError("USAGE", "no command given after --");
  for (const t of options.targets) {
    if (!TARGET.test(t))
      throw new OpsledgerError("PARAM_INVALID", `target "${t}" is not a valid target name`);
  }
  const history = options.history ?? await openHistoryFailingClosed(options);
  const version = history.definitionAt("action", options.actionId);
  const definitions = version?.value?.parameters ?? [];
  const pinned = version ? {
    commit: version.commit,
    blob: version.blob,
    path: version.path,
    version: version.version,
    status: String(version.value.status ?? null),
    dirty: false
  } : { commit: null, blob: null, path: null, version: null, status: null, dirty: false };
  const checked = checkParameters(definitions, options.params, { partial: true, anyName: version === null });
  const key = await loadSecretKey(options.dataDir, now);
  const startedAt = now();
  const base = {
    id: (options.makeId ?? newExecutionId)(startedAt),
    action_id: options.actionId,
    definition: pinned,
    trigger: "external",
    initiator: { ...options.initiator },
    targets: [...new Set(options.targets)],
    parameters: recordParameters(definitions, checked.values, (v) => hmacSecret(key, v)),
    started_at: startedAt.toISOString(),
    finished_at: null,
    duration_ms: null,
    status: "running",
    exit_code: null,
    command: options.command.map((a) => scrubText(a, checked.secrets))
  };
  const lease = await takeLease(options, base);
  let record;
  try {
    record = await options.journal.append(base);
  } catch (err) {
    lease.release();
    throw err;
  }
  const done = (async () => {
    const [command, ...args] = options.command;
    const result = await runProcess({
      command,
      args,
      cwd: options.cwd,
      env: {
        ...options.env,
        ...parameterEnv(checked.values),
        OPSLEDGER_EXECUTION_ID: record.id,
        OPSLEDGER_ACTION_ID: options.actionId,
        OPSLEDGER_TARGET: base.targets[0] ?? "",
        OPSLEDGER_TARGETS: base.targets.join(",")
      },
      timeoutMs: options.timeoutSeconds === null ? null : options.timeoutSeconds * 1e3,
      killGraceMs: options.killGraceMs,
      outputCapBytes: options.outputCapBytes ?? 64 * 1024,
      secrets: checked.secrets,
      signal: options.signal,
      inheritStdin: true,
      onChunk: (stream, chunk) => (stream === "stdout" ? options.onStdout : options.onStderr)?.(chunk),
      onLine: checked.secrets.length > 0 ? (stream, line) => (stream === "stdout" ? options.onStdout : options.onStderr)?.(Buffer.from(`${line}
`)) : void 0
    });
    const finishedAt = now();
    const reason = result.status === "cancelled" ? cancelReason(options.signal) : void 0;
    return recordEnd(options.journal, lease, {
      ...base,
      initiator: record.initiator,
      finished_at: finishedAt.toISOString(),
      duration_ms: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      status: result.status,
      exit_code: result.exit_code,
      results: [
        {
          target: base.targets[0] ?? null,
          status: result.status,
          exit_code: result.exit_code,
          ...result.signal ? { signal: result.signal } : {},
          duration_ms: result.duration_ms,
          stdout_tail: result.stdout_tail,
          stderr_tail: result.stderr_tail,
          truncated_bytes: result.truncated_bytes
        }
      ],
      ...reason ? { error: reason } : {}
    });
  })();
  return { record, done };
}

// src/cli/commands/exec.ts
var EXAMPLES = `
Examples:
  $ opsledger exec --action nightly-backup -- tar czf /tmp/definitions.tgz definitions   # a cron job's command
  $ opsledger exec --action purge-old-files --target db-01 --param dir=/tmp --param older_than_days=30 -- find /tmp -maxdepth 1 -mtime +30
  # crontab: bring an existing job under audit in one line
  0 3 * * *  cd /srv/ops && opsledger exec --action nightly-backup -- ./backup.sh
  # recorded by the central service (authorized first; the key in OPSLEDGER_API_KEY)
  $ OPSLEDGER_API_KEY=olk_\u2026 opsledger exec --server https://opsledger.example.com --action nightly-backup -- ./backup.sh

The command's output passes through, and its exit code is opsledger's exit code (128+N when killed by signal N).`;
function exitCodeOf(final) {
  if (final.exit_code !== null) return final.exit_code;
  const signal = final.results?.[0]?.signal;
  return signal && constants.signals[signal] ? 128 + constants.signals[signal] : 1;
}
var execCommand = (program, app) => {
  const command = program.command("exec").description("run a command and record it as an external run of an action; passes its exit code through").requiredOption("--action <id>", "the action id the command is recorded under (need not be defined)");
  addParamOptions(command, "the target it runs on (repeatable)").option(
    "--timeout <seconds>",
    "stop the command (and its children) after this long"
  );
  addServerOption(command, "record the run through").argument("<command...>", "the command and its arguments, after --").addHelpText("after", EXAMPLES).action(
    app.action(async (ctx, argv, opts) => {
      const timeout = opts.timeout === void 0 ? null : Number(opts.timeout);
      if (timeout !== null && (!Number.isInteger(timeout) || timeout < 1)) {
        throw new OpsledgerError("INPUT_INVALID", `--timeout ${opts.timeout}: expected whole seconds`);
      }
      const params = parseParams(opts.param, opts.paramEnv, ctx.env);
      const { journal, remote, close } = await openRecordingJournal(ctx, opts, "exec");
      const stop = abortOnSignals(ctx);
      try {
        const started = await startExternal({
          repo: ctx.repo,
          dataDir: ctx.dataDir,
          branch: ctx.config.branch,
          definitionsDir: ctx.config.paths.definitions,
          journal,
          actionId: opts.action,
          params,
          targets: opts.target,
          initiator: await cliInitiator(ctx),
          command: argv,
          timeoutSeconds: timeout,
          signal: stop.signal,
          now: ctx.now,
          env: ctx.env,
          cwd: ctx.cwd,
          onStdout: (chunk) => process.stdout.write(chunk),
          onStderr: (chunk) => process.stderr.write(chunk)
        });
        const final = await started.done;
        ctx.out.info(
          `${final.id}: ${final.action_id} ${final.status}${final.exit_code === null ? "" : ` (exit ${final.exit_code})`}`
        );
        reportSpooled(ctx, remote, final);
        return exitCodeOf(final);
      } finally {
        stop.dispose();
        await close();
      }
    })
  );
};
export {
  execCommand
};
