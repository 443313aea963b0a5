/** POSIX path helpers that work the same in Node and in the browser. */

/** Joins path parts with '/', collapsing duplicate separators (a URL's '//' after the scheme is kept). */
export function joinPath(...parts: string[]): string {
  const filtered = parts.filter((p) => p.length > 0);
  if (filtered.length === 0) return '';
  let out = filtered[0];
  for (const p of filtered.slice(1)) {
    out = out.endsWith('/') ? out + p.replace(/^\/+/, '') : out + '/' + p.replace(/^\/+/, '');
  }
  return out;
}

/** The parent of a path ('' for a bare name). */
export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '';
  if (i === 0) return '/';
  return trimmed.slice(0, i);
}

/** The last component of a path. */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * True when `relative` (a path stored inside a model, e.g. an asset file name) stays inside its
 * base directory: not absolute, no '..' component, no NUL, no backslash tricks.
 */
export function isContainedRelativePath(relative: string): boolean {
  if (relative.length === 0 || relative.includes('\0')) return false;
  if (relative.startsWith('/') || relative.includes('\\') || /^[a-zA-Z]:/.test(relative)) return false;
  return relative.split('/').every((c) => c !== '..');
}
