/**
 * Gathers concurrent requests into batches per key, the way a database groups commits. A
 * request waits until the current turn of the event loop ends (the continuations that resumed
 * with it have had their say); then its batch runs, unless `maxInFlight` batches of its key
 * are already running: it then waits for one of them to finish, and everything that arrived
 * meanwhile goes together. Alone, a request runs alone, one macrotask later; under load the
 * batches grow by themselves, with no timer to tune.
 *
 * `run` answers, in order, one result or one error per item, so that one item's refusal (a
 * concurrent version, say) does not touch the others. When `run` fails as a whole for a batch
 * of several, each item is run again on its own, so the failure lands on the item that caused
 * it (and a failure of the connection on every item).
 *
 * A request for which `alone` holds is never held back: it runs at once, by itself, in its
 * caller's async context (a request inside an open transaction must use that transaction).
 */
export class Coalescer<I, O> {
  private readonly queues = new Map<string, Queue<I, O>>();

  constructor(
    private readonly run: (key: string, items: I[]) => Promise<Array<O | Error>>,
    private readonly options: {
      /** The most items in one batch (a function: decided when the batch is formed). */
      maxBatch?: number | (() => number);
      maxInFlight?: number;
      alone?: (item: I) => boolean;
      /**
       * Keys that two items of one batch may not share (locks that one statement cannot take
       * twice): an item whose key is taken waits for a later batch, the others go now.
       */
      exclusive?: (item: I) => readonly string[];
    } = {},
  ) {}

  submit(key: string, item: I): Promise<O> {
    if (this.options.alone?.(item) === true) return this.runAlone(key, item);
    return new Promise<O>((resolve, reject) => {
      let queue = this.queues.get(key);
      if (queue === undefined) {
        queue = { waiting: [], inFlight: 0, scheduled: false };
        this.queues.set(key, queue);
      }
      queue.waiting.push({ item, resolve, reject });
      this.schedule(key, queue);
    });
  }

  private async runAlone(key: string, item: I): Promise<O> {
    const [result] = await this.run(key, [item]);
    if (result instanceof Error) throw result;
    return result;
  }

  private schedule(key: string, queue: Queue<I, O>): void {
    if (queue.scheduled || queue.waiting.length === 0) return;
    if (queue.inFlight >= (this.options.maxInFlight ?? 4)) return; // a batch's end flushes
    queue.scheduled = true;
    setImmediate(() => {
      queue.scheduled = false;
      this.flush(key, queue);
    });
  }

  private flush(key: string, queue: Queue<I, O>): void {
    const batch = this.take(queue);
    if (batch.length === 0) return;
    queue.inFlight++;
    void this.outcomes(key, batch).then((results) => {
      queue.inFlight--;
      if (queue.waiting.length > 0) this.schedule(key, queue);
      else if (queue.inFlight === 0) this.queues.delete(key);
      batch.forEach((w, i) => {
        const result = results[i];
        if (result instanceof Error) w.reject(result);
        else w.resolve(result);
      });
    });
    // More than a batch was waiting: the rest goes next.
    if (queue.waiting.length > 0) this.schedule(key, queue);
  }

  /** The next batch, in order of arrival: at most `maxBatch` items that share no key. */
  private take(queue: Queue<I, O>): Array<Waiting<I, O>> {
    const { maxBatch = 256, exclusive } = this.options;
    const size = typeof maxBatch === 'function' ? maxBatch() : maxBatch;
    if (exclusive === undefined) return queue.waiting.splice(0, size);
    const taken = new Set<string>();
    const batch: Array<Waiting<I, O>> = [];
    const later: Array<Waiting<I, O>> = [];
    for (const waiting of queue.waiting) {
      const keys = batch.length < size ? exclusive(waiting.item) : [];
      if (batch.length >= size || keys.some((k) => taken.has(k))) {
        later.push(waiting);
        continue;
      }
      for (const k of keys) taken.add(k);
      batch.push(waiting);
    }
    queue.waiting = later;
    return batch;
  }

  /** One outcome per item: the batch's, or each item's own when the batch failed as a whole. */
  private async outcomes(key: string, batch: Array<Waiting<I, O>>): Promise<Array<O | Error>> {
    const items = batch.map((w) => w.item);
    try {
      const results = await this.run(key, items);
      return items.map((_, i) =>
        i < results.length ? results[i] : new Error('Coalescer: no result for an item'),
      );
    } catch (error) {
      if (items.length === 1) return [asError(error)];
      return Promise.all(
        items.map((item) =>
          this.run(key, [item]).then(
            ([result]) => result,
            (e: unknown) => asError(e),
          ),
        ),
      );
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

interface Queue<I, O> {
  waiting: Array<Waiting<I, O>>;
  inFlight: number;
  scheduled: boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}
