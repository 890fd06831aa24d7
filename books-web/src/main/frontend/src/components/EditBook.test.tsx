import { screen } from '@testing-library/react';
import { book, etagOf, installFakeApi } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

const NODE = book('9781788395540', 'Learning Node.js Development', 'Andrew Mead', 2018);

test('saving_sends_if_match_with_the_loaded_etag', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp(`/book/${NODE.isbn}/edit`, { as: 'editor' });

  const title = await screen.findByLabelText('Title');
  await user.clear(title);
  await user.type(title, 'Learning Node.js Development, 2nd ed.');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Learning Node.js Development, 2nd ed.' })).toBeInTheDocument();
  const put = api.calls.find((c) => c.method === 'PUT');
  expect(put?.headers['if-match']).toBe(etagOf(1));
  expect(put?.body).toEqual({ title: 'Learning Node.js Development, 2nd ed.', author: 'Andrew Mead', publicationYear: 2018 });
});

test('a_stale_etag_shows_a_conflict_and_reload_brings_the_latest_version', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp(`/book/${NODE.isbn}/edit`, { as: 'editor' });
  const title = await screen.findByLabelText('Title');
  // Someone else saves first.
  api.changeElsewhere(NODE.isbn, { title: 'Changed elsewhere' });

  await user.clear(title);
  await user.type(title, 'My change');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this book');
  await user.click(screen.getByRole('button', { name: 'Reload latest version' }));

  await expect.poll(() => (screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Changed elsewhere');
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

test('editing_a_missing_book_says_it_is_not_found', async () => {
  installFakeApi([]);
  renderApp('/book/9781788395540/edit', { as: 'editor' });

  expect(await screen.findByRole('heading', { name: 'Book not found' })).toBeInTheDocument();
});
