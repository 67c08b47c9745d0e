import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { TransactionHost } from './transaction-host.js';

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly tx: TransactionHost,
    private readonly health: HealthIndicatorService,
  ) {}

  check(): PromiseLike<HealthIndicatorResult<'database'>> {
    return this.health
      .check('database')
      .attempt(async () => {
        await this.tx.dataSource.query('SELECT 1');
        return { engine: this.tx.embedded ? 'pglite' : 'postgres' };
      })
      .withTimeout(3_000);
  }
}
