// Runs the real ./bin/gilscope as a child process and checks the CLI's error contract.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { RunSummary } from '../../main/engine/analysis/run-summary.ts';

/** The CLI entry point, as a user runs it from the repository root. */
export const GILSCOPE = path.resolve(import.meta.dirname, '../../bin/gilscope');

/** What one CLI invocation printed and how it ended. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of runCli. */
export interface RunCliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** A command to run gilscope under, e.g. ['setpriv', '--bounding-set=-sys_ptrace', …]. */
  wrapper?: string[];
  /** Called once the CLI process exists (e.g. to send it a signal). */
  onSpawn?: (child: ChildProcess) => void;
  /** Called with every chunk of stderr as it arrives. */
  onStderr?: (text: string, child: ChildProcess) => void;
}

/** Runs `bin/gilscope args…` to its end (killed after 60 s, which fails the test). */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const command = [...(options.wrapper ?? []), GILSCOPE, ...args];
  const child = spawn(command[0] ?? GILSCOPE, command.slice(1), {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    options.onStderr?.(text, child);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Asserts the CLI refused with exactly one `gilscope: …` line on stderr, nothing on stdout, no stack trace. */
export function expectOneLineError(result: CliResult, message: RegExp, exitCode = 1): string {
  expect(result.stderr.split('\n').filter((line) => /^\s+at /.test(line))).toEqual([]);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^gilscope: /);
  expect(lines[0]).toMatch(message);
  expect(result.stdout).toBe('');
  expect(result.code).toBe(exitCode);
  return lines[0] ?? '';
}

/** Asserts no stack trace anywhere in stderr. */
export function expectNoStackTrace(result: CliResult): void {
  expect(result.stderr.split('\n').filter((line) => /^\s+at /.test(line))).toEqual([]);
}

/** The one JSON object `--json` printed on stdout. */
export function parseSummary(result: CliResult): RunSummary {
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  expect(lines, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as RunSummary;
}

/** Writes a script file and returns its path. */
export function writeScript(dir: string, name: string, source: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source);
  return file;
}
