/** How the app signs people in, as books-web serves it from its environment (OIDC_ISSUER …). */
export interface SignInConfig {
  /** The OpenID Connect issuer (the `authority`), e.g. https://books.example.com/auth/realms/bookshelf. */
  issuer: string;
  clientId: string;
  /** Dot path of the roles claim in the access token (else the ID token), e.g. realm_access.roles. */
  roleClaim: string;
  /** The role that may add, edit and delete. */
  editorRole: string;
}

/** The runtime settings; `signIn` is null when no issuer is configured (editing is off). */
export interface AppConfig {
  signIn: SignInConfig | null;
}

/** Served by books-web next to the bundle, so one bundle fits every deployment (no inline script). */
export const APP_CONFIG_PATH = '/app-config.json';

/** Reads the runtime settings; a server that cannot tell counts as "sign-in off", never as a crash. */
export async function loadAppConfig(): Promise<AppConfig> {
  try {
    const response = await fetch(APP_CONFIG_PATH, { headers: { Accept: 'application/json' } });
    if (!response.ok) return { signIn: null };
    const config = (await response.json()) as Partial<AppConfig>;
    return { signIn: config.signIn ?? null };
  } catch {
    return { signIn: null };
  }
}
