import type { Logger } from '@nestjs/common';

/**
 * Background work of a worker that runs at start and then every interval, never two runs at
 * once (a run still going when the next is due is not doubled); a failure is logged and the
 * next run tries again. `stop()` waits for a run in progress.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly logger: Logger,
    /** For the log: "deadline reconciliation", "outbox pruning". */
    private readonly what: string,
    private readonly work: () => Promise<unknown>,
  ) {}

  start(everyMs: number): void {
    const tick = (): void => {
      this.running ??= this.work()
        .then(
          () => undefined,
          (error: unknown) => {
            this.logger.warn(
              `${this.what} failed: ${error instanceof Error ? error.message : String(error)}`,
            );
          },
        )
        .finally(() => {
          this.running = null;
        });
    };
    tick();
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
