// How busy the whole machine was while a run recorded: /proc/stat's busy CPU time of every core, and
// the recording process's own CPU, read when the run is created and when it finishes. The writer takes
// both readings because it is the one piece that sees the start and the end of every run (launched or
// attached; CLI, app or experiment). The run's summary subtracts the target's CPU to get other work's.
import fs from 'node:fs';

/** Clock ticks per second of /proc/stat (USER_HZ: 100 on every Linux GILscope runs on). */
const USER_HZ = 100;

/** One reading. */
export interface MachineCpuReading {
  /** Busy CPU ns of all cores since boot (everything but idle and iowait). */
  busyNs: number;
  /** This process's CPU ns (all its threads: the sampler worker, the store, the app's own work). */
  recorderCpuNs: number;
  /** Monotonic clock, ns. */
  atNs: number;
  /** Cores /proc/stat lists. */
  cores: number;
}

/** What happened between two readings. */
export interface MachineCpuSpan {
  busyNs: number;
  recorderCpuNs: number;
  windowNs: number;
  cores: number;
}

/** Reads /proc/stat and this process's CPU now; null when /proc/stat cannot be read (then the run has no figure). */
export function readMachineCpu(): MachineCpuReading | null {
  let text: string;
  try {
    text = fs.readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const fields = (lines[0] ?? '').trim().split(/\s+/);
  if (fields[0] !== 'cpu') return null;
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields.slice(1).map(Number);
  const { user: ownUser, system: ownSystem } = process.cpuUsage();
  return {
    busyNs: ((user + nice + system + irq + softirq + steal) / USER_HZ) * 1e9,
    recorderCpuNs: (ownUser + ownSystem) * 1000,
    atNs: Number(process.hrtime.bigint()),
    cores: lines.filter((line) => /^cpu\d+\s/.test(line)).length,
  };
}

/** From `start` to `end`. */
export function machineCpuSpan(start: MachineCpuReading, end: MachineCpuReading): MachineCpuSpan {
  return {
    busyNs: Math.max(0, end.busyNs - start.busyNs),
    recorderCpuNs: Math.max(0, end.recorderCpuNs - start.recorderCpuNs),
    windowNs: Math.max(0, end.atNs - start.atNs),
    cores: end.cores,
  };
}
