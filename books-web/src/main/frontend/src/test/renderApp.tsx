import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { onTestFinished } from 'vitest';
import { App } from '../App';
import { AuthProvider, createUserManager } from '../auth/AuthContext';
import type { SignInConfig } from '../auth/config';
import { type Person, SIGN_IN, storeSession } from './fakeIdentity';

export interface RenderOptions {
  /** Signed in as this person, as the sign-in redirect would have left it; `expired`: the access token ran out. */
  as?: Person;
  expired?: boolean;
  /** The runtime sign-in settings; null: no issuer configured (editing off). */
  signIn?: SignInConfig | null;
}

/** Renders the whole app at a URL, signed out or as a person, the way a user would open it. */
export function renderApp(path: string, { as, expired = false, signIn = SIGN_IN }: RenderOptions = {}) {
  window.history.replaceState(null, '', path);
  if (as) storeSession(as, { expired });
  const userManager = signIn ? createUserManager(signIn) : undefined;
  onTestFinished(() => {
    userManager?.stopSilentRenew();
    userManager?.events.unload();
  });
  const user = userEvent.setup();
  const view = render(
    <AuthProvider signIn={signIn} userManager={userManager}>
      <App />
    </AuthProvider>,
  );
  return { user, ...view };
}
