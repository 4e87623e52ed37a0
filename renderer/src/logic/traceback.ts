// Finds the traceback that ended a Python program in its output, so a failed run can open with its cause.
// Python prints it to stderr as: a "Traceback (most recent call last):" header, one `File "…", line N, in f`
// line per frame (each followed by its source line and maybe a ^^^ marker), then the exception line.
// A syntax error in the script itself has no header: only the File line, the code, a caret and the error.

/** One frame of a traceback, outermost first as Python prints it. */
export interface TracebackFrame {
  file: string;
  line: number;
  /** The function, or null for a syntax error's location. */
  func: string | null;
  /** The source line Python printed under it, trimmed; null when it printed none. */
  code: string | null;
}

/** The last traceback in a program's output. */
export interface ParsedTraceback {
  /** The exception line, e.g. "ZeroDivisionError: division by zero". */
  exception: string;
  frames: TracebackFrame[];
  /** The traceback's lines exactly as printed. */
  text: string;
}

const HEADER = /Traceback \(most recent call last\):\s*$/;
const FILE_LINE = /^[\s|]*File "(.+)", line (\d+)(?:, in (.+))?\s*$/;
// An exception line starts at column 0 with a (dotted) class name, then ':' and the message or nothing.
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(: .*|:)?$/;
const SYNTAX_ERROR = /^(SyntaxError|IndentationError|TabError)(: .*)?$/;

/** The last traceback in `output` (stdout and stderr in order), or null when there is none. */
export function lastTraceback(output: string): ParsedTraceback | null {
  const lines = output.split(/\r?\n/);
  let header = -1;
  for (let i = lines.length - 1; i >= 0 && header < 0; i--) if (HEADER.test(lines[i] ?? '')) header = i;
  const fromHeader = header < 0 ? null : tracebackFrom(lines, header);
  // A syntax error printed after it (compiling the script itself has no header) is the later failure.
  return lastSyntaxError(lines, fromHeader?.end ?? -1) ?? fromHeader?.traceback ?? null;
}

// The traceback whose header is at `header`: indented lines, then the exception line (index `end`).
function tracebackFrom(lines: string[], header: number): { traceback: ParsedTraceback; end: number } | null {
  let end = header + 1;
  while (end < lines.length && /^\s/.test(lines[end] ?? '')) end++;
  const exception = (lines[end] ?? '').trim();
  if (!EXCEPTION_LINE.test(exception)) return null;
  const block = lines.slice(header, end + 1);
  return { traceback: { exception, frames: framesIn(block), text: block.join('\n') }, end };
}

// A header-less syntax error after line `after`: `File "…", line N`, its code and caret, then the error line.
function lastSyntaxError(lines: string[], after: number): ParsedTraceback | null {
  for (let i = lines.length - 1; i > after; i--) {
    if (!SYNTAX_ERROR.test(lines[i] ?? '')) continue;
    for (let j = i - 1; j > after && j >= i - 6; j--) {
      if (!FILE_LINE.test(lines[j] ?? '')) continue;
      const block = lines.slice(j, i + 1);
      return { exception: (lines[i] ?? '').trim(), frames: framesIn(block), text: block.join('\n') };
    }
  }
  return null;
}

// The File lines of a block with the source line printed under each (not a caret marker).
function framesIn(block: string[]): TracebackFrame[] {
  const frames: TracebackFrame[] = [];
  block.forEach((text, i) => {
    const match = FILE_LINE.exec(text);
    if (!match) return;
    const next = block[i + 1]?.trim() ?? '';
    const isCode =
      next !== '' && !FILE_LINE.test(block[i + 1] ?? '') && !/^[\^~\s]+$/.test(next) && i + 1 < block.length - 1;
    frames.push({
      file: match[1] ?? '',
      line: Number(match[2]),
      func: match[3]?.trim() ?? null,
      code: isCode ? next : null,
    });
  });
  return frames;
}
