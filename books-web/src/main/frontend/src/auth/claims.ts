/**
 * Reading roles for the UI only: the gateway verifies every write, so the app merely decodes a
 * token's payload (no signature check) to decide which controls to show.
 */

/** The payload of a JWT, or null when the token is opaque (some issuers' access tokens are). */
export function jwtPayload(token: string | undefined): Record<string, unknown> | null {
  const part = token?.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The roles at a dot path such as `realm_access.roles`: a JSON array, or a space-separated string. */
export function rolesAt(claims: Record<string, unknown> | null | undefined, path: string): string[] {
  const value = path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), claims);
  if (Array.isArray(value)) return value.filter((role): role is string => typeof role === 'string');
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}
