import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@wian/audit';
import { ApiException, validateCommand } from '@wian/http';
import { IDENTITY_CLOCK, type Actor } from '@wian/identity';
import { isUniqueViolation, TransactionHost } from '@wian/persistence';
import { bangkokCivilDate, civilDateToIso, toBuddhistYear, type Clock } from '@wian/thai';
import { DocumentFactory } from './document.factory.js';
import { Document } from './document.entity.js';
import { RegisterReceiptDto } from './document-input.dto.js';
import { parseInstantField } from './field-parse.js';
import { RegisterDirectory } from './register-directory.service.js';
import { RegisterEntry } from './register-entry.entity.js';
import { receiptSeries, RunningNumberService } from './running-number.service.js';

/** Clock skew allowed between a clerk's machine and the server for "not in the future". */
const FUTURE_TOLERANCE_MS = 60_000;

export interface ReceiptOutcome {
  entry: RegisterEntry;
  /** False when an existing entry was returned (same document or same idempotency key). */
  created: boolean;
}

/**
 * การรับหนังสือ: a letter gets the register's next เลขรับ for the Buddhist year, in the same
 * transaction as its line and audit row. Registering the same letter again in the same
 * register (or repeating a request with the same idempotency key) returns the first entry.
 */
@Injectable()
export class ReceiptService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly registers: RegisterDirectory,
    private readonly numbers: RunningNumberService,
    private readonly documents: DocumentFactory,
    private readonly audit: AuditTrail,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async receive(
    registerId: string,
    input: RegisterReceiptDto,
    actor: Actor | null,
    headerKey?: string,
  ): Promise<ReceiptOutcome> {
    // Checked here too, so the CLI, jobs and tests get the same rules as HTTP.
    const dto = await validateCommand(RegisterReceiptDto, input);
    const idempotencyKey = headerKey ?? dto.idempotencyKey ?? null;
    const register = await this.registers.get(registerId);
    if (register.kind !== 'receipt') {
      throw ApiException.badRequest({
        field: 'registerId',
        rule: 'receiptRegister',
        message_th: 'ทะเบียนนี้เป็นทะเบียนหนังสือส่ง ไม่ใช่ทะเบียนรับ',
        message_en: 'this is a dispatch register, not a receipt register',
      });
    }
    if ((dto.documentId === undefined) === (dto.document === undefined)) {
      throw ApiException.badRequest({
        field: 'document',
        rule: 'documentOrDetails',
        message_th: 'ต้องระบุ documentId หรือรายละเอียดหนังสือ อย่างใดอย่างหนึ่ง',
        message_en: 'give either documentId or the document details, not both',
      });
    }
    const now = this.clock.now();
    const receivedAt =
      dto.receivedAt === undefined ? now : parseInstantField('receivedAt', dto.receivedAt);
    if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw ApiException.badRequest({
        field: 'receivedAt',
        rule: 'notFuture',
        message_th: 'วันเวลารับต้องไม่เป็นเวลาในอนาคต',
        message_en: 'the time of receipt cannot be in the future',
      });
    }
    if (idempotencyKey !== null) {
      const repeated = await this.tx
        .repository(RegisterEntry)
        .findOneBy({ registerId, idempotencyKey });
      if (repeated) return { entry: repeated, created: false };
    }
    // Everything is parsed and checked before the transaction: a refusal writes nothing.
    const prepared = dto.document === undefined ? null : await this.documents.prepare(dto.document);
    const letterDate = prepared?.letterDate ?? null;
    if (letterDate !== null && letterDate > civilDateToIso(bangkokCivilDate(receivedAt))) {
      throw ApiException.badRequest({
        field: 'document.letterDate',
        rule: 'notAfterReceipt',
        message_th: 'วันที่ของหนังสือต้องไม่หลังวันที่รับ (ตรวจสอบปี พ.ศ./ค.ศ.)',
        message_en: 'the letter cannot be dated after its receipt (check the BE/CE year)',
      });
    }

    try {
      return await this.tx.run(async () => {
        let document: Document;
        let created = false;
        if (dto.documentId !== undefined) {
          const found = await this.tx.repository(Document).findOneBy({ id: dto.documentId });
          if (found === null)
            throw ApiException.notFound(
              'documentId',
              'ไม่พบหนังสือนี้',
              `No document with id ${dto.documentId}`,
            );
          document = found;
        } else {
          const same = await this.sameExternalLetter(registerId, prepared!);
          if (same !== null) return { entry: same, created: false };
          document = await this.documents.save(
            prepared!,
            actor?.kind === 'user' ? actor.userId : null,
          );
          created = true;
        }
        // A document created just now cannot have a line in this register yet.
        if (!created) {
          const already = await this.tx.manager
            .getRepository(RegisterEntry)
            .createQueryBuilder('e')
            .where(
              'e.register_id = :registerId AND e.document_id = :documentId AND e.cancelled_at IS NULL',
              { registerId, documentId: document.id },
            )
            .getOne();
          if (already) return { entry: already, created: false };
        }

        const yearBe = toBuddhistYear(bangkokCivilDate(receivedAt).year);
        const number = await this.numbers.next(receiptSeries(registerId), yearBe);
        const entry = Object.assign(new RegisterEntry(), {
          id: randomUUID(),
          registerId,
          yearBe,
          number,
          documentId: document.id,
          registeredAt: receivedAt,
          letterNumber: document.numberText,
          letterDate: document.letterDate,
          fromText: document.issuerName,
          toText: await this.addresseeText(document.id, document.salutation),
          subject: document.subject,
          urgency: document.urgency,
          action: dto.action ?? null,
          remarks: dto.remarks ?? null,
          registeredByUserId: actor?.kind === 'user' ? actor.userId : null,
          positionId: actor?.kind === 'user' ? actor.positionId : null,
          idempotencyKey,
          cancelledAt: null,
          cancelReason: null,
          cancelledByUserId: null,
        });
        await this.tx.repository(RegisterEntry).insert(entry);
        await this.audit.record({
          action: 'register.receive',
          entityType: 'register_entry',
          entityId: entry.id,
          organisationId: register.organisationId,
          payload: {
            registerId,
            yearBe,
            number,
            documentId: document.id,
            letterNumber: document.numberText,
          },
        });
        if (document.secrecy !== 'none') {
          await this.audit.record({
            action: 'document.classified_access',
            entityType: 'document',
            entityId: document.id,
            organisationId: register.organisationId,
            payload: { via: 'register.receive', secrecy: document.secrecy },
          });
        }
        return { entry, created: true };
      });
    } catch (error) {
      // Two identical requests at once: the loser's transaction (and its number) rolled back.
      if (isUniqueViolation(error, 'register_entry_idempotency_key') && idempotencyKey !== null) {
        return {
          entry: await this.tx
            .repository(RegisterEntry)
            .findOneByOrFail({ registerId, idempotencyKey }),
          created: false,
        };
      }
      if (
        isUniqueViolation(error, 'register_entry_receipt_once_idx') &&
        dto.documentId !== undefined
      ) {
        const entry = await this.tx.manager
          .getRepository(RegisterEntry)
          .createQueryBuilder('e')
          .where(
            'e.register_id = :registerId AND e.document_id = :documentId AND e.cancelled_at IS NULL',
            { registerId, documentId: dto.documentId },
          )
          .getOneOrFail();
        return { entry, created: false };
      }
      throw error;
    }
  }

  /** The same letter typed in again: same issuer, number and date, already in this register. */
  private async sameExternalLetter(
    registerId: string,
    prepared: Document,
  ): Promise<RegisterEntry | null> {
    if (prepared.numberText === null) return null;
    // Driven from the letter's number (indexed), not from the register's lines.
    const rows = await this.tx.manager.query<Array<{ id: string }>>(
      `SELECT e.id FROM document d JOIN register_entry e ON e.document_id = d.id
        WHERE d.number_text = $1 AND d.issuer_name = $2 AND d.letter_date IS NOT DISTINCT FROM $3::date
          AND e.register_id = $4 AND e.cancelled_at IS NULL
        LIMIT 1`,
      [prepared.numberText, prepared.issuerName, prepared.letterDate, registerId],
    );
    const first = rows[0];
    return first === undefined
      ? null
      : this.tx.repository(RegisterEntry).findOneByOrFail({ id: first.id });
  }

  private async addresseeText(documentId: string, salutation: string | null): Promise<string> {
    if (salutation !== null) return salutation;
    const rows = await this.tx.manager.query<Array<{ wording: string }>>(
      `SELECT wording FROM document_addressee WHERE document_id = $1`,
      [documentId],
    );
    return rows.map((r) => r.wording).join(', ') || '-';
  }
}
