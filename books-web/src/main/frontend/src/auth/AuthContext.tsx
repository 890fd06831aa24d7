import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { AuthProvider as OidcProvider, useAuth as useOidc } from 'react-oidc-context';
import { navigate } from '../router';
import { jwtPayload, rolesAt } from './claims';
import type { SignInConfig } from './config';

/**
 * off: no issuer configured, editing is off. loading: the sign-in state is being read or renewed.
 * expired: the session ended and could not be renewed (a half-filled form stays, asking to sign in).
 * reader: signed in without the editor role. editor: may add, edit and delete.
 */
export type AuthStatus = 'off' | 'loading' | 'signedOut' | 'expired' | 'reader' | 'editor';

export interface Auth {
  status: AuthStatus;
  /** Who is signed in (preferred_username, else name, else subject); null when nobody is. */
  name: string | null;
  canWrite: boolean;
  /** The bearer token for writes while signed in. */
  accessToken: string | null;
  /** What went wrong with signing in, said for the reader (provider unreachable, callback failed). */
  problem: string | null;
  /** Goes to the provider's login page; comes back to the page the user is on. */
  signIn(): void;
  /** Ends the provider's session too (end-session with id_token_hint), then comes back here. */
  signOut(): void;
  /** A fresh access token (refresh token grant) after the API refused the current one; null when the session is over. */
  renew(): Promise<string | null>;
}

export const SIGN_IN_UNAVAILABLE =
  'Sign-in is unavailable right now: the sign-in service does not answer. Reading still works; try again in a moment.';
export const SIGN_IN_FAILED = 'Sign-in did not complete. Please try again.';

const OFF: Auth = {
  status: 'off',
  name: null,
  canWrite: false,
  accessToken: null,
  problem: null,
  signIn: () => undefined,
  signOut: () => undefined,
  renew: async () => null,
};

const AuthContext = createContext<Auth | null>(null);

/**
 * One UserManager per page: code flow with PKCE (S256, the library's default), and tokens plus the
 * sign-in's PKCE state in this tab's sessionStorage, never localStorage (docs/adr/0006). Renewal
 * uses the refresh token: an iframe renewal could not work under the gateway's frame-ancestors 'none'.
 */
export function createUserManager(config: SignInConfig, storage: Storage = window.sessionStorage): UserManager {
  const home = `${window.location.origin}/`;
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: home,
    post_logout_redirect_uri: home,
    response_type: 'code',
    scope: 'openid profile',
    userStore: new WebStorageStateStore({ store: storage }),
    stateStore: new WebStorageStateStore({ store: storage }),
    automaticSilentRenew: true,
    requestTimeoutInSeconds: 10,
  });
}

/** Back from the provider: drop ?code&state from the address (a reload must not replay them), return to the page. */
function returnToPage(user: User | undefined): void {
  const back = user?.url_state;
  const safe = typeof back === 'string' && back.startsWith('/') && !back.startsWith('//') ? back : '/';
  navigate(safe, { replace: true });
}

function currentPage(): string {
  return window.location.pathname + window.location.search;
}

interface AuthProviderProps {
  /** null: no issuer configured, so sign-in is hidden and editing is off. */
  signIn: SignInConfig | null;
  /** Tests pass their own to stop its timers; the app lets the provider create it. */
  userManager?: UserManager;
  children: ReactNode;
}

export function AuthProvider({ signIn, userManager, children }: AuthProviderProps) {
  const [manager] = useState(() => (signIn ? (userManager ?? createUserManager(signIn)) : null));
  if (!signIn || !manager) return <AuthContext.Provider value={OFF}>{children}</AuthContext.Provider>;
  return (
    <OidcProvider userManager={manager} onSigninCallback={returnToPage}>
      <OidcBridge config={signIn}>{children}</OidcBridge>
    </OidcProvider>
  );
}

/** Turns react-oidc-context's state into the app's few states, roles read from the configured claim. */
function OidcBridge({ config, children }: { config: SignInConfig; children: ReactNode }) {
  const oidc = useOidc();
  const { user, isLoading, activeNavigator, error, events } = oidc;
  // `expired` is computed from the clock: re-render when the access token runs out.
  const [, setTick] = useState(0);
  useEffect(() => events.addAccessTokenExpired(() => setTick((t) => t + 1)), [events]);

  // A stored session whose access token ran out while the tab was closed or asleep: try the refresh token once.
  const triedStoredRenewal = useRef(false);
  useEffect(() => {
    if (isLoading || activeNavigator || !user?.expired || !user.refresh_token || triedStoredRenewal.current) return;
    triedStoredRenewal.current = true;
    void oidc.signinSilent();
  }, [isLoading, activeNavigator, user, oidc]);

  // A failed callback (e.g. an old link) leaves ?code&state behind: clear them so a reload does not retry.
  useEffect(() => {
    if (error?.source === 'signinCallback' && new URLSearchParams(window.location.search).has('state')) {
      navigate('/', { replace: true });
    }
  }, [error]);

  const signInNow = useCallback(() => void oidc.signinRedirect({ url_state: currentPage() }), [oidc]);
  const signOutNow = useCallback(() => {
    void oidc.signoutRedirect().then((result) => {
      // The provider could not be reached: at least forget the tokens here.
      if (result === null) void oidc.removeUser();
    });
  }, [oidc]);
  const renew = useCallback(async () => {
    const renewed = await oidc.signinSilent();
    return renewed && !renewed.expired ? renewed.access_token : null;
  }, [oidc]);

  const value = useMemo<Auth>(() => {
    const valid = user && !user.expired ? user : null;
    const roles = valid ? rolesAt(jwtPayload(valid.access_token) ?? valid.profile, config.roleClaim) : [];
    const status: AuthStatus = valid
      ? roles.includes(config.editorRole)
        ? 'editor'
        : 'reader'
      : user
        ? activeNavigator === 'signinSilent' || (isLoading && !error)
          ? 'loading'
          : 'expired'
        : isLoading && activeNavigator !== 'signinRedirect'
          ? 'loading'
          : 'signedOut';
    const profile = user?.profile;
    const problem =
      error?.source === 'signinRedirect' || error?.source === 'signoutRedirect'
        ? SIGN_IN_UNAVAILABLE
        : error?.source === 'signinCallback'
          ? SIGN_IN_FAILED
          : null;
    return {
      status,
      name: valid ? (profile?.preferred_username ?? profile?.name ?? profile?.sub ?? null) : null,
      canWrite: status === 'editor',
      accessToken: valid?.access_token ?? null,
      problem,
      signIn: signInNow,
      signOut: signOutNow,
      renew,
    };
  }, [user, isLoading, activeNavigator, error, config, signInNow, signOutNow, renew]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an <AuthProvider> above it');
  return auth;
}
