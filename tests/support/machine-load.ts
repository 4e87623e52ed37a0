// How busy the machine was with other work while a test measured something: the evidence that says
// whether a load-dependent figure (e.g. GIL wait, which a busy machine turns into run-queue time) can be
// held to a quiet machine's bound.
import fs from 'node:fs';
import os from 'node:os';

/** Clock ticks per second of /proc/stat (USER_HZ: 100 on every Linux GILscope runs on). */
const USER_HZ = 100;

/** Busy CPU seconds of the whole machine so far (everything but idle and iowait, over all cores). */
function machineBusySeconds(): number {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / USER_HZ;
}

/** This process's CPU seconds (all its threads: the test, the sampler worker, SQLite). */
function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export interface MachineLoad {
  wallSeconds: number;
  /** CPU seconds that neither this process nor the measured target used, on any core. */
  otherCpuSeconds: number;
  /** otherCpuSeconds per wall second: how many cores other work kept busy on average. */
  otherCores: number;
  cores: number;
}

/** Starts watching; `end(targetCpuSeconds)` returns what other work used in between. */
export function watchMachineLoad(): { end(targetCpuSeconds: number): MachineLoad } {
  const startWall = performance.now();
  const startBusy = machineBusySeconds();
  const startOwn = ownCpuSeconds();
  return {
    end(targetCpuSeconds) {
      const wallSeconds = (performance.now() - startWall) / 1000;
      const other = Math.max(0, machineBusySeconds() - startBusy - (ownCpuSeconds() - startOwn) - targetCpuSeconds);
      return {
        wallSeconds,
        otherCpuSeconds: other,
        otherCores: wallSeconds > 0 ? other / wallSeconds : 0,
        cores: os.availableParallelism(),
      };
    },
  };
}

/** One line for an assertion message: what the machine did besides the measurement. */
export function describeLoad(load: MachineLoad): string {
  return `other work kept ${load.otherCores.toFixed(2)} of ${load.cores} cores busy over ${load.wallSeconds.toFixed(2)} s`;
}
