import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@wian/audit';
import { Organisation } from '@wian/hierarchy';
import { ApiException, validateCommand } from '@wian/http';
import { IDENTITY_CLOCK, type Actor } from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import {
  bangkokToday,
  civilDateToIso,
  formatDocumentNumber,
  parseUnitPrefix,
  toBuddhistYear,
  type Clock,
  type DocumentNumber,
} from '@wian/thai';
import { DocumentInput } from './document-input.dto.js';
import { Document } from './document.entity.js';
import { DocumentFactory } from './document.factory.js';
import { RegisterDirectory } from './register-directory.service.js';
import { RegisterEntry } from './register-entry.entity.js';
import { dispatchSeries, RunningNumberService } from './running-number.service.js';

export type OutgoingSeries = 'normal' | 'circular' | 'order';

/**
 * การส่งหนังสือ: an organisation's own letter gets its outgoing number from the series'
 * dispatch register (ทะเบียนหนังสือส่ง, หนังสือเวียน "ว", คำสั่ง) — the register line number is
 * the letter's running number — in one transaction with the line and its audit row.
 */
@Injectable()
export class DispatchService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly documents: DocumentFactory,
    private readonly registers: RegisterDirectory,
    private readonly numbers: RunningNumberService,
    private readonly audit: AuditTrail,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  /** A letter written in wian by `organisationId`, not yet numbered. */
  async draft(
    organisationId: number,
    input: DocumentInput,
    actor: Actor | null,
  ): Promise<Document> {
    const dto = await validateCommand(DocumentInput, input);
    // The number and date come at dispatch, never from the draft.
    const prepared = await this.documents.prepare(
      Object.assign(dto, { letterNumber: undefined, letterDate: undefined }),
    );
    return this.tx.run(async () => {
      const saved = await this.documents.save(
        Object.assign(prepared, { issuingOrganisationId: organisationId, origin: 'wian' as const }),
        actor?.kind === 'user' ? actor.userId : null,
      );
      await this.audit.record({
        action: 'document.draft',
        entityType: 'document',
        entityId: saved.id,
        organisationId,
        payload: { subject: saved.subject },
      });
      return saved;
    });
  }

  async dispatch(
    documentId: string,
    series: OutgoingSeries,
    actor: Actor | null,
  ): Promise<{ document: Document; entry: RegisterEntry }> {
    return this.tx.run(async (manager) => {
      const document = await manager.findOne(Document, {
        where: { id: documentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (document === null)
        throw ApiException.notFound('id', 'ไม่พบหนังสือนี้', `No document with id ${documentId}`);
      if (document.origin !== 'wian' || document.issuingOrganisationId === null) {
        throw ApiException.conflict({
          field: 'id',
          rule: 'notOwnLetter',
          message_th: 'ออกเลขส่งได้เฉพาะหนังสือที่หน่วยงานจัดทำในระบบ',
          message_en: 'only a letter written in wian by the organisation gets an outgoing number',
        });
      }
      if (document.numberRunning !== null) {
        throw ApiException.conflict({
          field: 'id',
          rule: 'alreadyNumbered',
          message_th: `หนังสือนี้ได้เลขที่ ${document.numberText ?? ''} แล้ว`,
          message_en: `this letter already has number ${document.numberText ?? ''}`,
        });
      }
      const organisation = await manager.findOneByOrFail(Organisation, {
        id: document.issuingOrganisationId,
      });
      const today = bangkokToday(this.clock);
      const yearBe = toBuddhistYear(today.year);
      let unit: { prefix: string | null; unitDigits: string | null; subUnit: string | null } = {
        prefix: null,
        unitDigits: null,
        subUnit: null,
      };
      if (series !== 'order') {
        if (organisation.sarabanPrefix === null) {
          throw ApiException.conflict({
            field: 'id',
            rule: 'sarabanPrefix',
            message_th: `${organisation.nameTh} ยังไม่มีรหัสหนังสือ (เช่น สน 0023.6) ผู้ดูแลต้องกำหนดก่อน`,
            message_en: `${organisation.nameTh} has no saraban prefix (e.g. สน 0023.6); an administrator must set it first`,
          });
        }
        unit = parseUnitPrefix(organisation.sarabanPrefix);
      }
      const register = await this.registers.dispatchRegister(organisation.id, series);
      const running = await this.numbers.next(dispatchSeries(organisation.id, series), yearBe);
      const number: DocumentNumber = {
        prefix: unit.prefix,
        unitDigits: unit.unitDigits,
        subUnit: unit.subUnit,
        series,
        running,
        year: series === 'order' ? yearBe : null,
      };
      const text = formatDocumentNumber(number, { digits: 'arabic' });
      const now = this.clock.now();
      await manager.update(
        Document,
        { id: documentId },
        {
          numberPrefix: number.prefix,
          numberUnitDigits: number.unitDigits,
          numberSubUnit: number.subUnit,
          numberSeries: series,
          numberRunning: running,
          numberYear: number.year,
          numberText: text,
          letterDate: civilDateToIso(today),
        },
      );
      const addressees = await manager.query<Array<{ wording: string }>>(
        `SELECT wording FROM document_addressee WHERE document_id = $1`,
        [documentId],
      );
      const entry = await manager.save(
        Object.assign(new RegisterEntry(), {
          registerId: register.id,
          yearBe,
          number: running,
          documentId,
          registeredAt: now,
          letterNumber: text,
          letterDate: civilDateToIso(today),
          fromText: organisation.nameTh,
          toText: document.salutation ?? (addressees.map((a) => a.wording).join(', ') || '-'),
          subject: document.subject,
          urgency: document.urgency,
          action: null,
          remarks: null,
          registeredByUserId: actor?.kind === 'user' ? actor.userId : null,
          positionId: actor?.kind === 'user' ? actor.positionId : null,
          idempotencyKey: null,
          cancelledAt: null,
          cancelReason: null,
          cancelledByUserId: null,
        }),
      );
      await this.audit.record({
        action: 'register.dispatch',
        entityType: 'register_entry',
        entityId: entry.id,
        organisationId: organisation.id,
        payload: { documentId, series, yearBe, number: running, numberText: text },
      });
      return { document: await manager.findOneByOrFail(Document, { id: documentId }), entry };
    });
  }
}
