// How busy other programs kept the machine while a run recorded, from the run's machine readings
// (store/machine-cpu.ts) less the run's own CPU. Pure.
import type { MachineLoad } from '../../shared/run-summary-types.ts';
import type { RunRecord } from '../store/run-types.ts';
import { roundTo } from './round-to.ts';

/** A machine busy with other work beyond this many cores is worth saying so next to load-dependent figures. */
export const BUSY_MACHINE_CORES = 0.25;

/** Other programs' CPU during the run: all busy CPU less the target's (`targetCpuSeconds`) and GILscope's own. */
export function machineLoadOf(run: Pick<RunRecord, 'machine'>, targetCpuSeconds: number): MachineLoad | null {
  const machine = run.machine;
  if (!machine || machine.windowNs <= 0) return null;
  const otherNs = Math.max(0, machine.busyNs - machine.recorderCpuNs - targetCpuSeconds * 1e9);
  return {
    otherCpuSeconds: roundTo(otherNs / 1e9, 3),
    otherCores: roundTo(otherNs / machine.windowNs, 3),
    cores: machine.cores,
    windowSeconds: roundTo(machine.windowNs / 1e9, 3),
  };
}
