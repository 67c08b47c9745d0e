import { Injectable } from '@nestjs/common';

/** Wakes the outbox relay of this process at once instead of at its next poll. */
@Injectable()
export class OutboxSignal {
  private listener: (() => void) | null = null;

  wake(): void {
    this.listener?.();
  }

  listen(listener: () => void): void {
    this.listener = listener;
  }
}
