// A time range chosen on the timeline filters every panel's data: a real run whose second half alone
// has a CPU-bound thread; the range before it knows nothing of that thread or its function, the range
// after it does, and the figures over a range are the range's (wall = its length).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GilscopeService } from '../../main/app-service/gilscope-service.ts';
import type { RunRange } from '../../main/shared/api-contract.ts';
import type { FlameNode } from '../../main/shared/run-views.ts';
import { lateBurnerScript } from '../support/python-workloads.ts';
import { newService, profileThrough, scriptRequest } from './service-helpers.ts';

const WORKLOAD = lateBurnerScript(0.8);

function flameNames(node: FlameNode, into = new Set<string>()): Set<string> {
  into.add(node.name);
  for (const child of node.children) flameNames(child, into);
  return into;
}

describe('runs:range-summary and ranged functions / flame graph', () => {
  let service: GilscopeService;
  let runId: number;
  let before: RunRange;
  let after: RunRange;

  beforeAll(async () => {
    let dir: string;
    ({ service, dir } = newService());
    ({ runId } = await profileThrough(service, scriptRequest(dir, 'late.py', WORKLOAD)));
    const output = await service.call('runs:output', { runId });
    const phaseTwoNs = output!.chunks.find((c) => c.text.includes('phase two'))!.timeNs;
    const summary = (await service.call('runs:summary', { runId }))!;
    // 100 ms of margin on each side of the switch; the late thread starts after the print.
    before = { fromNs: 0, toNs: phaseTwoNs - 100e6 };
    after = { fromNs: phaseTwoNs + 100e6, toNs: summary.wallSeconds! * 1e9 };
  });
  afterAll(async () => {
    await service.close();
  });

  it('leaves a thread out of a range it had no samples in, and shows it in the range where it ran', async () => {
    const early = (await service.call('runs:range-summary', { runId, range: before }))!;
    const late = (await service.call('runs:range-summary', { runId, range: after }))!;
    expect(early.threads.map((t) => t.name)).not.toContain('late-burner');
    const burner = late.threads.find((t) => t.name === 'late-burner');
    expect(burner).toBeDefined();
    expect(burner!.states.running + burner!.states.runnable).toBeGreaterThan(0.5);
    // The main thread only slept (in join or sleep) in both ranges.
    expect(early.cpuSeconds).toBeLessThan(late.cpuSeconds);
    expect(early.wallSeconds).toBeCloseTo((before.toNs - before.fromNs) / 1e9, 3);
    expect(late.samples).toBeGreaterThan(0);
  });

  it('counts only the range in top functions and the flame graph', async () => {
    const request = { runId, tid: null, scope: 'on-cpu' as const };
    const whole = await service.call('runs:functions', request);
    const early = await service.call('runs:functions', { ...request, range: before });
    const late = await service.call('runs:functions', { ...request, range: after });
    expect(whole!.functions.map((f) => f.function)).toContain('burn_late');
    expect(early!.functions.map((f) => f.function)).not.toContain('burn_late');
    expect(late!.functions[0]?.function).toBe('burn_late');
    const earlyFlame = await service.call('runs:flamegraph', { ...request, scope: 'all', range: before });
    const lateFlame = await service.call('runs:flamegraph', { ...request, scope: 'all', range: after });
    expect(flameNames(earlyFlame!).has('burn_late')).toBe(false);
    expect(flameNames(lateFlame!).has('burn_late')).toBe(true);
  });

  it('refuses an empty or reversed range in one line', async () => {
    await expect(service.request('runs:range-summary', { runId, range: { fromNs: 5, toNs: 5 } })).rejects.toThrow(
      /runs:range-summary: invalid payload: range\.fromNs: fromNs must be less than toNs/,
    );
  });
});
