// The CI gate of `gilscope experiment --fail-if EXPR`: a tiny expression language over an experiment's
// per-configuration medians. The gate FAILS (exit 3) when the expression is TRUE.
//
//   condition  := comparison ( "and" comparison )*
//   comparison := measure ( "<" | "<=" | ">" | ">=" ) number
//   measure    := "speedup" "(" selector "vs" selector ")"      median wall(B) / median wall(A)
//               | "wall" "(" selector ")"                        median wall seconds
//               | "parallelism" "(" selector ")"                 median CPU seconds per wall second
//               | "contention" "(" selector ")"                  median GIL contention (0–1)
//   selector   := word+           every word must match; exactly one configuration must match them all
//   word       := on | off | default      the GIL mode
//               | 3.13 | 3.13.5 | 3.13t   the interpreter version (prefix; a trailing t = free-threaded)
//               | NAME=VALUE              the value of the varied argument or variable
//               | anything else           a configuration key, or the interpreter's file name or path
//
// Example: --fail-if "speedup(off vs on) < 1.5" fails the build unless the GIL-off runs are 1.5× faster.
import path from 'node:path';
import type { ExperimentConfigResult, ExperimentView } from '../../shared/compare-types.ts';

/** A gate that cannot be parsed or whose selectors do not pick exactly one configuration. */
export class GateError extends Error {
  override name = 'GateError';
}

type Measure =
  { kind: 'speedup'; a: string[]; b: string[] } | { kind: 'wall' | 'parallelism' | 'contention'; a: string[] };
type Op = '<' | '<=' | '>' | '>=';
interface Comparison {
  measure: Measure;
  op: Op;
  threshold: number;
  text: string;
}

/** A parsed gate: one or more comparisons joined by "and". */
export interface Gate {
  comparisons: Comparison[];
}

const TOKEN = /\s*(<=|>=|<|>|\(|\)|[^\s()<>]+)/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) {
      if (source.slice(start).trim() !== '') throw new GateError(`cannot read "${source.slice(start).trim()}"`);
      return tokens;
    }
    tokens.push(match[1]!);
  }
}

// Parses a gate expression; throws GateError naming what it expected and what it found.
export function parseGate(source: string): Gate {
  const tokens = tokenize(source);
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const next = (expected: string): string => {
    const token = tokens[at];
    if (token === undefined) throw new GateError(`expected ${expected} at the end of "${source}"`);
    at++;
    return token;
  };
  const expect = (literal: string): void => {
    const token = next(`"${literal}"`);
    if (token.toLowerCase() !== literal) throw new GateError(`expected "${literal}", found "${token}"`);
  };
  const selector = (stop: string): string[] => {
    const words: string[] = [];
    while (peek() !== undefined && peek()!.toLowerCase() !== stop && peek() !== ')') words.push(next('a selector'));
    if (words.length === 0)
      throw new GateError(`expected a configuration (e.g. off, on, 3.13t) before "${peek() ?? 'the end'}"`);
    return words;
  };
  const comparisons: Comparison[] = [];
  for (;;) {
    const begin = at;
    const name = next('speedup(…), wall(…), parallelism(…) or contention(…)').toLowerCase();
    let measure: Measure;
    if (name === 'speedup') {
      expect('(');
      const a = selector('vs');
      expect('vs');
      const b = selector(')');
      expect(')');
      measure = { kind: 'speedup', a, b };
    } else if (name === 'wall' || name === 'parallelism' || name === 'contention') {
      expect('(');
      const a = selector(')');
      expect(')');
      measure = { kind: name, a };
    } else {
      throw new GateError(
        `unknown measure "${tokens[begin]}": use speedup(A vs B), wall(A), parallelism(A) or contention(A)`,
      );
    }
    const op = next('<, <=, > or >=');
    if (!['<', '<=', '>', '>='].includes(op)) throw new GateError(`expected <, <=, > or >=, found "${op}"`);
    const numberText = next('a number');
    const threshold = Number(numberText);
    if (numberText.trim() === '' || !Number.isFinite(threshold))
      throw new GateError(`expected a number after ${op}, found "${numberText}"`);
    comparisons.push({ measure, op: op as Op, threshold, text: measureText(measure) });
    const joiner = peek();
    if (joiner === undefined) return { comparisons };
    if (joiner.toLowerCase() !== 'and') throw new GateError(`expected "and" or the end, found "${joiner}"`);
    at++;
  }
}

function measureText(measure: Measure): string {
  return measure.kind === 'speedup'
    ? `speedup(${measure.a.join(' ')} vs ${measure.b.join(' ')})`
    : `${measure.kind}(${measure.a.join(' ')})`;
}

/** What selectors look at: the fields a planned configuration already has before any run. */
export type GateConfig = Pick<ExperimentConfigResult, 'key' | 'label' | 'interpreter' | 'gilMode' | 'varyValue'>;

function wordMatches(word: string, config: GateConfig): boolean {
  const lower = word.toLowerCase();
  if (lower === 'on' || lower === 'off' || lower === 'default') return config.gilMode === lower;
  const version = /^(\d+(?:\.\d+){0,2})(t?)$/.exec(lower);
  if (version) {
    const wanted = version[1]!.split('.');
    const have = config.interpreter.version.split('.');
    return wanted.every((part, i) => part === have[i]) && (version[2] !== 't' || config.interpreter.freeThreaded);
  }
  if (word.includes('=') && config.varyValue !== null && config.key.split('|').includes(word)) return true;
  return (
    word === config.key ||
    word === config.label ||
    word === config.interpreter.path ||
    word === path.basename(config.interpreter.path)
  );
}

function select<C extends GateConfig>(words: string[], configs: readonly C[]): C {
  const matches = configs.filter((config) => words.every((word) => wordMatches(word, config)));
  const keys = configs.map((config) => config.key).join(', ');
  if (matches.length === 0) throw new GateError(`"${words.join(' ')}" matches no configuration (have: ${keys})`);
  if (matches.length > 1)
    throw new GateError(
      `"${words.join(' ')}" matches ${matches.length} configurations (${matches.map((c) => c.key).join(', ')}); add words to pick one`,
    );
  return matches[0]!;
}

/** Checks that every selector of `gate` picks exactly one of `configs` (before running); throws GateError. */
export function checkGateSelectors(gate: Gate, configs: readonly GateConfig[]): void {
  for (const { measure } of gate.comparisons) {
    select(measure.a, configs);
    if (measure.kind === 'speedup') select(measure.b, configs);
  }
}

function measured(measure: Measure, view: ExperimentView): number | null {
  const a = select(measure.a, view.configs);
  if (measure.kind === 'speedup') {
    const b = select(measure.b, view.configs);
    const wallA = a.wallSeconds?.median ?? null;
    const wallB = b.wallSeconds?.median ?? null;
    return wallA && wallB !== null ? wallB / wallA : null;
  }
  if (measure.kind === 'wall') return a.wallSeconds?.median ?? null;
  if (measure.kind === 'parallelism') return a.parallelism?.median ?? null;
  return a.contention?.median ?? null;
}

const compare = (value: number, op: Op, threshold: number): boolean =>
  op === '<'
    ? value < threshold
    : op === '<='
      ? value <= threshold
      : op === '>'
        ? value > threshold
        : value >= threshold;

/** Whether the gate's condition holds (= the gate fails), with one line naming each measured value. */
export function evaluateGate(gate: Gate, view: ExperimentView): { holds: boolean; description: string } {
  const parts = gate.comparisons.map((comparison) => {
    const value = measured(comparison.measure, view);
    // A figure that could not be measured (no completed run) fails the gate: a CI gate must not pass blind.
    if (value === null) return { holds: true, text: `${comparison.text} could not be measured (no completed run)` };
    return {
      holds: compare(value, comparison.op, comparison.threshold),
      text: `${comparison.text} = ${Number(value.toFixed(3))} (${comparison.op} ${comparison.threshold})`,
    };
  });
  return { holds: parts.every((part) => part.holds), description: parts.map((part) => part.text).join(' and ') };
}
