export { ACTION_RULES, ACTIONS, isAction } from './action.js';
export type { Action, ActionRule, ActionScope } from './action.js';
export type { Actor, ApiKeyActor, UserActor } from './actor.js';
export { ApiKey } from './api-key.entity.js';
export { Delegation } from './delegation.entity.js';
export { IDENTITY_ENTITIES } from './identity.entities.js';
export { authorize, relationOf } from './policy.js';
export type {
  OrganisationRelation,
  PolicyDecision,
  PolicyDenial,
  PolicyResource,
} from './policy.js';
export { PositionHolding } from './position-holding.entity.js';
export { Position } from './position.entity.js';
export { RefreshToken } from './refresh-token.entity.js';
export { isRole, ROLE_LABEL_TH, ROLES } from './role.js';
export type { Role } from './role.js';
export { User } from './user.entity.js';
export { ActingPositionLoader } from './acting-position.loader.js';
export type { HeldPosition } from './acting-position.loader.js';
export type { AccessTokenClaims } from './access-token.claims.js';
export { ApiKeyService } from './api-key.service.js';
export { AuthService } from './auth.service.js';
export { CurrentActor, CurrentUser } from './current-actor.decorator.js';
export { IDENTITY_CLOCK } from './identity-clock.token.js';
export { IdentityHttpModule, IdentityModule } from './identity.module.js';
export { hashPassword, verifyPassword } from './password-hasher.js';
export { checkPassword } from './password-policy.js';
export type { PasswordProblem } from './password-policy.js';
export { catalogueRoutes, routeSecurityProblems } from './route-catalogue.js';
export type { CatalogedRoute } from './route-catalogue.js';
export { SecurityGuard } from './security.guard.js';
export type { AuthenticatedRequest } from './security.guard.js';
export { SessionService } from './session.service.js';
export { UserAdminService } from './user-admin.service.js';
export { AuthorityService } from './authority.service.js';
export type { ResolvedAuthority } from './delegation.views.js';
export { DelegationService } from './delegation.service.js';
export type { DelegationView } from './delegation.views.js';
export * from './delegation/index.js';
