/** The clock identity uses (token expiry, lockouts, holdings valid today). */
export const IDENTITY_CLOCK = Symbol('IDENTITY_CLOCK');
