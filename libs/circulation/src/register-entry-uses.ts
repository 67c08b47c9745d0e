import { Injectable } from '@nestjs/common';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import { RegisterEntries, type RegisterEntry } from '@wian/registers';
import { toThaiDigits } from '@wian/thai';

/**
 * Register lines that circulation relies on are not cancelled from the register: the number a
 * delivery was received under (the delivery would keep pointing at a cancelled number and could
 * not be received again), and the number of a circular that is still out (recall the circular
 * instead; its number can be cancelled afterwards).
 */
@Injectable()
export class CirculationRegisterEntryUses {
  constructor(
    private readonly tx: TransactionHost,
    entries: RegisterEntries,
  ) {
    entries.refuseCancellingWhen((entry) => this.refusal(entry));
  }

  private async refusal(entry: RegisterEntry): Promise<ApiException | null> {
    const number = `${toThaiDigits(entry.number)}/${toThaiDigits(entry.yearBe)}`;
    // By the recipient (the register's organisation), through its index, then the line.
    const [received] = await this.tx.manager.query<Array<{ id: string }>>(
      `SELECT d.id FROM register r JOIN delivery d ON d.recipient_organisation_id = r.organisation_id
        WHERE r.id = $1 AND d.receipt_entry_id = $2 AND d.state NOT IN ('recalled', 'superseded')
        LIMIT 1`,
      [entry.registerId, entry.id],
    );
    if (received !== undefined) {
      return ApiException.conflict({
        field: 'id',
        rule: 'receivesDelivery',
        message_th: `เลขรับ ${number} เป็นการลงรับหนังสือเวียนที่อยู่ในระบบ ยกเลิกไม่ได้ เพราะหนังสือเวียนจะไม่มีเลขรับ`,
        message_en: `receipt number ${entry.number}/${entry.yearBe} records the receipt of a circular in wian (delivery ${received.id}); it cannot be cancelled`,
      });
    }
    // Cancelling is rare: the circulars of one letter are found without an index of their own.
    const [sent] = await this.tx.manager.query<Array<{ id: string }>>(
      `SELECT c.id FROM register r JOIN circular c ON c.document_id = $2 AND c.status = 'active'
        WHERE r.id = $1 AND r.kind = 'dispatch' LIMIT 1`,
      [entry.registerId, entry.documentId],
    );
    if (sent !== undefined) {
      return ApiException.conflict({
        field: 'id',
        rule: 'numbersActiveCircular',
        message_th: `เลขที่ ${number} เป็นเลขของหนังสือเวียนที่ส่งออกไปแล้ว หากต้องการยกเลิก ให้เรียกคืนหนังสือเวียนก่อน`,
        message_en: `number ${entry.number}/${entry.yearBe} numbers a circular that is out (circular ${sent.id}); recall the circular first`,
      });
    }
    return null;
  }
}
