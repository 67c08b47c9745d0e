import { AuditTrail } from '@wian/audit';
import { checkPassword, hashPassword, User, type PasswordProblem } from '@wian/identity';
import type { TransactionHost } from '@wian/persistence';
import { systemClock } from '@wian/thai';

export interface SystemAdminInput {
  username: string;
  fullNameTh: string;
  email?: string | null;
  password: string;
  /** Recorded in the audit row (`cli`, `demo`). */
  via: string;
}

export type SystemAdminOutcome =
  { created: true; userId: string } | { created: false; problems: PasswordProblem[] };

/**
 * Creates a system administrator and its audit row in one transaction: what
 * `user:create-admin` does, and what `demo` does on its in-process database. A password that
 * breaks the policy writes nothing; a taken user name throws the unique violation.
 */
export async function createSystemAdmin(
  tx: TransactionHost,
  input: SystemAdminInput,
): Promise<SystemAdminOutcome> {
  const problems = checkPassword(input.password, input.username);
  if (problems.length > 0) return { created: false, problems };
  const audit = new AuditTrail(tx, systemClock);
  const passwordHash = await hashPassword(input.password);
  const userId = await tx.run(async (manager) => {
    const user = await manager.save(
      manager.create(User, {
        username: input.username,
        fullNameTh: input.fullNameTh,
        email: input.email ?? null,
        passwordHash,
        isSystemAdmin: true,
        passwordChangedAt: new Date(),
      }),
    );
    await audit.record({
      action: 'user.create_admin',
      entityType: 'user',
      entityId: user.id,
      payload: { username: input.username, via: input.via },
    });
    return user.id;
  });
  return { created: true, userId };
}
