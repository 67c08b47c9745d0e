import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Organisation } from '@wian/hierarchy';
import {
  hashPassword,
  Position,
  PositionHolding,
  User,
  type Role,
  type UserActor,
} from '@wian/identity';
import { TransactionHost } from '@wian/persistence';
import request from 'supertest';

export const TEST_PASSWORD = 'ทดสอบ-Password-2566!';
let sharedHash: Promise<string> | undefined;

export interface SeededActor {
  userId: string;
  username: string;
  password: string;
  positionId: string | null;
  organisationId: number | null;
}

/** The actor a service sees for a seeded user acting in its position (for in-process calls). */
export function userActorOf(seeded: SeededActor, roles: readonly Role[]): UserActor {
  return {
    kind: 'user',
    userId: seeded.userId,
    username: seeded.username,
    isSystemAdmin: false,
    positionId: seeded.positionId,
    organisationId: seeded.organisationId,
    organisationPath: null,
    roles,
  };
}

/**
 * A user holding one position with the given roles in the organisation with that code (or a
 * system administrator without a position), written straight to the database.
 */
export async function seedActor(
  app: INestApplication,
  options: {
    organisation?: string;
    roles?: Role[];
    title?: string;
    systemAdmin?: boolean;
    username?: string;
  },
): Promise<SeededActor> {
  const tx = app.get(TransactionHost);
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await sharedHash;
  const username = options.username ?? `u${randomBytes(5).toString('hex')}`;
  return tx.run(async (manager) => {
    const user = await manager.save(
      manager.create(User, {
        username,
        fullNameTh: `นายทดสอบ ${username}`,
        passwordHash,
        isSystemAdmin: options.systemAdmin ?? false,
        passwordChangedAt: new Date(),
      }),
    );
    if (options.organisation === undefined) {
      return {
        userId: user.id,
        username,
        password: TEST_PASSWORD,
        positionId: null,
        organisationId: null,
      };
    }
    const organisation = await manager.findOneByOrFail(Organisation, {
      code: options.organisation,
    });
    const position = await manager.save(
      manager.create(Position, {
        organisationId: organisation.id,
        titleTh: options.title ?? 'นักจัดการงานทั่วไป',
        roles: options.roles ?? [],
      }),
    );
    await manager.insert(PositionHolding, {
      userId: user.id,
      positionId: position.id,
      startsOn: '2020-01-01',
    });
    return {
      userId: user.id,
      username,
      password: TEST_PASSWORD,
      positionId: position.id,
      organisationId: organisation.id,
    };
  });
}

/** Signs in over HTTP and returns the access token (and the whole answer). */
export async function signIn(
  server: Server,
  actor: Pick<SeededActor, 'username' | 'password'>,
  positionId?: string,
): Promise<{ accessToken: string; refreshToken: string; body: Record<string, unknown> }> {
  const res = await request(server)
    .post('/auth/login')
    .send({
      username: actor.username,
      password: actor.password,
      ...(positionId !== undefined && { positionId }),
    })
    .expect(200);
  const body = res.body as { accessToken: string; refreshToken: string };
  return {
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    body: res.body as Record<string, unknown>,
  };
}

/**
 * Gives an existing user one more position (with the given roles) in the organisation with
 * that code, held from 2020: for users who must choose the position they act in.
 */
export async function addPosition(
  app: INestApplication,
  userId: string,
  options: { organisation: string; roles?: Role[]; title?: string },
): Promise<{ positionId: string; organisationId: number }> {
  return app.get(TransactionHost).run(async (manager) => {
    const organisation = await manager.findOneByOrFail(Organisation, {
      code: options.organisation,
    });
    const position = await manager.save(
      manager.create(Position, {
        organisationId: organisation.id,
        titleTh: options.title ?? 'นักจัดการงานทั่วไป',
        roles: options.roles ?? [],
      }),
    );
    await manager.insert(PositionHolding, {
      userId,
      positionId: position.id,
      startsOn: '2020-01-01',
    });
    return { positionId: position.id, organisationId: organisation.id };
  });
}
