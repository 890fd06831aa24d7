import { User } from 'oidc-client-ts';
import type { SignInConfig } from '../auth/config';

/*
 * The identity side of the component tests' edge: tokens shaped like the local Keycloak's (JWTs
 * whose payload carries `realm_access.roles`), a signed-in session stored where oidc-client-ts
 * keeps it (this tab's sessionStorage), and the issuer's discovery and token endpoints, answered
 * by the fetch double in fakeApi.ts. The "signature" is a marker: the gateway double trusts only
 * tokens carrying it, the app never checks signatures (the real gateway does).
 */

export const ISSUER = 'http://localhost/auth/realms/bookshelf';

export const SIGN_IN: SignInConfig = {
  issuer: ISSUER,
  clientId: 'bookshelf-web',
  roleClaim: 'realm_access.roles',
  editorRole: 'editor',
};

const SIGNATURE = 'signed-by-the-fake-issuer';
export const TOKEN_PATH = '/protocol/openid-connect/token';

/** The local realm's two people: `editor` has the editor role, `reader` none. */
export type Person = 'editor' | 'reader';

export interface TokenClaims {
  iss: string;
  aud: string;
  sub: string;
  preferred_username: Person;
  realm_access: { roles: string[] };
  iat: number;
  exp: number;
  /** The session a refresh token belongs to. */
  sid: string;
  /** Unique per token, as real issuers make it: a renewal within the same second is still a new token. */
  jti: string;
}

const base64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** A token for a person, valid for `lifetime` seconds from now (negative: already expired). */
export function tokenFor(person: Person, sid: string, lifetime = 300): string {
  const claims: TokenClaims = {
    iss: ISSUER,
    aud: SIGN_IN.clientId,
    sub: `${person}-id`,
    preferred_username: person,
    realm_access: { roles: person === 'editor' ? ['editor', 'default-roles-bookshelf'] : ['default-roles-bookshelf'] },
    iat: now(),
    exp: now() + lifetime,
    sid,
    jti: crypto.randomUUID(),
  };
  return [base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' })), base64url(JSON.stringify(claims)), SIGNATURE].join('.');
}

/** The claims of a token this issuer made (whether or not still valid); null for anything else. */
export function claimsOf(token: string | undefined): TokenClaims | null {
  const [, payload, signature] = token?.split('.') ?? [];
  if (signature !== SIGNATURE || !payload) return null;
  try {
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as TokenClaims;
  } catch {
    return null;
  }
}

/**
 * Signs a person in the way the sign-in redirect would have left it: the user in sessionStorage
 * under oidc-client-ts's key. `expired`: the access token already ran out (the refresh token still
 * works unless the issuer ended the session).
 */
export function storeSession(person: Person, { expired = false } = {}): void {
  const sid = crypto.randomUUID();
  const user = new User({
    access_token: tokenFor(person, sid, expired ? -60 : 300),
    refresh_token: tokenFor(person, sid, 1800),
    id_token: tokenFor(person, sid),
    token_type: 'Bearer',
    scope: 'openid profile',
    profile: { sub: `${person}-id`, iss: ISSUER, aud: SIGN_IN.clientId, exp: now() + 300, iat: now(), preferred_username: person },
    expires_at: now() + (expired ? -60 : 300),
  });
  window.sessionStorage.setItem(`oidc.user:${ISSUER}:${SIGN_IN.clientId}`, user.toStorageString());
}

export function discovery(): Record<string, string> {
  return {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
    token_endpoint: `${ISSUER}${TOKEN_PATH}`,
    end_session_endpoint: `${ISSUER}/protocol/openid-connect/logout`,
    jwks_uri: `${ISSUER}/protocol/openid-connect/certs`,
  };
}
