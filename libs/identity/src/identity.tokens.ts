/** The secret that signs access tokens (from JWT_SECRET, or random in development). */
export const JWT_SIGNING_SECRET = Symbol('JWT_SIGNING_SECRET');
