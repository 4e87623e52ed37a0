// A fixed-capacity FIFO that overwrites its oldest item: live progress events and output lines.

// Keeps the last `capacity` items pushed; O(1) push, items read oldest first.
export interface RingBuffer<T> {
  readonly capacity: number;
  readonly size: number;
  push(item: T): void;
  /** i = 0 is the oldest kept item. */
  at(i: number): T | undefined;
  last(): T | undefined;
  toArray(): T[];
  clear(): void;
}

// Creates an empty ring buffer holding at most `capacity` (≥ 1) items.
export function createRingBuffer<T>(capacity: number): RingBuffer<T> {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
  const items: Array<T | undefined> = new Array<T | undefined>(capacity);
  let start = 0;
  let size = 0;
  return {
    capacity,
    get size() {
      return size;
    },
    push(item) {
      if (size < capacity) {
        items[(start + size) % capacity] = item;
        size++;
      } else {
        items[start] = item;
        start = (start + 1) % capacity;
      }
    },
    at(i) {
      if (i < 0 || i >= size) return undefined;
      return items[(start + i) % capacity];
    },
    last() {
      return size === 0 ? undefined : items[(start + size - 1) % capacity];
    },
    toArray() {
      const out: T[] = [];
      for (let i = 0; i < size; i++) out.push(items[(start + i) % capacity] as T);
      return out;
    },
    clear() {
      items.fill(undefined);
      start = 0;
      size = 0;
    },
  };
}
