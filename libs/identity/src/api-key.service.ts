import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { AuditTrail } from '@wian/audit';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import { ACTION_RULES, isAction } from './action.js';
import { ApiKey } from './api-key.entity.js';
import { newSecret, sha256Hex } from './token-hash.js';

/** An API key as its organisation's administrators see it: never the secret. */
export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 4964 })
  organisationId!: number;

  @ApiProperty({ example: 'e-saraban bridge' })
  name!: string;

  @ApiProperty({
    example: ['register.write', 'organisation.read'],
    description: 'Actions the key may perform, for its organisation only',
  })
  scopes!: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'null: in use' })
  revokedAt!: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastUsedAt!: Date | null;
}

/** The answer that creates a key: the only time its secret is shown. */
export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({
    example: 'wian_…',
    description: 'กุญแจ (แสดงครั้งเดียว) / the secret, shown only here: send it as X-API-Key',
  })
  key!: string;
}

/** Keys for an organisation's integrations. The secret is shown once, at creation. */
@Injectable()
export class ApiKeyService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditTrail,
  ) {}

  async create(
    organisationId: number,
    name: string,
    scopes: string[],
    createdByUserId: string | null,
  ): Promise<CreatedApiKeyView> {
    const refused = scopes.filter((s) => !isAction(s) || !ACTION_RULES[s].apiKey);
    if (refused.length > 0) {
      throw ApiException.badRequest({
        field: 'scopes',
        rule: 'apiKeyScope',
        message_th: `กุญแจ API ไม่สามารถได้รับสิทธิ์: ${refused.join(', ')}`,
        message_en: `an API key cannot be granted: ${refused.join(', ')}`,
      });
    }
    const key = newSecret('wian');
    return this.tx.run(async () => {
      const saved = await this.tx
        .repository(ApiKey)
        .save(
          this.tx
            .repository(ApiKey)
            .create({ organisationId, name, scopes, keyHash: sha256Hex(key), createdByUserId }),
        );
      await this.audit.record({
        action: 'api_key.create',
        entityType: 'api_key',
        entityId: saved.id,
        organisationId,
        payload: { name, scopes },
      });
      return Object.assign(this.view(saved), { key });
    });
  }

  async list(organisationId: number): Promise<ApiKeyView[]> {
    const keys = await this.tx
      .repository(ApiKey)
      .find({ where: { organisationId }, order: { createdAt: 'DESC' } });
    return keys.map((k) => this.view(k));
  }

  async revoke(id: string): Promise<ApiKeyView> {
    return this.tx.run(async () => {
      const key = await this.tx.repository(ApiKey).findOneByOrFail({ id });
      if (key.revokedAt === null) {
        key.revokedAt = new Date();
        await this.tx.repository(ApiKey).update({ id }, { revokedAt: key.revokedAt });
        await this.audit.record({
          action: 'api_key.revoke',
          entityType: 'api_key',
          entityId: id,
          organisationId: key.organisationId,
        });
      }
      return this.view(key);
    });
  }

  private view(k: ApiKey): ApiKeyView {
    return {
      id: k.id,
      organisationId: k.organisationId,
      name: k.name,
      scopes: k.scopes,
      createdAt: k.createdAt,
      revokedAt: k.revokedAt,
      lastUsedAt: k.lastUsedAt,
    };
  }
}
