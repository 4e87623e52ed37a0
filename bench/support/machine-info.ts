// The machine a benchmark ran on, for the BENCHMARKS.md header.
import fs from 'node:fs';
import os from 'node:os';

/** Markdown bullet lines: CPU model, cores, memory, kernel, Node. */
export function machineLines(): string[] {
  let model = os.cpus()[0]?.model ?? 'unknown';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // keep os.cpus()'s answer
  }
  return [
    `- CPU: ${model}, ${os.availableParallelism()} cores available (${os.cpus().length} online)`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Kernel: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node: ${process.version}`,
    `- Load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} (1 / 5 / 15 min)`,
  ];
}
