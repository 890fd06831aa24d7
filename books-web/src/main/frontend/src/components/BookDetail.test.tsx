import { screen } from '@testing-library/react';
import { book, etagOf, installFakeApi } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

const NODE = book('9781788395540', 'Learning Node.js Development', 'Andrew Mead', 2018);

test('shows_the_book_details', async () => {
  installFakeApi([NODE]);
  renderApp(`/book/${NODE.isbn}`);

  expect(await screen.findByRole('heading', { level: 1, name: NODE.title })).toBeInTheDocument();
  expect(screen.getByText('Andrew Mead')).toBeInTheDocument();
  expect(screen.getByText('2018')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
});

test('delete_asks_for_confirmation_and_cancel_keeps_the_book', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp(`/book/${NODE.isbn}`, { as: 'editor' });

  await user.click(await screen.findByRole('button', { name: 'Delete' }));

  expect(screen.getByRole('alertdialog', { name: 'Delete this book?' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
  await user.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  expect(api.calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
});

test('confirmed_delete_sends_if_match_and_returns_to_the_list_with_a_notice', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp(`/book/${NODE.isbn}`, { as: 'editor' });

  await user.click(await screen.findByRole('button', { name: 'Delete' }));
  await user.click(screen.getByRole('button', { name: 'Yes, delete' }));

  expect(await screen.findByText(`Deleted “${NODE.title}”.`)).toBeInTheDocument();
  expect(window.location.pathname).toBe('/');
  expect(api.calls.find((c) => c.method === 'DELETE')?.headers['if-match']).toBe(etagOf(1));
  expect(api.books.size).toBe(0);
});

test('deleting_a_book_changed_elsewhere_shows_a_conflict', async () => {
  const api = installFakeApi([NODE]);
  const { user } = renderApp(`/book/${NODE.isbn}`, { as: 'editor' });
  await user.click(await screen.findByRole('button', { name: 'Delete' }));
  api.changeElsewhere(NODE.isbn, {});

  await user.click(screen.getByRole('button', { name: 'Yes, delete' }));

  expect(await screen.findByRole('alert')).toHaveTextContent('it was not deleted');
  expect(api.books.size).toBe(1);
});

test('an_unknown_isbn_shows_not_found', async () => {
  installFakeApi([]);
  renderApp('/book/9780000000002');

  expect(await screen.findByRole('heading', { name: 'Book not found' })).toBeInTheDocument();
});

test('a_book_added_in_the_app_says_added_by_the_signed_in_editor', async () => {
  installFakeApi([]);
  const { user } = renderApp('/new', { as: 'editor' });

  await user.type(await screen.findByLabelText('ISBN'), '9781617294945');
  await user.type(screen.getByLabelText('Title'), 'Microservices Patterns');
  await user.type(screen.getByLabelText('Author'), 'Chris Richardson');
  await user.click(screen.getByRole('button', { name: 'Add book' }));

  await screen.findByRole('heading', { level: 1, name: 'Microservices Patterns' });
  expect(screen.getByText('Added by').nextElementSibling).toHaveTextContent('editor');
  expect(screen.getByText('Last changed').nextElementSibling).toHaveTextContent(/by editor$/);
});
