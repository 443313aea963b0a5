/** Hand-rolled command-line parsing: `command --flag value`, `--flag=value` and boolean `--flag`. */
import { SavedModelError } from '../index.js';

/** The flags a command accepts: which take a value and which are switches. */
export interface FlagSpec {
  values: readonly string[];
  switches: readonly string[];
}

/** Parsed flags: string values and switches that were given. */
export interface ParsedFlags {
  values: Map<string, string>;
  switches: Set<string>;
}

/** Parses `argv` (without the command name) against `spec`; unknown or malformed flags are INVALID_ARGUMENT. */
export function parseFlags(command: string, argv: readonly string[], spec: FlagSpec): ParsedFlags {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      throw new SavedModelError('INVALID_ARGUMENT', `${command}: unexpected argument '${arg}'`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.switches.includes(name)) {
      if (eq >= 0) throw new SavedModelError('INVALID_ARGUMENT', `${command}: --${name} takes no value`);
      switches.add(name);
    } else if (spec.values.includes(name)) {
      let value: string;
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new SavedModelError('INVALID_ARGUMENT', `${command}: --${name} expects a value`);
      values.set(name, value);
    } else {
      const known = [...spec.values, ...spec.switches].map((f) => `--${f}`).join(', ');
      throw new SavedModelError('INVALID_ARGUMENT', `${command}: unknown flag --${name} (expected one of ${known})`);
    }
  }
  return { values, switches };
}
