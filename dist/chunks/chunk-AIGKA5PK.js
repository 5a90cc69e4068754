import {
  closeAbandonedRuns
} from "./chunk-A3DXYWG7.js";

// src/cli/close-abandoned.ts
function closeAbandonedFromCli(ctx, journal, closedBy) {
  return closeAbandonedRuns({
    dataDir: ctx.dataDir,
    journal,
    now: ctx.now,
    closedBy,
    onWarning: (m) => ctx.out.info(`warning: ${m}`)
  });
}

export {
  closeAbandonedFromCli
};
