import { Inject, Injectable } from '@nestjs/common';
import { ApiException, RequestContext } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import { bangkokToday, civilDateToIso, type CivilDate, type Clock } from '@wian/thai';
import { IsNull } from 'typeorm';
import { isAction } from './action.js';
import type { UserActor } from './actor.js';
import { Delegation } from './delegation.entity.js';
import type { ResolvedAuthority } from './delegation.views.js';
import { loadHoldings, toDelegationRecord } from './delegation-records.js';
import { renderSignatureBlock, resolveAuthority } from './delegation/index.js';
import { IDENTITY_CLOCK } from './identity-clock.token.js';
import { Position } from './position.entity.js';
import { User } from './user.entity.js';

/**
 * Under which authority may this user act or sign for a position: their own post, or which
 * delegation (ปฏิบัติราชการแทน / รักษาราชการแทน). Refuses when none applies.
 */
@Injectable()
export class AuthorityService {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async resolve(
    actor: UserActor,
    principalPositionId: string,
    action: string,
    on?: CivilDate,
  ): Promise<ResolvedAuthority> {
    if (!isAction(action)) {
      throw ApiException.badRequest({
        field: 'action',
        rule: 'unknown_action',
        message_th: `ไม่รู้จักการดำเนินการ ${action}`,
        message_en: `unknown action ${action}`,
      });
    }
    const date = on ?? bangkokToday(this.clock);
    const principal = await this.tx.repository(Position).findOneBy({ id: principalPositionId });
    if (principal === null) {
      throw ApiException.notFound(
        'principalPositionId',
        'ไม่พบตำแหน่งนี้',
        `No position with id ${principalPositionId}`,
      );
    }
    const delegations = (await this.tx.repository(Delegation).findBy({ principalPositionId })).map(
      toDelegationRecord,
    );
    const holdings = await this.tx.run((manager) =>
      loadHoldings(manager, { userIds: [actor.userId] }),
    );
    const result = resolveAuthority({
      userId: actor.userId,
      actingPositionId: actor.positionId,
      principalPositionId,
      action,
      on: date,
      at: this.clock.now(),
      holdings,
      delegations,
    });
    if (!result.ok) {
      throw new ApiException(403, result.refusal.messageEn, [
        {
          field: 'principalPositionId',
          rule: result.refusal.reasonCode,
          message_th: result.refusal.messageTh,
          message_en: result.refusal.messageEn,
        },
      ]);
    }
    const user = await this.tx.repository(User).findOneByOrFail({ id: actor.userId });
    const signerPosition =
      actor.positionId === null
        ? principal
        : await this.tx.repository(Position).findOneByOrFail({ id: actor.positionId });
    const signatureBlock = renderSignatureBlock({
      signerName: user.fullNameTh,
      signerTitle:
        result.authority.basis === 'own_position' ? principal.titleTh : signerPosition.titleTh,
      authority: result.authority,
      principalTitle: principal.titleTh,
    });
    return {
      authority: result.authority,
      signatureBlock,
      principal: {
        positionId: principal.id,
        titleTh: principal.titleTh,
        organisationId: principal.organisationId,
      },
      date: civilDateToIso(date),
    };
  }

  /**
   * Resolves and records that the user now acts under it: the delegation becomes
   * non-editable, and every audit row of this request names it and the principal.
   */
  async actUnder(
    actor: UserActor,
    principalPositionId: string,
    action: string,
  ): Promise<ResolvedAuthority> {
    const resolved = await this.resolve(actor, principalPositionId, action);
    if (resolved.authority.basis === 'delegation') {
      const now = this.clock.now();
      await this.tx.run(async (manager) => {
        for (const id of resolved.authority.basis === 'delegation'
          ? resolved.authority.chain
          : []) {
          await manager.update(Delegation, { id, firstUsedAt: IsNull() }, { firstUsedAt: now });
        }
      });
      RequestContext.assign({
        delegationId: resolved.authority.delegationId,
        onBehalfOfPositionId: principalPositionId,
      });
    }
    return resolved;
  }
}
