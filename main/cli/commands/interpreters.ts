import { discoverInterpreters } from '../../engine/interpreters/index.ts';
import { parseOptions } from '../parse-options.ts';
import { formatTable } from '../format-table.ts';

/** `gilscope interpreters [--json] [--add PATH …]`: the CPython interpreters found on this machine. */
export async function interpretersCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { json: { type: 'boolean' }, add: { type: 'string', multiple: true } });
  const discovery = await discoverInterpreters({ extraPaths: values.add ?? [] });
  const interpreters = discovery.interpreters;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ schemaVersion: 1, interpreters, rejected: discovery.rejected })}\n`);
    return 0;
  }
  if (interpreters.length === 0) {
    process.stdout.write('No CPython interpreters found. Add one with: gilscope interpreters --add PATH\n');
    return 0;
  }
  const rows = interpreters.map((interpreter) => [
    interpreter.version + (interpreter.freeThreaded ? 't' : ''),
    interpreter.freeThreaded
      ? interpreter.gilEnabledByDefault
        ? 'free-threaded (GIL on by default)'
        : 'free-threaded'
      : 'GIL',
    interpreter.source,
    interpreter.path,
  ]);
  process.stdout.write(formatTable(['VERSION', 'BUILD', 'FOUND VIA', 'PATH'], rows));
  return 0;
}
