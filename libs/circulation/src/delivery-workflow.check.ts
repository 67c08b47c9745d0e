import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { TransactionHost } from '@wian/persistence';
import { DELIVERY_WORKFLOW } from './delivery-workflow.js';

/**
 * At boot: every declared machine version is sound, and every version deliveries run on in
 * this database is still declared. The process refuses to start otherwise.
 */
@Injectable()
export class DeliveryWorkflowCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryWorkflowCheck.name);

  constructor(private readonly tx: TransactionHost) {}

  async onApplicationBootstrap(): Promise<void> {
    const problems = DELIVERY_WORKFLOW.validate();
    const used = await this.tx.manager.query<Array<{ machine_version: number; n: string }>>(
      `SELECT machine_version, count(*) AS n FROM delivery GROUP BY machine_version`,
    );
    for (const row of used) {
      if (!DELIVERY_WORKFLOW.has(row.machine_version))
        problems.push(
          `${row.n} deliveries run on delivery machine v${row.machine_version}, which is no longer declared; declare it again or upgrade them`,
        );
    }
    if (problems.length > 0)
      throw new Error(`delivery workflow check failed:\n- ${problems.join('\n- ')}`);
    this.logger.log(
      `delivery workflow versions ${DELIVERY_WORKFLOW.versions()
        .map((v) => `v${v}`)
        .join(', ')} checked`,
    );
  }
}
