/**
 * Parameter names of a JS function, read from its source text (`fn.toString()`): what TF gets
 * from Python's `inspect` to name a traced function's inputs. Destructured or otherwise
 * non-identifier parameters give `undefined` (the caller falls back to `input_N`).
 */

/** Splits `s` at top-level commas (outside brackets, braces, parentheses and strings). */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  const last = s.slice(start);
  if (last.trim()) parts.push(last);
  return parts;
}

/** The parameter list text of a function's source, or undefined. */
function paramListText(src: string): string | undefined {
  const text = src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ').trim();
  const arrow = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(text);
  if (arrow) return arrow[1];
  const open = text.indexOf('(');
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

/** Names of `fn`'s parameters, in order (`undefined` where a parameter has no plain name). */
export function parameterNames(fn: (...args: never[]) => unknown): (string | undefined)[] {
  const list = paramListText(Function.prototype.toString.call(fn));
  if (list === undefined) return [];
  return splitTopLevel(list).map((p) => {
    const m = /^\s*(?:\.\.\.)?\s*([A-Za-z_$][\w$]*)\s*(?:=[\s\S]*)?$/.exec(p);
    return m ? m[1] : undefined;
  });
}
