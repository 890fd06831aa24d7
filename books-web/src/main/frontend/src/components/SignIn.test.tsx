import { screen } from '@testing-library/react';
import { KEY, book, installFakeApi } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

const NODE = book('9781788395540', 'Learning Node.js Development', 'Andrew Mead', 2018);

test('signing_in_keeps_the_key_for_the_session_and_shows_edit_controls', async () => {
  installFakeApi([NODE]);
  const { user } = renderApp('/');
  await screen.findByRole('list', { name: 'Books' });

  await user.click(screen.getByRole('button', { name: 'Sign in to edit' }));
  await user.type(screen.getByLabelText('API key'), KEY);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));

  expect(screen.getByRole('link', { name: 'Add a book' })).toBeInTheDocument();
  expect(window.sessionStorage.getItem('bookshelf.apiKey')).toBe(KEY);
  expect(window.localStorage.length).toBe(0);
});

test('an_empty_key_is_refused_with_a_message_next_to_the_field', async () => {
  installFakeApi([]);
  const { user } = renderApp('/');

  await user.click(screen.getByRole('button', { name: 'Sign in to edit' }));
  await user.click(screen.getByRole('button', { name: 'Sign in' }));

  expect(screen.getByLabelText('API key')).toHaveAccessibleDescription('Enter your API key.');
});

test('signing_out_forgets_the_key_and_hides_edit_controls', async () => {
  installFakeApi([NODE]);
  const { user } = renderApp('/', { signedIn: true });
  await screen.findByRole('link', { name: 'Add a book' });

  await user.click(screen.getByRole('button', { name: 'Sign out' }));

  expect(screen.queryByRole('link', { name: 'Add a book' })).not.toBeInTheDocument();
  expect(window.sessionStorage.getItem('bookshelf.apiKey')).toBeNull();
});

test('a_rejected_key_signs_the_user_out_and_asks_to_sign_in_again', async () => {
  installFakeApi([NODE]);
  window.sessionStorage.setItem('bookshelf.apiKey', 'wrong-key');
  const { user } = renderApp(`/book/${NODE.isbn}/edit`);

  await user.clear(await screen.findByLabelText('Title'));
  await user.type(screen.getByLabelText('Title'), 'New title');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  const alerts = await screen.findAllByRole('alert');
  expect(alerts.map((a) => a.textContent).join(' ')).toMatch(/Sign in again/);
  expect(screen.getByLabelText('API key')).toBeInTheDocument();
  expect(screen.getByLabelText('Title')).toHaveValue('New title');
  expect(window.sessionStorage.getItem('bookshelf.apiKey')).toBeNull();
});
