import type { CommandModule } from '../cli-app.js';
import { validateCommand } from './validate.js';
import { hooksCommand } from './hooks.js';
import { reportCommand } from './report.js';
import { historyCommand } from './history.js';
import { auditCommand } from './audit.js';
import { showCommand } from './show.js';
import { blameCommand } from './blame.js';
import { diffCommand } from './diff.js';
import { revertCommand } from './revert.js';
import { keysCommand } from './keys.js';
import { serveCommand } from './serve.js';
import { runCommand } from './run.js';
import { execCommand } from './exec.js';
import { executionsCommand } from './executions.js';
import { verifyCommand } from './verify.js';
import { anchorCommand } from './anchor.js';
import { retentionCommand } from './retention.js';
import { anonymizeCommand } from './anonymize.js';

/** Every command of the CLI, in the order `--help` lists them. Add a module here to add a command. */
export const COMMANDS: CommandModule[] = [
  validateCommand,
  hooksCommand,
  reportCommand,
  historyCommand,
  auditCommand,
  showCommand,
  blameCommand,
  diffCommand,
  revertCommand,
  keysCommand,
  serveCommand,
  runCommand,
  execCommand,
  executionsCommand,
  verifyCommand,
  anchorCommand,
  retentionCommand,
  anonymizeCommand,
];
