import { DEFINITION_KINDS } from '../../definitions/types.js';
import { EXIT } from '../../errors/opsledger-error.js';
import type { CommandModule } from '../cli-app.js';
import {
  describeCommand,
  renderBashCompletion,
  renderFishCompletion,
  renderZshCompletion,
} from '../render-completion.js';

const RENDER = { bash: renderBashCompletion, zsh: renderZshCompletion, fish: renderFishCompletion };

const EXAMPLES = `
Examples:
  $ opsledger completion bash >> ~/.bashrc          # or: source <(opsledger completion bash)
  $ opsledger completion zsh >> ~/.zshrc
  $ opsledger completion fish > opsledger.fish      # then move it to ~/.config/fish/completions/`;

/**
 * `opsledger completion bash|zsh|fish`: print a completion script generated from the program itself (every command,
 * subcommand and option), so it never drifts from the CLI. Needs every command registered (commands/index.ts).
 */
export const completionCommand: CommandModule = (program, app) => {
  program
    .command('completion')
    .description('print a shell completion script (commands, subcommands, options)')
    .addArgument(program.createArgument('<shell>', 'bash | zsh | fish').choices(Object.keys(RENDER)))
    .addHelpText('after', EXAMPLES)
    .action((shell: keyof typeof RENDER) => {
      const root = describeCommand(program, {
        new: [...DEFINITION_KINDS],
        completion: Object.keys(RENDER),
      });
      app.out.line(RENDER[shell](root).trimEnd());
      app.exitCode = EXIT.ok;
    });
};
