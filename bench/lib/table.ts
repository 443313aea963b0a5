/** The results table: plain text for the console, Markdown for docs/benchmarks.md. */
import { KEYS, meets, targetText, type Key } from './targets.js';

/** One row: key, value, target, verdict, clock, and what the value was computed from. */
export type Row = [key: string, value: string, target: string, verdict: string, clock: string, basis: string];

/** Rows of every key in KEYS order; `notes` (why a key has no value) and `basis` (ours vs theirs) fill the last column. */
export function tableRows(values: Record<string, number | null>, notes: Partial<Record<Key, string>>, basis: Partial<Record<Key, string>>): Row[] {
  return (Object.keys(KEYS) as Key[]).map((k) => {
    const v = values[k];
    const ok = meets(k, v);
    return [k, v === null ? '—' : String(v), targetText(k), ok === null ? '' : ok ? 'met' : 'MISSED', KEYS[k].clock, notes[k] ?? basis[k] ?? KEYS[k].what];
  });
}

/** Aligned columns for the console. */
export function textTable(rows: Row[]): string {
  const head: Row = ['key', 'value', 'target', '', 'clock', 'ours vs theirs'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(width[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

/** A Markdown table plus the machine line. */
export function markdownTable(rows: Row[], machine: Record<string, unknown>): string {
  const out = ['| key | value | target | | clock | ours vs theirs |', '|---|---|---|---|---|---|'];
  for (const [k, v, t, ok, clock, basis] of rows) out.push(`| \`${k}\` | ${v} | ${t} | ${ok} | ${clock} | ${basis} |`);
  out.push('', `Machine: ${JSON.stringify(machine)}`, '');
  return out.join('\n');
}
