import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@wian/audit';
import { ApiException, type ApiErrorDetail } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import { bangkokToday, civilDateToIso, type Clock } from '@wian/thai';
import { isAction } from './action.js';
import { parseDateField } from './date-field.js';
import type { CreateDelegationDto } from './delegation.dto.js';
import { Delegation } from './delegation.entity.js';
import { ActingAuthorityView, DelegationActView, DelegationView } from './delegation.views.js';
import { loadHoldings, toDelegationColumns, toDelegationRecord } from './delegation-records.js';
import {
  assertEditable,
  delegationChain,
  validateNewDelegation,
  validateRevocation,
  whoCouldActFor,
  type DelegationProblem,
  type NewDelegation,
} from './delegation/index.js';
import { IDENTITY_CLOCK } from './identity-clock.token.js';
import { Position } from './position.entity.js';
import { User } from './user.entity.js';

const KIND_TH: Record<Delegation['kind'], string> = {
  acting_on_behalf: 'ปฏิบัติราชการแทน',
  acting_in_post: 'รักษาราชการแทน',
};

function refuse(status: number, problems: DelegationProblem[]): ApiException {
  const details: ApiErrorDetail[] = problems.map((p) => ({
    field: p.field,
    rule: p.rule,
    message_th: p.messageTh,
    message_en: p.messageEn,
  }));
  return new ApiException(
    status,
    `Refused: ${problems.map((p) => p.messageEn).join('; ')}`,
    details,
  );
}

/**
 * Delegations of authority: recording them (with the order that made them), revoking them,
 * and answering who could act for a position and what was done under a delegation.
 */
@Injectable()
export class DelegationService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditTrail,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async create(dto: CreateDelegationDto, createdByUserId: string | null): Promise<DelegationView> {
    const candidate = this.candidate(dto);
    return this.tx.run(async (manager) => {
      const parent =
        dto.parentDelegationId === undefined
          ? null
          : await manager.findOneBy(Delegation, { id: dto.parentDelegationId });
      if (dto.parentDelegationId !== undefined && parent === null) {
        throw ApiException.notFound(
          'parentDelegationId',
          'ไม่พบการมอบอำนาจต้นทาง',
          `No delegation with id ${dto.parentDelegationId}`,
        );
      }
      await this.assertPositionsAndUser(dto);
      const problems = [
        ...validateNewDelegation(candidate, {
          parent: parent === null ? null : toDelegationRecord(parent),
          today: bangkokToday(this.clock),
        }),
        ...this.unknownActions(candidate.scopeActions),
      ];
      if (problems.length > 0) throw refuse(400, problems);
      const saved = await manager.save(
        manager.create(Delegation, {
          ...toDelegationColumns(candidate),
          principalPositionId: candidate.principalPositionId,
          parentDelegationId: candidate.parentDelegationId,
          createdByUserId,
        }),
      );
      const view = await this.view(saved.id);
      await this.audit.record({
        action: 'delegation.create',
        entityType: 'delegation',
        entityId: saved.id,
        organisationId: view.principal.organisationId,
        payload: {
          kind: saved.kind,
          principal: view.principal.titleTh,
          delegate: view.delegate.label,
          orderNumber: saved.orderNumber,
        },
      });
      return view;
    });
  }

  /** Changes an unused delegation; once someone has acted under it, it can only be revoked. */
  async update(id: string, dto: CreateDelegationDto): Promise<DelegationView> {
    return this.tx.run(async (manager) => {
      const current = await manager.findOne(Delegation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (current === null)
        throw ApiException.notFound('id', 'ไม่พบการมอบอำนาจ', `No delegation with id ${id}`);
      const locked = assertEditable(toDelegationRecord(current));
      if (locked.length > 0) throw refuse(409, locked);
      if (dto.principalPositionId !== current.principalPositionId) {
        throw refuse(400, [
          {
            field: 'principalPositionId',
            rule: 'immutable',
            messageTh: 'เปลี่ยนตำแหน่งผู้มอบไม่ได้ กรุณาสร้างการมอบอำนาจใหม่',
            messageEn: 'the principal cannot change; create a new delegation',
          },
        ]);
      }
      const candidate = this.candidate(dto);
      const parent =
        current.parentDelegationId === null
          ? null
          : await manager.findOneByOrFail(Delegation, { id: current.parentDelegationId });
      await this.assertPositionsAndUser(dto);
      const problems = [
        ...validateNewDelegation(
          { ...candidate, parentDelegationId: current.parentDelegationId },
          {
            parent: parent === null ? null : toDelegationRecord(parent),
            today: bangkokToday(this.clock),
          },
        ),
        ...this.unknownActions(candidate.scopeActions),
      ];
      if (problems.length > 0) throw refuse(400, problems);
      await manager.update(Delegation, { id }, toDelegationColumns(candidate));
      const view = await this.view(id);
      await this.audit.record({
        action: 'delegation.update',
        entityType: 'delegation',
        entityId: id,
        organisationId: view.principal.organisationId,
        payload: {
          before: {
            scopeAll: current.scopeAll,
            scopeActions: current.scopeActions,
            validFrom: current.validFrom,
            validUntil: current.validUntil,
          },
        },
      });
      return view;
    });
  }

  async revoke(id: string, reason: string, byUserId: string | null): Promise<DelegationView> {
    return this.tx.run(async (manager) => {
      const current = await manager.findOne(Delegation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (current === null)
        throw ApiException.notFound('id', 'ไม่พบการมอบอำนาจ', `No delegation with id ${id}`);
      const problems = validateRevocation(toDelegationRecord(current), reason);
      if (problems.length > 0) throw refuse(409, problems);
      await manager.update(
        Delegation,
        { id },
        { revokedAt: this.clock.now(), revokedByUserId: byUserId, revokeReason: reason },
      );
      const view = await this.view(id);
      await this.audit.record({
        action: 'delegation.revoke',
        entityType: 'delegation',
        entityId: id,
        organisationId: view.principal.organisationId,
        payload: { reason },
      });
      return view;
    });
  }

  async view(id: string): Promise<DelegationView> {
    const d = await this.tx.repository(Delegation).findOneBy({ id });
    if (d === null)
      throw ApiException.notFound('id', 'ไม่พบการมอบอำนาจ', `No delegation with id ${id}`);
    const principal = await this.tx
      .repository(Position)
      .findOneByOrFail({ id: d.principalPositionId });
    let label: string;
    if (d.delegatePositionId !== null) {
      label = (await this.tx.repository(Position).findOneByOrFail({ id: d.delegatePositionId }))
        .titleTh;
    } else {
      label = (await this.tx.repository(User).findOneByOrFail({ id: d.delegateUserId ?? '' }))
        .fullNameTh;
    }
    return {
      id: d.id,
      kind: d.kind,
      kindLabelTh: KIND_TH[d.kind],
      principal: {
        positionId: principal.id,
        titleTh: principal.titleTh,
        organisationId: principal.organisationId,
      },
      delegate: { positionId: d.delegatePositionId, userId: d.delegateUserId, label },
      scopeAll: d.scopeAll,
      scopeActions: d.scopeActions,
      orderNumber: d.orderNumber,
      orderDate: d.orderDate,
      validFrom: d.validFrom,
      validUntil: d.validUntil,
      allowSubdelegation: d.allowSubdelegation,
      parentDelegationId: d.parentDelegationId,
      revokedAt: d.revokedAt,
      revokeReason: d.revokeReason,
      firstUsedAt: d.firstUsedAt,
      editable: d.firstUsedAt === null && d.revokedAt === null,
    };
  }

  /** From the root delegation down to this one (for onward delegations). */
  async chain(id: string): Promise<DelegationView[]> {
    const d = await this.tx.repository(Delegation).findOneBy({ id });
    if (d === null)
      throw ApiException.notFound('id', 'ไม่พบการมอบอำนาจ', `No delegation with id ${id}`);
    const all = await this.tx
      .repository(Delegation)
      .findBy({ principalPositionId: d.principalPositionId });
    const chain = delegationChain(toDelegationRecord(d), all.map(toDelegationRecord));
    return Promise.all(chain.map((c) => this.view(c.id)));
  }

  /** Everything recorded in the audit trail as done under this delegation. */
  async acts(id: string): Promise<DelegationActView[]> {
    await this.view(id);
    return this.tx.manager.query<DelegationActView[]>(
      `SELECT id::text, occurred_at AS "occurredAt", action, entity_type AS "entityType", entity_id AS "entityId",
              organisation_id AS "organisationId", actor_user_id AS "actorUserId", position_id AS "positionId",
              on_behalf_of_position_id AS "onBehalfOfPositionId", request_id AS "requestId"
         FROM audit_event WHERE delegation_id = $1 ORDER BY occurred_at, id`,
      [id],
    );
  }

  /** Who could act for a position on a date: its holders and everyone a valid delegation reaches. */
  async whoCouldAct(positionId: string, on: string | undefined): Promise<ActingAuthorityView[]> {
    const date = on === undefined ? bangkokToday(this.clock) : parseDateField('date', on);
    const delegations = (
      await this.tx.repository(Delegation).findBy({ principalPositionId: positionId })
    ).map(toDelegationRecord);
    const positionIds = [
      positionId,
      ...delegations.flatMap((d) => (d.delegatePositionId === null ? [] : [d.delegatePositionId])),
    ];
    const holdings = await this.tx.run((manager) => loadHoldings(manager, { positionIds }));
    const actors = whoCouldActFor(positionId, date, this.clock.now(), holdings, delegations);
    const users =
      actors.length === 0
        ? []
        : await this.tx.repository(User).findBy(actors.map((a) => ({ id: a.userId })));
    const names = new Map(users.map((u) => [u.id, u.fullNameTh]));
    return actors.map((a) => ({
      ...a,
      fullNameTh: names.get(a.userId) ?? null,
      date: civilDateToIso(date),
    }));
  }

  private candidate(dto: CreateDelegationDto): NewDelegation {
    return {
      kind: dto.kind,
      principalPositionId: dto.principalPositionId,
      delegatePositionId: dto.delegatePositionId ?? null,
      delegateUserId: dto.delegateUserId ?? null,
      scopeAll: dto.scopeAll,
      scopeActions: dto.scopeActions ?? [],
      orderNumber: dto.orderNumber,
      orderDate: parseDateField('orderDate', dto.orderDate),
      validFrom: parseDateField('validFrom', dto.validFrom),
      validUntil:
        dto.validUntil === undefined ? null : parseDateField('validUntil', dto.validUntil),
      allowSubdelegation: dto.allowSubdelegation ?? false,
      parentDelegationId: dto.parentDelegationId ?? null,
    };
  }

  private unknownActions(actions: string[]): DelegationProblem[] {
    return actions
      .filter((a) => !isAction(a))
      .map((a) => ({
        field: 'scopeActions',
        rule: 'unknown_action',
        messageTh: `ไม่รู้จักการดำเนินการ ${a}`,
        messageEn: `unknown action ${a}`,
      }));
  }

  private async assertPositionsAndUser(dto: CreateDelegationDto): Promise<void> {
    if (
      dto.delegatePositionId !== undefined &&
      (await this.tx.repository(Position).countBy({ id: dto.delegatePositionId })) === 0
    ) {
      throw ApiException.notFound(
        'delegatePositionId',
        'ไม่พบตำแหน่งผู้รับมอบ',
        `No position with id ${dto.delegatePositionId}`,
      );
    }
    if (
      dto.delegateUserId !== undefined &&
      (await this.tx.repository(User).countBy({ id: dto.delegateUserId })) === 0
    ) {
      throw ApiException.notFound(
        'delegateUserId',
        'ไม่พบผู้รับมอบ',
        `No user with id ${dto.delegateUserId}`,
      );
    }
  }
}
