/** The saved-model-cli dispatcher, callable in-process: `runCli(argv, io)` returns the exit code. */
import { isSavedModelError } from '../index.js';
import { RUN_USAGE, runRun } from './run.js';
import { SCAN_USAGE, runScan } from './scan.js';
import { SHOW_USAGE, runShow } from './show.js';

/** Where the CLI writes: standard output and standard error. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A command: its usage line and what it prints on stdout. */
interface Command {
  readonly usage: string;
  run(argv: readonly string[], io: CliIO): Promise<string>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  show: { usage: SHOW_USAGE, run: (argv) => runShow(argv) },
  run: { usage: RUN_USAGE, run: (argv, io) => runRun(argv, io) },
  scan: { usage: SCAN_USAGE, run: (argv) => runScan(argv) },
};

const USAGE = [
  'usage: saved-model-cli <command> [flags]',
  '',
  'commands:',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(6)} ${c.usage.replace(`usage: saved-model-cli ${name} `, '')}`),
].join('\n');

/** Runs saved-model-cli with `argv` (arguments after the program name); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)(USAGE + '\n');
    return command === undefined ? 1 : 0;
  }
  const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!cmd) {
    io.err(`saved-model-cli: error: unknown command '${command}' (expected: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.usage + '\n');
    return 0;
  }
  try {
    io.out(await cmd.run(rest, io));
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const prefix = isSavedModelError(e) ? `${e.code}: ` : 'internal error: ';
    io.err(`saved-model-cli: error: ${prefix}${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}
