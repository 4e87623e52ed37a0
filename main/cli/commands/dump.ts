import { CliError, usageError } from '../cli-error.ts';
import { parseOptions } from '../parse-options.ts';
import { DumpError, dumpProcess } from '../../engine/stacks/dump-process.ts';
import type { DumpThread, ProcessDump } from '../../engine/stacks/dump-process.ts';
import { describeStatus } from '../../engine/stacks/thread-status.ts';

function formatThread(thread: DumpThread): string {
  const lines = [`Thread ${thread.tid} (${describeStatus(thread.status)}): "${thread.name}"`];
  const { stack } = thread;
  if (stack.kind === 'dropped') lines.push(`    <stack not readable: ${stack.reason}>`);
  else {
    for (const frame of stack.frames)
      lines.push(`    ${frame.function} (${frame.file}${frame.line === null ? '' : `:${frame.line}`})`);
    if (stack.truncated) lines.push(`    … (truncated after ${stack.frames.length} frames)`);
  }
  return lines.join('\n');
}

/** py-spy-dump-style text: a process header, then each thread's header and frames, innermost first. */
export function formatDump(dump: ProcessDump): string {
  const header = [
    `Process ${dump.pid}: ${dump.commandLine}`,
    `Python v${dump.python.version}${dump.python.freeThreaded ? ' (free-threaded)' : ''} (${dump.python.binary})`,
  ];
  return `${header.join('\n')}\n\n${dump.threads.map(formatThread).join('\n\n')}\n`;
}

/** `gilscope dump PID [--json]`: every Python thread's stack, name and GIL status, read once. */
export async function dumpCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw usageError('dump takes exactly one PID');
  const text = positionals[0]!;
  const pid = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(pid) || pid <= 0) throw usageError(`not a PID: "${text}"`);
  let dump: ProcessDump;
  try {
    dump = await dumpProcess(pid);
  } catch (error) {
    if (error instanceof DumpError) throw new CliError(error.message);
    throw error;
  }
  process.stdout.write(values.json ? `${JSON.stringify({ schemaVersion: 1, ...dump })}\n` : formatDump(dump));
  return 0;
}
