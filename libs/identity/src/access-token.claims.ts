import type { Role } from './role.js';

/**
 * What an access token says. Tokens live 15 minutes (ACCESS_TOKEN_TTL_SECONDS), so the
 * acting position's organisation and roles travel in the token and are re-read from the
 * database at every refresh; authorising a request needs no query.
 */
export interface AccessTokenClaims {
  typ: 'access';
  /** User id. */
  sub: string;
  usr: string;
  /** System administrator. */
  sa: boolean;
  /** Acting position, its organisation, the organisation's path, the position's roles. */
  pos: string | null;
  org: number | null;
  path: string | null;
  roles: Role[];
  /** Sign-in session (refresh-token family). */
  fam: string;
}
