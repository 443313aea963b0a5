/**
 * RE2 (TensorFlow's regex engine) patterns and rewrites in JavaScript terms. The syntaxes mostly
 * agree; this maps the RE2-only spellings models use: leading inline flags `(?i)`/`(?s)`/`(?m)`,
 * `(?P<name>…)`, `\A` / `\z`, `\pL`, POSIX classes `[[:alpha:]]`, and rewrites with `\0`–`\9`.
 */

const POSIX: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: '\\t\\n\\v\\f\\r ', blank: '\\t ',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: '0-9A-Za-z_', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

/** A JS RegExp for an RE2 pattern (`global` for replace-all); throws on patterns JS cannot express. */
export function re2ToRegExp(pattern: string, global: boolean): RegExp {
  let flags = 'u' + (global ? 'g' : '');
  let body = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    if (lead[1].includes('U')) throw new Error('the RE2 ungreedy flag (?U) has no JavaScript equivalent');
    flags += lead[1];
    body = body.slice(lead[0].length);
  }
  body = body
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\\([pP])([A-Za-z])/g, '\\$1{$2}')
    .replace(/\[:(\^?)(\w+):\]/g, (m, neg: string, name: string) => {
      const cls = POSIX[name];
      if (!cls) return m;
      if (neg) throw new Error(`negated POSIX class [:^${name}:] is not supported`);
      return cls;
    });
  return new RegExp(body, flags);
}

/** A replacement function for an RE2 rewrite string (`\1` groups, `\0` the match, `\\` a backslash). */
export function re2Rewrite(rewrite: string): (match: string, ...groups: unknown[]) => string {
  const parts: (string | number)[] = [];
  let lit = '';
  for (let i = 0; i < rewrite.length; i++) {
    const ch = rewrite[i];
    if (ch !== '\\' || i + 1 === rewrite.length) {
      lit += ch;
      continue;
    }
    const next = rewrite[++i];
    if (next >= '0' && next <= '9') {
      parts.push(lit, Number(next));
      lit = '';
    } else if (next === '\\') {
      lit += '\\';
    } else {
      throw new Error(`invalid rewrite escape \\${next} in '${rewrite}'`);
    }
  }
  parts.push(lit);
  return (match: string, ...groups: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : p === 0 ? match : (groups[p - 1] as string | undefined) ?? '')).join('');
}
