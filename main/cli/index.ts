// GILscope's command line: `gilscope <command> …`. Every failure ends as one line on stderr.
import { StoreError } from '../engine/store/store-error.ts';
import { CliError, usageError } from './cli-error.ts';
import { attachCommand } from './commands/attach.ts';
import { compareCommand } from './commands/compare.ts';
import { dumpCommand } from './commands/dump.ts';
import { experimentCommand } from './commands/experiment.ts';
import { exportCommand } from './commands/export.ts';
import { interpretersCommand } from './commands/interpreters.ts';
import { profileCommand } from './commands/profile.ts';
import { runsCommand } from './commands/runs.ts';
import { showCommand } from './commands/show.ts';
import { uiCommand } from './commands/ui.ts';
import { HELP_TEXT } from './help-text.ts';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  attach: attachCommand,
  compare: compareCommand,
  dump: dumpCommand,
  experiment: experimentCommand,
  export: exportCommand,
  interpreters: interpretersCommand,
  profile: profileCommand,
  runs: runsCommand,
  show: showCommand,
  ui: uiCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP_TEXT);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw usageError(`unknown command "${name}"`);
  return command(rest);
}

// A reader that went away (`gilscope export … | head -1`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError || error instanceof StoreError) {
      // Store errors may surface after the database opened (locked or corrupt mid-read): still one line.
      process.stderr.write(`gilscope: ${error.message}\n`);
      process.exitCode = error instanceof CliError ? error.exitCode : 1;
      return;
    }
    // Anything else is a bug in GILscope: still one line, with a hint how to get the details.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`gilscope: internal error: ${message} (set GILSCOPE_DEBUG=1 for details)\n`);
    if (process.env.GILSCOPE_DEBUG) console.error(error);
    process.exitCode = 70;
  },
);
