import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class RecordingLogger extends Logger {
  readonly warnings: string[] = [];
  override warn(message: unknown): void {
    this.warnings.push(String(message));
  }
}

describe('PeriodicTask', () => {
  it('runs at start and again each interval, never two runs at once, and stop waits for a run', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let finished = 0;
    const task = new PeriodicTask(new RecordingLogger(), 'slow work', async () => {
      runs += 1;
      active += 1;
      most = Math.max(most, active);
      await sleep(50);
      active -= 1;
      finished += 1;
    });
    task.start(10);
    expect(runs).toBe(1);
    await sleep(140);
    await task.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(40);
    expect(runs).toBe(after);
  });

  it('logs a failed run and tries again at the next interval', async () => {
    const logger = new RecordingLogger();
    let runs = 0;
    const task = new PeriodicTask(logger, 'outbox pruning', () => {
      runs += 1;
      return runs === 1 ? Promise.reject(new Error('database gone')) : Promise.resolve();
    });
    task.start(10);
    await sleep(40);
    await task.stop();
    expect(logger.warnings[0]).toBe('outbox pruning failed: database gone');
    expect(runs).toBeGreaterThanOrEqual(2);
  });
});
