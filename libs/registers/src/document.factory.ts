import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@wian/config';
import type { SqlParameterSink } from '@wian/audit';
import { ApiException } from '@wian/http';
import { SqlParams, TransactionHost } from '@wian/persistence';
import { civilDateToIso } from '@wian/thai';
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

/** A document checked by {@link DocumentFactory.prepare}, with its parts, not yet written. */
export type PreparedDocument = Document & {
  parts: {
    addressees: DocumentAddressee[];
    references: DocumentReference[];
    enclosures: DocumentEnclosure[];
  };
};

/**
 * How {@link DocumentFactory.prepare} learns whether the organisations, documents and files a
 * letter names exist. By default it asks the database, one query per kind (per reference);
 * {@link assumingExistence} answers yes to everything and remembers the ids, for a caller whose
 * statement checks them itself ({@link existenceGuardSql}).
 */
export interface ExistenceLookup {
  /** The ids among `ids` that exist. */
  organisations(ids: number[]): Promise<Set<number>>;
  document(id: string): Promise<boolean>;
  /** The ids among `ids` that exist. */
  files(ids: string[]): Promise<Set<string>>;
}

/** The ids a letter named, as recorded by {@link assumingExistence}. */
export interface NamedIds {
  organisations: Set<number>;
  documents: Set<string>;
  files: Set<string>;
}

/** A lookup that takes every id as existing and records it (module-internal). */
export function assumingExistence(): { lookup: ExistenceLookup; named: NamedIds } {
  const named: NamedIds = { organisations: new Set(), documents: new Set(), files: new Set() };
  const lookup: ExistenceLookup = {
    organisations: (ids) => {
      for (const id of ids) named.organisations.add(id);
      return Promise.resolve(new Set(ids));
    },
    document: (id) => {
      named.documents.add(id);
      return Promise.resolve(true);
    },
    files: (ids) => {
      for (const id of ids) named.files.add(id);
      return Promise.resolve(new Set(ids));
    },
  };
  return { lookup, named };
}

/**
 * An SQL condition that holds when every id in `named` exists (null when none was named): what
 * prepare() checks with its queries, folded into the caller's statement as a guard.
 */
export function existenceGuardSql(params: SqlParameterSink, named: NamedIds): string | null {
  const checks: string[] = [];
  const every = (table: string, ids: Set<unknown>, cast: string): void => {
    if (ids.size === 0) return;
    // The ids as an array literal (digits and uuids need no quoting): one value, so that in a
    // set-based statement it is a column of the command's row like any other.
    checks.push(
      `(SELECT count(*) FROM ${table} WHERE id = ANY(${params.add(`{${[...ids].join(',')}}`, 'text')}::${cast}[])) = ${params.add(ids.size, 'int')}`,
    );
  };
  every('organisation', named.organisations, 'int');
  every('document', named.documents, 'uuid');
  every('stored_file', named.files, 'uuid');
  return checks.length === 0 ? null : checks.join(' AND ');
}

/** Turns a clerk's typed-in letter into a document with its parts, validating every field. */
@Injectable()
export class DocumentFactory {
  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  /** A deadline written as a date ends with office hours that day (OFFICE_HOURS_END). */
  endOfDay(): { hour: number; minute: number } {
    const [hour, minute] = this.config.OFFICE_HOURS_END.split(':').map(Number);
    return { hour, minute };
  }

  /** The database's answers, one query per kind of id (per reference for documents). */
  private readonly database: ExistenceLookup = {
    organisations: async (ids) => {
      const found = await this.tx.manager.query<Array<{ id: number }>>(
        `SELECT id FROM organisation WHERE id = ANY($1::int[])`,
        [ids],
      );
      return new Set(found.map((f) => f.id));
    },
    document: async (id) => (await this.tx.repository(Document).countBy({ id })) > 0,
    files: async (ids) => {
      const found = await this.tx.manager.query<Array<{ id: string }>>(
        `SELECT id FROM stored_file WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return new Set(found.map((f) => f.id));
    },
  };

  /**
   * Parses and checks everything first (no write), so a refusal leaves nothing behind.
   * `lookup` answers whether the ids the letter names exist (the database by default).
   */
  async prepare(
    input: DocumentInput,
    prefix = 'document',
    lookup: ExistenceLookup = this.database,
  ): Promise<PreparedDocument> {
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
      const known = await lookup.organisations(organisationIds);
      const missing = [...new Set(organisationIds)].filter((id) => !known.has(id));
      if (missing.length > 0) {
        const field =
          input.issuingOrganisationId !== undefined && missing.includes(input.issuingOrganisationId)
            ? `${prefix}.issuingOrganisationId`
            : `${prefix}.addressees`;
        throw ApiException.notFound(
          field,
          `ไม่พบหน่วยงานรหัส ${missing.join(', ')}`,
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
        if (r.documentId !== undefined && !(await lookup.document(r.documentId))) {
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
          : parseDeadlineField(`${prefix}.deadline`, input.deadline, this.endOfDay()),
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
      const known = await lookup.files(fileIds);
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
        fileId: e.fileId ?? null,
      }),
    );
    return Object.assign(document, { parts: { addressees, references, enclosures } });
  }

  /**
   * Writes a prepared document and its parts (inside the caller's transaction) in one
   * statement.
   */
  async save(prepared: PreparedDocument, createdByUserId: string | null): Promise<Document> {
    const params = new SqlParams();
    const { id, ctes } = documentInsertCtes(params, prepared, createdByUserId, null);
    const [row] = await this.tx.manager.query<
      Array<{ created_at: Date; updated_at: Date; version: number }>
    >(
      `WITH ${ctes.join(',\n')} SELECT created_at, updated_at, version FROM new_document`,
      params.values,
    );
    const saved: Document & Partial<PreparedDocument> = Object.assign(new Document(), prepared, {
      id,
      createdByUserId,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    });
    delete saved.parts;
    return saved;
  }
}

/** What a statement computes itself instead of taking from the prepared document. */
export interface DocumentInsertOptions {
  /** SQL expressions (scalar) for the number's running part and text, e.g. from a counter. */
  numberRunning?: string;
  numberText?: string;
  /** The row's version (1, a new row). */
  version?: number;
  /**
   * Set-based: the FROM clause of the document's SELECT, over the caller's \`input i\` (one
   * row per command, `params` being an InputRow) and whatever the number expressions read.
   * Each part is joined back to its command's row by the document's id.
   */
  from?: string;
}

/**
 * The CTEs that insert a prepared document (`new_document`, RETURNING id, created_at,
 * updated_at, version, subject) and its addressees, references and enclosures (multi-row, from
 * one jsonb value each), for a statement of the caller's. With `guard` (an SQL condition) nothing
 * is written unless it holds. The document's id is chosen here, so later CTEs can use it
 * without reading it back.
 */
export function documentInsertCtes(
  params: SqlParameterSink,
  prepared: PreparedDocument,
  createdByUserId: string | null,
  guard: string | null,
  options: DocumentInsertOptions = {},
): { id: string; idSql: string; ctes: string[] } {
  const id = randomUUID();
  const p = (value: unknown, cast: string): string => params.add(value, cast);
  const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));
  const idSql = p(id, 'uuid');
  const from = options.from === undefined ? '' : ` FROM ${options.from}`;
  const ctes = [
    `new_document AS (INSERT INTO document (id, type, issuing_organisation_id, issuer_name,
       issuer_address, owning_unit, number_prefix, number_unit_digits, number_sub_unit,
       number_series, number_running, number_year, number_text, letter_date, urgency, urgent_by,
       secrecy, subject, salutation, body, requested_action, deadline_at, signature, contact,
       origin, created_by_user_id, version)
     SELECT ${[
       idSql,
       p(prepared.type, 'text'),
       p(prepared.issuingOrganisationId, 'int'),
       p(prepared.issuerName, 'text'),
       p(prepared.issuerAddress, 'text'),
       p(prepared.owningUnit, 'text'),
       p(prepared.numberPrefix, 'text'),
       p(prepared.numberUnitDigits, 'text'),
       p(prepared.numberSubUnit, 'text'),
       p(prepared.numberSeries, 'text'),
       options.numberRunning ?? p(prepared.numberRunning, 'int'),
       p(prepared.numberYear, 'int'),
       options.numberText ?? p(prepared.numberText, 'text'),
       p(prepared.letterDate, 'date'),
       p(prepared.urgency, 'text'),
       p(prepared.urgentBy, 'timestamptz'),
       p(prepared.secrecy, 'text'),
       p(prepared.subject, 'text'),
       p(prepared.salutation, 'text'),
       p(prepared.body, 'text'),
       p(prepared.requestedAction, 'text'),
       p(prepared.deadlineAt, 'timestamptz'),
       p(json(prepared.signature), 'jsonb'),
       p(json(prepared.contact), 'jsonb'),
       p(prepared.origin, 'text'),
       p(createdByUserId, 'uuid'),
     ].join(', ')}, ${options.version ?? 1}${from}${guard === null ? '' : ` WHERE ${guard}`}
     RETURNING id, created_at, updated_at, version, subject)`,
  ];
  // Set-based, every part CTE is written whatever the counts, so that the statement's text
  // stays the same for every command of one shape.
  const always = options.from !== undefined;
  const document = `new_document d${always ? ` JOIN input i ON ${idSql} = d.id` : ''}`;
  const part = (name: string, table: string, columns: string, values: unknown[]): void => {
    if (values.length === 0 && !always) return;
    const names = columns.split(',').map((c) => c.trim().split(' ')[0]);
    ctes.push(`${name} AS (INSERT INTO ${table} (document_id, ${names.join(', ')})
       SELECT d.id, ${names.map((n) => `x.${n}`).join(', ')} FROM ${document}
        CROSS JOIN LATERAL jsonb_to_recordset(${p(JSON.stringify(values), 'jsonb')}) AS x(${columns}))`);
  };
  const { addressees, references, enclosures } = prepared.parts;
  part(
    'new_addressees',
    'document_addressee',
    'organisation_id int, wording text',
    addressees.map((a) => ({ organisation_id: a.organisationId, wording: a.wording })),
  );
  part(
    'new_references',
    'document_reference',
    'ord smallint, referenced_document_id uuid, cited_number text, cited_date date',
    references.map((r) => ({
      ord: r.ord,
      referenced_document_id: r.referencedDocumentId,
      cited_number: r.citedNumber,
      cited_date: r.citedDate,
    })),
  );
  part(
    'new_enclosures',
    'document_enclosure',
    'ord smallint, description text, count int, unit text, file_id uuid, link text',
    enclosures.map((e) => ({
      ord: e.ord,
      description: e.description,
      count: e.count,
      unit: e.unit,
      file_id: e.fileId,
      link: e.link,
    })),
  );
  return { id, idSql, ctes };
}
