import type { Role } from './role.js';

/** Who is making a request, as the authentication step established it. */
export type Actor = UserActor | ApiKeyActor;

export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  isSystemAdmin: boolean;
  /** The position the user acts in for this session (null: signed in, not acting). */
  positionId: string | null;
  /** The acting position's organisation and its materialised path ("/1/4964/"). */
  organisationId: number | null;
  organisationPath: string | null;
  roles: readonly Role[];
}

export interface ApiKeyActor {
  kind: 'api_key';
  apiKeyId: string;
  organisationId: number;
  organisationPath: string;
  /** Actions granted to the key. */
  scopes: readonly string[];
}
