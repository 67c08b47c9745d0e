import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  check(): PromiseLike<HealthIndicatorResult<'database'>> {
    return this.health
      .check('database')
      .attempt(async () => {
        await this.dataSource.query('SELECT 1');
        const usesPglite = !('url' in this.dataSource.options && this.dataSource.options.url);
        return { engine: usesPglite ? 'pglite' : 'postgres' };
      })
      .withTimeout(3_000);
  }
}
