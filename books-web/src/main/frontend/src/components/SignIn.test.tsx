import { cleanup, screen, within } from '@testing-library/react';
import { SIGN_IN_UNAVAILABLE } from '../auth/AuthContext';
import { book, etagOf, installFakeApi } from '../test/fakeApi';
import { ISSUER, SIGN_IN } from '../test/fakeIdentity';
import { renderApp } from '../test/renderApp';

const NODE = book('9781788395540', 'Learning Node.js Development', 'Andrew Mead', 2018);
const USER_KEY = `oidc.user:${ISSUER}:${SIGN_IN.clientId}`;

/** The PKCE state oidc-client-ts left for the way back from the provider, by its key. */
function signInState(): [string, Record<string, unknown>] | undefined {
  const key = Object.keys(window.sessionStorage).find((k) => k.startsWith('oidc.') && k !== USER_KEY);
  return key ? [key.slice('oidc.'.length), JSON.parse(window.sessionStorage.getItem(key)!)] : undefined;
}

test('signed_out_visitors_see_sign_in_and_no_edit_controls', async () => {
  installFakeApi([NODE]);
  renderApp('/');
  await screen.findByRole('list', { name: 'Books' });

  expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  expect(screen.getByText('Sign in to add, edit or delete books.')).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Add a book' })).not.toBeInTheDocument();
});

test('sign_in_goes_to_the_provider_with_pkce_keeping_its_state_in_this_tab_only', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp(`/book/${NODE.isbn}`);

  await user.click(await screen.findByRole('button', { name: 'Sign in' }));

  await expect.poll(() => signInState()?.[1].code_verifier).toEqual(expect.any(String));
  expect(api.calls.some((c) => c.url === `${ISSUER}/.well-known/openid-configuration`)).toBe(true);
  expect(signInState()?.[1].url_state).toBe(`/book/${NODE.isbn}`);
  expect(window.localStorage.length).toBe(0);
});

test('back_from_the_provider_the_code_is_exchanged_the_address_cleaned_and_the_editor_back_on_their_page', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp(`/book/${NODE.isbn}`);
  await user.click(await screen.findByRole('button', { name: 'Sign in' }));
  await expect.poll(() => signInState()).toBeDefined();
  const [state] = signInState()!;
  cleanup();

  renderApp(`/?code=code-for-editor&state=${state}`);

  expect(await screen.findByText('editor')).toBeInTheDocument();
  expect(await screen.findByRole('heading', { level: 1, name: NODE.title })).toBeInTheDocument();
  expect(window.location.pathname + window.location.search).toBe(`/book/${NODE.isbn}`);
  expect(screen.getByRole('link', { name: 'Edit' })).toBeInTheDocument();
  const exchange = api.calls.find((c) => (c.body as Record<string, string> | undefined)?.grant_type === 'authorization_code');
  expect(exchange?.body).toMatchObject({ code: 'code-for-editor', code_verifier: expect.any(String) });
  expect(window.sessionStorage.getItem(USER_KEY)).toContain('access_token');
  expect(window.localStorage.length).toBe(0);
});

test('an_editor_sees_who_is_signed_in_and_the_edit_controls', async () => {
  installFakeApi([NODE]);
  renderApp(`/book/${NODE.isbn}`, { as: 'editor' });

  expect(await screen.findByRole('link', { name: 'Edit' })).toBeInTheDocument();
  expect(screen.getByText('Signed in as', { exact: false })).toHaveTextContent('Signed in as editor');
  expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
});

test('a_reader_sees_who_is_signed_in_and_that_they_can_read_but_not_edit', async () => {
  installFakeApi([NODE]);
  renderApp(`/book/${NODE.isbn}`, { as: 'reader' });

  expect(await screen.findByRole('heading', { level: 1, name: NODE.title })).toBeInTheDocument();
  expect(screen.getByText('Signed in as', { exact: false })).toHaveTextContent('Signed in as reader (read only)');
  expect(screen.getByText('You can read but not edit: your account does not have the editor role.')).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
});

test('a_reader_opening_the_add_page_is_told_they_cannot_edit', async () => {
  installFakeApi([]);
  renderApp('/new', { as: 'reader' });

  expect(await screen.findByText(/You can read but not edit/)).toBeInTheDocument();
  expect(screen.queryByLabelText('Title')).not.toBeInTheDocument();
});

test('an_access_token_that_ran_out_while_away_is_renewed_with_the_refresh_token', async () => {
  const api = installFakeApi([NODE]);
  renderApp('/', { as: 'editor', expired: true });

  expect(await screen.findByRole('link', { name: 'Add a book' })).toBeInTheDocument();
  expect(api.calls.some((c) => (c.body as Record<string, string> | undefined)?.grant_type === 'refresh_token')).toBe(true);
});

test('a_session_the_issuer_ended_asks_to_sign_in_again', async () => {
  const api = installFakeApi([NODE]);
  api.endSessions();
  renderApp('/', { as: 'editor', expired: true });

  expect(await screen.findByText('Your session has ended. Sign in again to add, edit or delete books.')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Sign in again' })).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Add a book' })).not.toBeInTheDocument();
});

test('a_write_refused_401_renews_the_token_and_is_sent_once_more', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp(`/book/${NODE.isbn}/edit`, { as: 'editor' });
  const title = await screen.findByLabelText('Title');
  api.refuseNextWrite(401);

  await user.clear(title);
  await user.type(title, 'Renewed and saved');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Renewed and saved' })).toBeInTheDocument();
  const puts = api.calls.filter((c) => c.method === 'PUT');
  expect(puts).toHaveLength(2);
  expect(puts[1]?.headers.authorization).not.toBe(puts[0]?.headers.authorization);
});

test('a_write_after_the_session_ended_keeps_the_form_and_brings_it_back_after_signing_in_again', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp(`/book/${NODE.isbn}/edit`, { as: 'editor' });
  const title = await screen.findByLabelText('Title');
  api.endSessions();
  api.refuseNextWrite(401);

  await user.clear(title);
  await user.type(title, 'Typed before the session ended');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Your session has ended, so nothing was saved.');
  expect(screen.getByLabelText('Title')).toHaveValue('Typed before the session ended');
  // Off to the provider's page: the page goes away, then comes back signed in.
  await user.click(within(alert).getByRole('button', { name: 'Sign in again' }));
  window.dispatchEvent(new Event('pagehide'));
  cleanup();
  const back = renderApp(`/book/${NODE.isbn}/edit`, { as: 'editor' });

  expect(await screen.findByLabelText('Title')).toHaveValue('Typed before the session ended');
  expect(screen.getByRole('status')).toHaveTextContent('Your unsaved changes are back.');
  await back.user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'Typed before the session ended' })).toBeInTheDocument();
  expect(api.calls.filter((c) => c.method === 'PUT').at(-1)?.headers['if-match']).toBe(etagOf(1));
});

test('a_write_refused_403_says_the_account_cannot_edit_and_keeps_the_form', async () => {
  const api = installFakeApi([]);
  const { user } = renderApp('/new', { as: 'editor' });
  api.refuseNextWrite(403);

  await user.type(await screen.findByLabelText('ISBN'), '9781617294945');
  await user.type(screen.getByLabelText('Title'), 'Microservices Patterns');
  await user.type(screen.getByLabelText('Author'), 'Chris Richardson');
  await user.click(screen.getByRole('button', { name: 'Add book' }));

  expect(await screen.findByRole('alert')).toHaveTextContent('Your account can read but not edit books, so nothing was saved.');
  expect(screen.getByLabelText('Title')).toHaveValue('Microservices Patterns');
  expect(api.books.size).toBe(0);
});

test('signing_out_forgets_the_tokens_and_hides_edit_controls', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp('/', { as: 'editor' });

  await user.click(await screen.findByRole('button', { name: 'Sign out' }));

  await expect.poll(() => window.sessionStorage.getItem(USER_KEY)).toBeNull();
  expect(api.calls.some((c) => c.url === `${ISSUER}/.well-known/openid-configuration`)).toBe(true);
  expect(screen.queryByRole('link', { name: 'Add a book' })).not.toBeInTheDocument();
});

test('without_an_issuer_sign_in_is_hidden_and_editing_is_off', async () => {
  installFakeApi([NODE]);
  renderApp('/', { signIn: null });
  await screen.findByRole('list', { name: 'Books' });

  expect(screen.getByText('Editing is off: this site has no sign-in configured.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Sign in' })).not.toBeInTheDocument();
});

test('when_the_issuer_does_not_answer_sign_in_says_so_and_reading_goes_on', async () => {
  const api = installFakeApi([NODE]);
  api.identityDown();
  const { user } = renderApp('/');

  await user.click(await screen.findByRole('button', { name: 'Sign in' }));

  expect(await screen.findByRole('alert')).toHaveTextContent(SIGN_IN_UNAVAILABLE);
  expect(screen.getByRole('link', { name: NODE.title })).toBeInTheDocument();
});
