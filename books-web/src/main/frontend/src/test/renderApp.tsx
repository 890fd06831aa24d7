import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../App';
import { AuthProvider } from '../auth/AuthContext';
import { KEY } from './fakeApi';

/** Renders the whole app at a URL, optionally signed in, the way a user would open it. */
export function renderApp(path: string, { signedIn = false } = {}) {
  window.history.replaceState(null, '', path);
  if (signedIn) window.sessionStorage.setItem('bookshelf.apiKey', KEY);
  const user = userEvent.setup();
  const view = render(
    <AuthProvider>
      <App />
    </AuthProvider>,
  );
  return { user, ...view };
}
