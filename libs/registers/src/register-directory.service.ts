import { Injectable } from '@nestjs/common';
import { ApiException } from '@wian/http';
import { Coalescer, queryPrepared, TransactionHost } from '@wian/persistence';
import { Register } from './register.entity.js';

const DEFAULTS: Array<Pick<Register, 'kind' | 'name' | 'series'>> = [
  { kind: 'receipt', name: 'ทะเบียนกลาง', series: null },
  { kind: 'dispatch', name: 'ทะเบียนหนังสือส่ง', series: 'normal' },
  { kind: 'dispatch', name: 'ทะเบียนหนังสือเวียน', series: 'circular' },
  { kind: 'dispatch', name: 'ทะเบียนคำสั่ง', series: 'order' },
];

/** The registers of an organisation; the usual four exist from the first look. */
@Injectable()
export class RegisterDirectory {
  constructor(private readonly tx: TransactionHost) {}

  async ofOrganisation(organisationId: number): Promise<Register[]> {
    await this.ensureDefaults(organisationId);
    return this.tx
      .repository(Register)
      .find({ where: { organisationId }, order: { kind: 'DESC', name: 'ASC' } });
  }

  async ensureDefaults(organisationId: number): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO register (organisation_id, kind, name, series)
       SELECT $1, d.kind, d.name, d.series FROM unnest($2::text[], $3::text[], $4::text[]) AS d(kind, name, series)
       ON CONFLICT DO NOTHING`,
      [
        organisationId,
        DEFAULTS.map((d) => d.kind),
        DEFAULTS.map((d) => d.name),
        DEFAULTS.map((d) => d.series),
      ],
    );
  }

  async create(organisationId: number, name: string): Promise<Register> {
    const existing = await this.tx
      .repository(Register)
      .findOneBy({ organisationId, kind: 'receipt', name });
    if (existing) {
      throw ApiException.conflict({
        field: 'name',
        rule: 'unique',
        message_th: `มีทะเบียนชื่อ "${name}" อยู่แล้ว`,
        message_en: `a register named "${name}" exists`,
      });
    }
    return this.tx
      .repository(Register)
      .save(this.tx.repository(Register).create({ organisationId, kind: 'receipt', name }));
  }

  /** Registers never change kind or organisation, so they are kept in memory once read. */
  private readonly cache = new Map<string, Register>();

  async get(id: string): Promise<Register> {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const found = await this.tx.repository(Register).findOneBy({ id });
    if (!found) {
      throw ApiException.notFound('registerId', 'ไม่พบทะเบียนนี้', `No register with id ${id}`);
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, found);
    return found;
  }

  private readonly central = new Map<number, Register>();

  /**
   * ทะเบียนกลาง: the organisation's central receipt register, where deliveries are received.
   * Kept in memory once its transaction has committed, like the dispatch registers.
   */
  async centralReceiptRegister(organisationId: number): Promise<Register> {
    const cached = this.central.get(organisationId);
    if (cached !== undefined) return cached;
    // Outside a transaction, the first receipts of many organisations at once share a query.
    const register = await this.defaultLookups.submit('receipt', organisationId);
    await this.tx.afterCommit(() => {
      if (this.central.size > 20_000) this.central.clear();
      this.central.set(register.organisationId, register);
    });
    return register;
  }

  /** First lookups of one default register (`receipt`, `dispatch:<series>`), gathered. */
  private readonly defaultLookups = new Coalescer<number, Register>(
    (which, organisations) => this.defaultRegisters(which, organisations),
    { alone: () => this.tx.inTransaction },
  );

  /**
   * One default register of each of `organisations` (the central receipt register, or the
   * dispatch register of a series), their default registers written where missing, in one
   * statement (the SELECT sees the table as it was before the INSERT, the INSERT returns what
   * it added).
   */
  private async defaultRegisters(
    which: string,
    organisations: number[],
  ): Promise<Array<Register | Error>> {
    const [kind, series = null] = which.split(':');
    // The central register by its name (an organisation may keep other receipt registers),
    // a dispatch register by its series (one per series).
    const wanted = (placeholder: string): string =>
      kind === 'receipt'
        ? `r.kind = 'receipt' AND r.name = ${placeholder}::text`
        : `r.kind = 'dispatch' AND r.series = ${placeholder}::text`;
    const value = kind === 'receipt' ? DEFAULTS[0].name : series;
    const rows = await queryPrepared<Record<string, unknown>>(
      this.tx.manager,
      `WITH organisations AS (SELECT DISTINCT o.id FROM unnest($1::int[]) AS o(id)),
       added AS (
         INSERT INTO register (organisation_id, kind, name, series)
         SELECT o.id, d.kind, d.name, d.series
           FROM organisations o, unnest($2::text[], $3::text[], $4::text[]) AS d(kind, name, series)
         ON CONFLICT DO NOTHING
         RETURNING *
       )
       SELECT * FROM added r WHERE ${wanted('$5')}
       UNION ALL
       SELECT r.* FROM organisations o
        CROSS JOIN LATERAL (SELECT * FROM register r WHERE r.organisation_id = o.id AND ${wanted('$5')} LIMIT 1) r`,
      [
        organisations,
        DEFAULTS.map((d) => d.kind),
        DEFAULTS.map((d) => d.name),
        DEFAULTS.map((d) => d.series),
        value,
      ],
    );
    this.columns ??= this.tx.dataSource
      .getMetadata(Register)
      .columns.map((c) => [c.propertyName, c.databaseName] as const);
    // An organisation whose defaults a concurrent statement was writing: ours waited for it,
    // wrote nothing, and its snapshot predates those rows; a second look sees them.
    const seen = new Set(rows.map((row) => row.organisation_id as number));
    const raced = organisations.filter((o) => !seen.has(o));
    if (raced.length > 0) {
      rows.push(
        ...(await queryPrepared<Record<string, unknown>>(
          this.tx.manager,
          `SELECT r.* FROM register r WHERE r.organisation_id = ANY($1::int[]) AND ${wanted('$2')}`,
          [raced, value],
        )),
      );
    }
    const found = new Map<number, Register>();
    for (const row of rows) {
      const register = Object.assign(
        new Register(),
        Object.fromEntries(this.columns.map(([property, column]) => [property, row[column]])),
      );
      if (!found.has(register.organisationId)) found.set(register.organisationId, register);
    }
    await this.tx.afterCommit(() => {
      for (const register of found.values()) {
        if (this.cache.size > 10_000) this.cache.clear();
        this.cache.set(register.id, register);
      }
    });
    return organisations.map(
      (organisation) =>
        found.get(organisation) ??
        new Error(`organisation ${organisation} has no ${which} register`),
    );
  }

  private columns: ReadonlyArray<readonly [string, string]> | undefined;

  private readonly dispatching = new Map<string, Register>();

  /**
   * The dispatch register of one outgoing series (created with the defaults when missing).
   * Kept in memory once its transaction has committed: a register created by a transaction that
   * rolls back is never remembered.
   */
  async dispatchRegister(
    organisationId: number,
    series: 'normal' | 'circular' | 'order',
  ): Promise<Register> {
    const key = `${organisationId}:${series}`;
    const cached = this.dispatching.get(key);
    if (cached !== undefined) return cached;
    const found = await this.defaultLookups.submit(`dispatch:${series}`, organisationId);
    await this.tx.afterCommit(() => {
      if (this.dispatching.size > 60_000) this.dispatching.clear();
      this.dispatching.set(key, found);
    });
    return found;
  }
}
