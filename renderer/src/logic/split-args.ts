// Splits one "arguments" text field into argv the way a POSIX shell would for plain words and quotes
// (no variables, globs or redirections): 'a "b c" d\ e' → ['a', 'b c', 'd e'].

export type SplitArgsResult = { kind: 'ok'; args: string[] } | { kind: 'error'; message: string };

// Shell-like split: whitespace separates; '…' is literal; "…" honours \" \\ \$ \`; a backslash escapes outside quotes.
export function splitArgs(text: string): SplitArgsResult {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) current += text[++i]!;
      else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 < text.length) current += text[++i]!;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) return { kind: 'error', message: `unclosed ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) args.push(current);
  return { kind: 'ok', args };
}

// The inverse, for showing a stored argv back in the field: quotes only what needs quoting.
export function joinArgs(args: readonly string[]): string {
  return args
    .map((arg) => (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`))
    .join(' ');
}
