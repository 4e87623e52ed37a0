import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { mapWithConcurrency } from '../../main/engine/interpreters/map-with-concurrency.ts';

it('runs at most `limit` calls at once and keeps the order of the results', async () => {
  let inFlight = 0;
  let most = 0;
  const results = await mapWithConcurrency([5, 1, 4, 2, 3, 1, 2], 3, async (ms) => {
    most = Math.max(most, ++inFlight);
    await sleep(ms * 5);
    inFlight--;
    return ms * 10;
  });
  expect(results).toEqual([50, 10, 40, 20, 30, 10, 20]);
  expect(most).toBe(3);
});
