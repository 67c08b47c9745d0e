import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';

/**
 * The open-loop HTTP load generator of bench:receipts, run in a worker thread so that its
 * timers and the server's work do not share one event loop (as with an external client).
 *
 * Request i is sent at t0 + i / rate whatever happened to the earlier ones; latency is measured
 * from the actual send and from the scheduled send (the two differ when the generator lags).
 */
export interface LoadRequest {
  port: number;
  rate: number;
  /** Sent first at the same rate, not measured. */
  warmUp: number;
  paths: string[];
  bodies: string[];
  headers: Array<Record<string, string>>;
  maxSockets: number;
}

export interface LoadSample {
  status: number;
  /** From the actual send to the end of the response, ms. */
  ms: number;
  /** From the scheduled send to the end of the response, ms. */
  fromScheduleMs: number;
  /** How late the send was against its schedule, ms. */
  lagMs: number;
  error?: string;
}

export interface LoadResult {
  samples: LoadSample[];
  elapsedMs: number;
  firstFailure?: string;
}

function run(job: LoadRequest): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.maxSockets });
  const interval = 1_000 / job.rate;
  const total = job.paths.length;
  const samples: LoadSample[] = new Array<LoadSample>(total);
  let firstFailure: string | undefined;
  let sent = 0;
  let done = 0;
  const t0 = performance.now() + 20;
  return new Promise<LoadResult>((resolve) => {
    const finish = (i: number, sample: LoadSample): void => {
      samples[i] = sample;
      done++;
      if (done === total) {
        agent.destroy();
        resolve({
          samples: samples.slice(job.warmUp),
          elapsedMs: performance.now() - t0 - job.warmUp * interval,
          firstFailure,
        });
      }
    };
    const fire = (i: number): void => {
      const scheduled = t0 + i * interval;
      const started = performance.now();
      const body = Buffer.from(job.bodies[i], 'utf8');
      const req = request(
        {
          host: '127.0.0.1',
          port: job.port,
          method: 'POST',
          path: job.paths[i],
          agent,
          headers: {
            ...job.headers[i],
            'content-type': 'application/json',
            'content-length': String(body.length),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const ended = performance.now();
            const status = res.statusCode ?? 0;
            if (status !== 201 && firstFailure === undefined) {
              firstFailure = `HTTP ${status}: ${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`;
            }
            finish(i, {
              status,
              ms: ended - started,
              fromScheduleMs: ended - scheduled,
              lagMs: started - scheduled,
            });
          });
        },
      );
      req.on('error', (error: Error) => {
        firstFailure ??= error.message;
        const ended = performance.now();
        finish(i, {
          status: 0,
          ms: ended - started,
          fromScheduleMs: ended - scheduled,
          lagMs: started - scheduled,
          error: error.message,
        });
      });
      req.end(body);
    };
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && t0 + sent * interval <= now) fire(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
}

parentPort?.on('message', (message: { job?: LoadRequest; stop?: true }) => {
  if (message.stop === true) {
    parentPort?.close();
    return;
  }
  if (message.job !== undefined) {
    void run(message.job).then((result) => parentPort?.postMessage(result));
  }
});
