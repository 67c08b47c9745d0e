import { describe, expect, it } from '@jest/globals';
import { Coalescer } from './coalescer.js';

describe('Coalescer', () => {
  it('runs the requests of one turn of the event loop as one batch per key', async () => {
    const batches: Array<[string, number[]]> = [];
    const coalescer = new Coalescer<number, number>((key, items) => {
      batches.push([key, items]);
      return Promise.resolve(items.map((n) => n * 10));
    });
    const results = await Promise.all([
      coalescer.submit('a', 1),
      coalescer.submit('b', 2),
      coalescer.submit('a', 3),
    ]);
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });

  it('gathers continuations that resume together into the next batch', async () => {
    const sizes: number[] = [];
    const coalescer = new Coalescer<number, number>((_key, items) => {
      sizes.push(items.length);
      return Promise.resolve(items);
    });
    // Four "commands" of two steps each: the second steps resume together after the first batch.
    await Promise.all(
      [1, 2, 3, 4].map(async (n) => {
        await coalescer.submit('read', n);
        await Promise.resolve(); // some work between the steps
        return coalescer.submit('write', n);
      }),
    );
    expect(sizes).toEqual([4, 4]);
  });

  it('refuses one item without touching the others, and a whole batch when the run fails', async () => {
    const coalescer = new Coalescer<number, number>((key, items) => {
      if (key === 'broken') return Promise.reject(new Error('connection lost'));
      return Promise.resolve(items.map((n) => (n < 0 ? new Error(`negative ${n}`) : n)));
    });
    const settled = await Promise.allSettled([
      coalescer.submit('ok', 1),
      coalescer.submit('ok', -2),
      coalescer.submit('broken', 3),
      coalescer.submit('broken', 4),
    ]);
    expect(
      settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)),
    ).toEqual([1, 'negative -2', 'connection lost', 'connection lost']);
  });

  it('starts a full batch at once', async () => {
    const sizes: number[] = [];
    const coalescer = new Coalescer<number, number>(
      (_key, items) => {
        sizes.push(items.length);
        return Promise.resolve(items);
      },
      { maxBatch: 3 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => coalescer.submit('k', n)));
    expect(sizes).toEqual([3, 2]);
  });

  it('keeps items that share a key out of one batch, and the others together', async () => {
    const batches: string[][] = [];
    const coalescer = new Coalescer<string, string>(
      (_key, items) => {
        batches.push(items);
        return Promise.resolve(items);
      },
      { exclusive: (item) => [item.slice(0, 1)] },
    );
    const done = await Promise.all(
      ['a1', 'b1', 'a2', 'c1', 'a3', 'b2'].map((item) => coalescer.submit('k', item)),
    );
    expect(done).toEqual(['a1', 'b1', 'a2', 'c1', 'a3', 'b2']);
    // Each batch holds one item per key, in order of arrival; nothing ran alone needlessly.
    expect(batches).toEqual([['a1', 'b1', 'c1'], ['a2', 'b2'], ['a3']]);
  });

  it('asks for the largest batch when it forms one, when given a function', async () => {
    const sizes: number[] = [];
    let limit = 2;
    const coalescer = new Coalescer<number, number>(
      (_key, items) => {
        sizes.push(items.length);
        return Promise.resolve(items);
      },
      { maxBatch: () => limit },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => coalescer.submit('k', n)));
    limit = 4;
    await Promise.all([1, 2, 3, 4, 5].map((n) => coalescer.submit('k', n)));
    expect(sizes).toEqual([2, 2, 1, 4, 1]);
  });

  it('gathers what arrives while a batch runs into the next one (group commit)', async () => {
    const sizes: number[] = [];
    let release: () => void = () => undefined;
    const coalescer = new Coalescer<number, number>(
      async (_key, items) => {
        sizes.push(items.length);
        if (sizes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items;
      },
      { maxInFlight: 1 },
    );
    const first = coalescer.submit('k', 0);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [1, 2, 3].map(async (n) => {
      await new Promise((resolve) => setImmediate(resolve)); // each in a turn of its own
      return coalescer.submit('k', n);
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sizes).toEqual([1]);
    release();
    expect(await Promise.all([first, ...later])).toEqual([0, 1, 2, 3]);
    expect(sizes).toEqual([1, 3]);
  });

  it('runs a failed batch again item by item, so only the item that caused it fails', async () => {
    const sizes: number[] = [];
    const coalescer = new Coalescer<number, number>((_key, items) => {
      sizes.push(items.length);
      if (items.includes(13)) return Promise.reject(new Error('unlucky'));
      return Promise.resolve(items);
    });
    const settled = await Promise.allSettled([11, 12, 13, 14].map((n) => coalescer.submit('k', n)));
    expect(
      settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)),
    ).toEqual([11, 12, 'unlucky', 14]);
    expect(sizes).toEqual([4, 1, 1, 1, 1]);
  });

  it('runs a request that must be alone at once, in its caller’s turn', async () => {
    const seen: number[][] = [];
    const coalescer = new Coalescer<number, number>(
      (_key, items) => {
        seen.push(items);
        return Promise.resolve(items.map((n) => (n < 0 ? new Error(`negative ${n}`) : n)));
      },
      { alone: (n) => n >= 100 || n < 0 },
    );
    const queued = coalescer.submit('k', 1);
    const alone = coalescer.submit('k', 100);
    expect(seen).toEqual([[100]]); // ran synchronously, before the queued one
    await expect(alone).resolves.toBe(100);
    await expect(coalescer.submit('k', -1)).rejects.toThrow('negative -1');
    await expect(queued).resolves.toBe(1);
    expect(seen).toEqual([[100], [-1], [1]]);
  });
});
