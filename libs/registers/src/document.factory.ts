import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import { civilDateToIso, toThaiDigits } from '@wian/thai';
import type { DocumentInput } from './document-input.dto.js';
import {
  DocumentAddressee,
  DocumentEnclosure,
  DocumentReference,
} from './document-parts.entity.js';
import { Document } from './document.entity.js';
import {
  numberText,
  parseDateField,
  parseDeadlineField,
  parseInstantField,
  parseNumberField,
  parseSecrecyField,
  parseUrgencyField,
} from './field-parse.js';

/** Turns a clerk's typed-in letter into a document with its parts, validating every field. */
@Injectable()
export class DocumentFactory {
  constructor(private readonly tx: TransactionHost) {}

  /** Parses and checks everything first (no write), so a refusal leaves nothing behind. */
  async prepare(
    input: DocumentInput,
    prefix = 'document',
  ): Promise<
    Document & {
      parts: {
        addressees: DocumentAddressee[];
        references: DocumentReference[];
        enclosures: DocumentEnclosure[];
      };
    }
  > {
    const number =
      input.letterNumber === undefined
        ? null
        : parseNumberField(`${prefix}.letterNumber`, input.letterNumber);
    const letterDate =
      input.letterDate === undefined
        ? null
        : parseDateField(`${prefix}.letterDate`, input.letterDate);
    const organisationIds = [
      ...(input.issuingOrganisationId === undefined ? [] : [input.issuingOrganisationId]),
      ...(input.addressees ?? []).flatMap((a) =>
        a.organisationId === undefined ? [] : [a.organisationId],
      ),
    ];
    if (organisationIds.length > 0) {
      const found = await this.tx.manager.query<Array<{ id: number }>>(
        `SELECT id FROM organisation WHERE id = ANY($1::int[])`,
        [organisationIds],
      );
      const known = new Set(found.map((f) => f.id));
      const missing = [...new Set(organisationIds)].filter((id) => !known.has(id));
      if (missing.length > 0) {
        const field =
          input.issuingOrganisationId !== undefined && missing.includes(input.issuingOrganisationId)
            ? `${prefix}.issuingOrganisationId`
            : `${prefix}.addressees`;
        throw ApiException.notFound(
          field,
          `ไม่พบหน่วยงานรหัส ${missing.map((m) => toThaiDigits(m)).join(', ')}`,
          `Unknown organisation ids: ${missing.join(', ')}`,
        );
      }
    }
    const references = await Promise.all(
      (input.references ?? []).map(async (r, i) => {
        const field = `${prefix}.references.${i}`;
        if (r.documentId === undefined && r.number === undefined) {
          throw ApiException.badRequest({
            field,
            rule: 'documentOrNumber',
            message_th: `${field}: ต้องระบุ documentId หรือเลขที่หนังสือ`,
            message_en: `${field}: give a documentId or a cited number`,
          });
        }
        if (
          r.documentId !== undefined &&
          (await this.tx.repository(Document).countBy({ id: r.documentId })) === 0
        ) {
          throw ApiException.notFound(
            `${field}.documentId`,
            'ไม่พบหนังสือที่อ้างถึง',
            `No document with id ${r.documentId}`,
          );
        }
        const ref = new DocumentReference();
        ref.ord = i + 1;
        ref.referencedDocumentId = r.documentId ?? null;
        ref.citedNumber =
          r.number === undefined ? null : numberText(parseNumberField(`${field}.number`, r.number));
        ref.citedDate =
          r.date === undefined ? null : civilDateToIso(parseDateField(`${field}.date`, r.date));
        return ref;
      }),
    );
    const document = Object.assign(new Document(), {
      type: input.type,
      issuingOrganisationId: input.issuingOrganisationId ?? null,
      issuerName: input.issuerName,
      issuerAddress: input.issuerAddress ?? null,
      owningUnit: input.owningUnit ?? null,
      numberPrefix: number?.prefix ?? null,
      numberUnitDigits: number?.unitDigits ?? null,
      numberSubUnit: number?.subUnit ?? null,
      numberSeries: number?.series ?? null,
      numberRunning: number?.running ?? null,
      numberYear: number?.year ?? null,
      numberText: number === null ? null : numberText(number),
      letterDate: letterDate === null ? null : civilDateToIso(letterDate),
      urgency: parseUrgencyField(`${prefix}.urgency`, input.urgency),
      urgentBy:
        input.urgentBy === undefined
          ? null
          : parseInstantField(`${prefix}.urgentBy`, input.urgentBy),
      secrecy: parseSecrecyField(`${prefix}.secrecy`, input.secrecy),
      subject: input.subject,
      salutation: input.salutation ?? null,
      body: input.body ?? null,
      requestedAction: input.requestedAction ?? null,
      deadlineAt:
        input.deadline === undefined
          ? null
          : parseDeadlineField(`${prefix}.deadline`, input.deadline),
      signature:
        input.signature === undefined
          ? null
          : {
              signerName: input.signature.signerName,
              positionTitle: input.signature.positionTitle,
              capacity: input.signature.capacity,
              principalPositionTitle: input.signature.principalPositionTitle ?? null,
            },
      contact:
        input.contact === undefined
          ? null
          : {
              unit: input.contact.unit ?? null,
              telephone: input.contact.telephone ?? null,
              fax: input.contact.fax ?? null,
              email: input.contact.email ?? null,
              coordinator: input.contact.coordinator ?? null,
            },
      origin: 'external' as const,
    });
    const fileIds = (input.enclosures ?? []).flatMap((e) =>
      e.fileId === undefined ? [] : [e.fileId],
    );
    if (fileIds.length > 0) {
      const found = await this.tx.manager.query<Array<{ id: string }>>(
        `SELECT id FROM stored_file WHERE id = ANY($1::uuid[])`,
        [fileIds],
      );
      const known = new Set(found.map((f) => f.id));
      const index = (input.enclosures ?? []).findIndex(
        (e) => e.fileId !== undefined && !known.has(e.fileId),
      );
      if (index >= 0) {
        throw ApiException.notFound(
          `${prefix}.enclosures.${index}.fileId`,
          'ไม่พบไฟล์นี้ (อัปโหลดก่อนด้วย POST /organisations/:id/files)',
          'No such file (upload it first with POST /organisations/:id/files)',
        );
      }
    }
    const addressees = (input.addressees ?? []).map((a) =>
      Object.assign(new DocumentAddressee(), {
        organisationId: a.organisationId ?? null,
        wording: a.wording,
      }),
    );
    const enclosures = (input.enclosures ?? []).map((e, i) =>
      Object.assign(new DocumentEnclosure(), {
        ord: i + 1,
        description: e.description,
        count: e.count,
        unit: e.unit ?? 'ชุด',
        link: e.link ?? null,
        fileId: null,
      }),
    );
    return Object.assign(document, { parts: { addressees, references, enclosures } });
  }

  /** Writes a prepared document and its parts (inside the caller's transaction). */
  async save(
    prepared: Awaited<ReturnType<DocumentFactory['prepare']>>,
    createdByUserId: string | null,
  ): Promise<Document> {
    const { parts, ...fields } = prepared;
    // insert(), not save(): no cascade checks, one statement.
    const saved = Object.assign(new Document(), fields, { id: randomUUID(), createdByUserId });
    await this.tx.repository(Document).insert(saved);
    const withDocument = <T extends { documentId: string }>(rows: T[]): T[] =>
      rows.map((r) => Object.assign(r, { documentId: saved.id }));
    if (parts.addressees.length > 0)
      await this.tx.repository(DocumentAddressee).insert(withDocument(parts.addressees));
    if (parts.references.length > 0)
      await this.tx.repository(DocumentReference).insert(withDocument(parts.references));
    if (parts.enclosures.length > 0)
      await this.tx.repository(DocumentEnclosure).insert(withDocument(parts.enclosures));
    return saved;
  }
}
