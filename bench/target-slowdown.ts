// Target slowdown: wall time of a fixed-work Python script without vs under profiling, in paired runs
// (order alternating within each pair), at 100 Hz and 1 kHz. `node bench/target-slowdown.ts` prints the section.
import fs from 'node:fs';
import path from 'node:path';
import type { BenchSection } from './support/bench-section.ts';
import { plainRunWallNs } from './support/plain-run.ts';
import { profileRun } from './support/profile-run.ts';
import { FREE_THREADED_PYTHON, GIL_PYTHON } from './support/pythons.ts';
import { writeWorkloads } from './support/python-workloads.ts';
import { fmt, median, pct } from './support/stats.ts';
import type { GilMode } from '../main/shared/vocabulary.ts';

const PAIRS = 7;

interface Workload {
  name: string;
  python: string;
  gilMode: GilMode;
  /** fixed_cpu.py args: threads (0 = main thread only), iterations per thread. */
  args: string[];
  /** Python stacks read at every tick (default true, like `gilscope profile`). */
  stacks?: boolean;
}

// Iteration counts are fixed (≈1.5–2 s unprofiled on the reference machine), never derived from a clock.
const WORKLOADS: Workload[] = [
  { name: '4 CPU threads, 3.12 (GIL)', python: GIL_PYTHON, gilMode: 'default', args: ['4', '7500000'] },
  {
    name: '4 CPU threads, 3.12 (GIL), --no-stacks',
    python: GIL_PYTHON,
    gilMode: 'default',
    args: ['4', '7500000'],
    stacks: false,
  },
  { name: 'main thread only, 3.12 (GIL)', python: GIL_PYTHON, gilMode: 'default', args: ['0', '30000000'] },
  { name: '4 CPU threads, 3.13t --gil off', python: FREE_THREADED_PYTHON, gilMode: 'off', args: ['4', '8000000'] },
];

const TARGETS: Record<number, number> = { 100: 1.02, 1000: 1.05 };

interface Row {
  workload: string;
  rateHz: number;
  ratios: number[];
  plainMs: number[];
  profiledMs: number[];
  achievedHz: number[];
  samplerCore: number[];
}

/** Profiled/unprofiled pairs for each workload and rate; returns the BENCHMARKS.md section. */
export async function run(): Promise<BenchSection> {
  const scripts = writeWorkloads();
  const dbFile = path.join(scripts.dir, 'slowdown.db');
  const rows: Row[] = [];
  try {
    for (const workload of WORKLOADS) {
      if (!fs.existsSync(workload.python)) {
        console.error(`  skip ${workload.name}: ${workload.python} missing`);
        continue;
      }
      const plain = (): Promise<number> =>
        plainRunWallNs(workload.python, scripts.fixedCpu, workload.args, workload.gilMode);
      const profiled = (rateHz: number) =>
        profileRun({
          python: workload.python,
          script: scripts.fixedCpu,
          args: workload.args,
          rateHz,
          dbFile,
          gilMode: workload.gilMode,
          stacks: workload.stacks,
        });
      await plain(); // warm-up: page cache, probe cache, worker code
      await profiled(100);
      for (const rateHz of [100, 1000]) {
        const row: Row = {
          workload: workload.name,
          rateHz,
          ratios: [],
          plainMs: [],
          profiledMs: [],
          achievedHz: [],
          samplerCore: [],
        };
        for (let pair = 0; pair < PAIRS; pair++) {
          let plainNs = 0;
          let result;
          if (pair % 2 === 0) {
            plainNs = await plain();
            result = await profiled(rateHz);
          } else {
            result = await profiled(rateHz);
            plainNs = await plain();
          }
          row.ratios.push(result.wallNs / plainNs);
          row.plainMs.push(plainNs / 1e6);
          row.profiledMs.push(result.wallNs / 1e6);
          row.achievedHz.push(result.sampler.ticks / (result.wallNs / 1e9));
          row.samplerCore.push(result.sampler.busyNs / result.wallNs);
        }
        console.error(
          `  ${workload.name} @ ${rateHz} Hz: median ratio ${median(row.ratios).toFixed(4)} (${row.ratios.map((r) => r.toFixed(3)).join(' ')})`,
        );
        rows.push(row);
      }
    }
  } finally {
    scripts.remove();
  }
  const targets = rows.map((r) => {
    const ratio = median(r.ratios);
    return {
      target: `slowdown ≤ ${pct(TARGETS[r.rateHz]!, 0)} at ${fmt(r.rateHz)} Hz — ${r.workload}`,
      measured: `${pct(ratio)} (median of ${r.ratios.length} pairs; spread ${pct(Math.min(...r.ratios))} to ${pct(Math.max(...r.ratios))})`,
      met: ratio <= TARGETS[r.rateHz]!,
    };
  });
  return { title: 'Target slowdown (wall with / without profiling)', markdown: render(rows), targets };
}

function render(rows: Row[]): string {
  const lines = [
    `Fixed work (\`fixed_cpu.py\`: each thread runs a fixed number of pure-Python loop iterations; "main thread only" runs`,
    `them on the main thread). Both runs start through the same launcher (execa, same env, PYTHONUNBUFFERED=1, own process`,
    `group) and are timed from just before spawn to exit; the profiled wall is the run's recorded wall (no DB open or`,
    `interpreter probe). ${PAIRS} pairs per row, the order alternating (plain first in even pairs), after one warm-up of each.`,
    `Ratio = profiled wall / unprofiled wall of the same pair. Target: ≤ 1.02 at 100 Hz, ≤ 1.05 at 1 kHz.`,
    '',
    '| workload | rate | median ratio | spread (min–max) | unprofiled wall (median) | profiled wall (median) | achieved rate | sampler busy (% of a core) | target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const ratio = median(r.ratios);
    const met =
      ratio <= TARGETS[r.rateHz]! ? 'met' : `**missed** by ${((ratio - TARGETS[r.rateHz]!) * 100).toFixed(1)} points`;
    lines.push(
      `| ${r.workload} | ${fmt(r.rateHz)} Hz | ${ratio.toFixed(3)} (${pct(ratio)}) | ${Math.min(...r.ratios).toFixed(3)}–${Math.max(...r.ratios).toFixed(3)} | ` +
        `${fmt(median(r.plainMs))} ms | ${fmt(median(r.profiledMs))} ms | ${fmt(median(r.achievedHz))} Hz | ${fmt(median(r.samplerCore) * 100, 1)}% | ${met} (≤ ${pct(TARGETS[r.rateHz]!, 0)}) |`,
    );
  }
  lines.push(
    '',
    `Per-pair ratios: ${rows.map((r) => `${r.workload} @ ${r.rateHz} Hz: ${r.ratios.map((x) => x.toFixed(3)).join(', ')}`).join('; ')}.`,
  );
  return lines.join('\n');
}

if (import.meta.main) {
  const { title, markdown } = await run();
  console.log(`## ${title}\n\n${markdown}`);
}
