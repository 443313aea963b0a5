/** The saved-model-cli dispatcher, callable in-process: `runCli(argv, io)` returns the exit code. */
import { isSavedModelError } from '../index.js';
import { SCAN_USAGE, runScan } from './scan.js';
import { SHOW_USAGE, runShow } from './show.js';

/** Where the CLI writes: standard output and standard error. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = [
  'usage: saved-model-cli <command> [flags]',
  '',
  'commands:',
  `  show   ${SHOW_USAGE.replace('usage: saved-model-cli show ', '')}`,
  `  scan   ${SCAN_USAGE.replace('usage: saved-model-cli scan ', '')}`,
].join('\n');

/** Runs saved-model-cli with `argv` (arguments after the program name); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.err : io.out)(USAGE + '\n');
    return command === undefined ? 1 : 0;
  }
  try {
    switch (command) {
      case 'show':
        if (rest.includes('--help') || rest.includes('-h')) {
          io.out(SHOW_USAGE + '\n');
          return 0;
        }
        io.out(await runShow(rest));
        return 0;
      case 'scan':
        if (rest.includes('--help') || rest.includes('-h')) {
          io.out(SCAN_USAGE + '\n');
          return 0;
        }
        io.out(await runScan(rest));
        return 0;
      default:
        io.err(`saved-model-cli: error: unknown command '${command}' (expected: show, scan)\n`);
        return 1;
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const prefix = isSavedModelError(e) ? `${e.code}: ` : 'internal error: ';
    io.err(`saved-model-cli: error: ${prefix}${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}
