import type { CommandModule } from '../cli-app.js';
import { validateCommand } from './validate.js';
import { hooksCommand } from './hooks.js';
import { reportCommand } from './report.js';

/** Every command of the CLI, in the order `--help` lists them. Add a module here to add a command. */
export const COMMANDS: CommandModule[] = [validateCommand, hooksCommand, reportCommand];
