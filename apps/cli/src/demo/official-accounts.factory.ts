import { randomBytes } from 'node:crypto';
import type { OrganisationJson } from './wian-api.types.js';
import type { Session, WianHttpClient } from './wian-http.client.js';

export type DemoRole = 'clerk' | 'officer' | 'head' | 'executive' | 'org_admin';

export interface OfficialSpec {
  /** Short, unique within the run: becomes part of the user name (`p47.clerk`). */
  handle: string;
  organisation: OrganisationJson;
  titleTh: string;
  roles: DemoRole[];
  /** A real signer of the scenario; otherwise the account is named after its post. */
  fullNameTh?: string;
}

export interface Official {
  username: string;
  fullNameTh: string;
  organisation: OrganisationJson;
  session: Session;
}

/**
 * Creates officials the way an administrator does (POST /positions, then POST /users
 * holding it) and signs each in (POST /auth/login). User names carry a tag of the run, so
 * the demo can be replayed against the same wian.
 */
export class OfficialAccounts {
  private readonly tag = `demo${randomBytes(3).toString('hex')}`;
  private readonly password = `Wian-${randomBytes(9).toString('base64url')}-Aa1!`;

  constructor(
    private readonly http: WianHttpClient,
    private readonly admin: Session,
  ) {}

  async create(spec: OfficialSpec): Promise<Official> {
    const position = await this.http.post<{ id: string }>('/positions', this.admin, {
      organisationId: spec.organisation.id,
      titleTh: spec.titleTh,
      roles: spec.roles,
    });
    const username = `${this.tag}.${spec.handle}`.toLowerCase();
    const fullNameTh =
      spec.fullNameTh ??
      `${spec.titleTh} ${spec.organisation.shortName ?? spec.organisation.nameTh} (บัญชีสาธิต)`;
    await this.http.post('/users', this.admin, {
      username,
      fullNameTh,
      password: this.password,
      positionId: position.id,
    });
    const session = await this.http.signIn(username, this.password);
    return { username, fullNameTh, organisation: spec.organisation, session };
  }
}
