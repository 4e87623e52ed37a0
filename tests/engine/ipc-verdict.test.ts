// Time spent moving data between processes is named as such: a parent sends a large object 10 times through a
// multiprocessing Pipe and 10 times through a Queue to a child. The CPU the summary books to pickling, pipes and
// queues is checked against what each side measured with its own time.thread_time(), and the verdict names them.
import { describe, expect, it } from 'vitest';
import { profileFixture } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';

const SENDER = `
import json, multiprocessing, os, time
DATA = [{"k": i, "v": str(i) * 3} for i in range(20000)]
def report(what, seconds):
    os.write(1, ("IPC " + json.dumps({"what": what, "cpu": seconds}) + "\\n").encode())
def consumer(conn, q, n):
    t = time.thread_time()
    for _ in range(n):
        conn.recv()
    report("recv", time.thread_time() - t)
    t = time.thread_time()
    for _ in range(n):
        q.get()
    report("get", time.thread_time() - t)
if __name__ == "__main__":
    a, b = multiprocessing.Pipe()
    q = multiprocessing.Queue()
    child = multiprocessing.Process(target=consumer, args=(b, q, 10))
    child.start()
    t = time.thread_time()
    for _ in range(10):
        a.send(DATA)
    report("send", time.thread_time() - t)
    for _ in range(10):
        q.put(DATA)
    child.join()
`;

describe('inter-process data movement', () => {
  it('books pickling, pipe and queue CPU to each and names them in the verdict', async () => {
    const run = await profileFixture(pyenvPython('3.12.1'), SENDER, { rateHz: 1000 });
    expect(run.summary.status).toBe('completed');
    const truth = new Map<string, number>();
    for (const line of run.stdout.split('\n'))
      if (line.startsWith('IPC ')) {
        const { what, cpu } = JSON.parse(line.slice(4)) as { what: string; cpu: number };
        truth.set(what, cpu);
      }
    expect([...truth.keys()].sort()).toEqual(['get', 'recv', 'send']);
    const ipc = run.summary.ipc!;
    const context = `ipc ${JSON.stringify(ipc)}, truth ${JSON.stringify([...truth])}, verdict ${JSON.stringify(run.summary.verdict)}`;
    // Sending is pickling, then a pipe write; receiving is a pipe read and unpickling (booked to the pipe or
    // the queue that called it). Each sample's CPU goes to the stack it ended in: a boundary costs one interval.
    expect(ipc.pickling.cpuSeconds, context).toBeGreaterThan(0.5 * truth.get('send')!);
    expect(ipc.pipes.cpuSeconds, context).toBeGreaterThan(0.5 * truth.get('recv')!);
    expect(ipc.queues.cpuSeconds, context).toBeGreaterThan(0.5 * truth.get('get')!);
    const total = ipc.pickling.cpuSeconds + ipc.pipes.cpuSeconds + ipc.queues.cpuSeconds;
    expect(total, context).toBeLessThanOrEqual(run.summary.cpuSeconds);
    const note = run.summary.verdict.details.find((line) => line.startsWith('Moving data between processes cost'));
    expect(note, context).toMatch(
      /pickling \d+\.\d\d s, pipes \(multiprocessing\.connection\) \d+\.\d\d s, multiprocessing queues \d+\.\d\d s/,
    );
  });
});
