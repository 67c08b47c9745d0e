/**
 * Gathers concurrent requests into batches per key, the way a database groups commits. A
 * request waits until the current turn of the event loop ends (the continuations that resumed
 * with it have had their say); then its batch runs, unless `maxInFlight` batches of its key
 * are already running: it then waits for one of them to finish, and everything that arrived
 * meanwhile goes together. Alone, a request runs alone, one macrotask later; under load the
 * batches grow by themselves, with no timer to tune.
 *
 * `run` answers, in order, one result or one error per item, so that one item's refusal (a
 * concurrent version, say) does not touch the others; an error thrown by `run` itself
 * rejects every item of the batch.
 */
export class Coalescer<I, O> {
  private readonly queues = new Map<string, Queue<I, O>>();

  constructor(
    private readonly run: (key: string, items: I[]) => Promise<Array<O | Error>>,
    private readonly options: { maxBatch?: number; maxInFlight?: number } = {},
  ) {}

  submit(key: string, item: I): Promise<O> {
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
    const batch = queue.waiting.splice(0, this.options.maxBatch ?? 256);
    if (batch.length === 0) return;
    queue.inFlight++;
    const settle = (): void => {
      queue.inFlight--;
      if (queue.waiting.length > 0) this.schedule(key, queue);
      else if (queue.inFlight === 0) this.queues.delete(key);
    };
    this.run(
      key,
      batch.map((w) => w.item),
    ).then(
      (results) => {
        settle();
        batch.forEach((w, i) => {
          const result = results[i];
          if (i >= results.length) w.reject(new Error('Coalescer: no result for an item'));
          else if (result instanceof Error) w.reject(result);
          else w.resolve(result);
        });
      },
      (error: unknown) => {
        settle();
        for (const w of batch) w.reject(error);
      },
    );
    // More than a batch was waiting: the rest goes next.
    if (queue.waiting.length > 0) this.schedule(key, queue);
  }
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
