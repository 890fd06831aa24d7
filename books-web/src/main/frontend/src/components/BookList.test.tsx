import { screen, within } from '@testing-library/react';
import { PAGE_SIZE } from '../api/books';
import { book, installFakeApi, isbnFrom } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

const NODE = book('9781788395540', 'Learning Node.js Development', 'Andrew Mead', 2018);
const MICRO = book('9781788620215', 'Hands-On Microservices with Node.js', 'Diogo Resende', 2018);

test('lists_the_books_the_api_returns_with_links_to_each', async () => {
  installFakeApi([NODE, MICRO]);
  renderApp('/');

  const list = await screen.findByRole('list', { name: 'Books' });
  const links = within(list).getAllByRole('link');
  expect(links.map((l) => l.textContent)).toEqual([NODE.title, MICRO.title]);
  expect(links[0]).toHaveAttribute('href', '/book/9781788395540');
});

test('shows_a_loading_state_then_an_empty_state_when_there_are_no_books', async () => {
  installFakeApi([]);
  renderApp('/');

  expect(screen.getByRole('status')).toHaveTextContent('Loading books');
  expect(await screen.findByText('No books yet.')).toBeInTheDocument();
});

test('search_sends_the_query_and_shows_only_matches', async () => {
  const api = installFakeApi([NODE, MICRO]);
  const { user } = renderApp('/');
  await screen.findByRole('list', { name: 'Books' });

  await user.type(screen.getByLabelText('Title or author'), 'microservices');
  await user.click(screen.getByRole('button', { name: 'Search' }));

  const list = await screen.findByRole('list', { name: 'Books' });
  await expect.poll(() => within(list).getAllByRole('link').map((l) => l.textContent)).toEqual([MICRO.title]);
  expect(api.calls.at(-1)?.url).toBe('/books?limit=20&q=microservices');
  expect(window.location.search).toBe('?q=microservices');
});

test('search_without_matches_says_so', async () => {
  installFakeApi([NODE]);
  const { user } = renderApp('/');
  await screen.findByRole('list', { name: 'Books' });

  await user.type(screen.getByLabelText('Author'), 'nobody');
  await user.keyboard('{Enter}');

  expect(await screen.findByText('No books match your search.')).toBeInTheDocument();
});

test('show_more_follows_the_next_link_verbatim_and_appends', async () => {
  const books = Array.from({ length: PAGE_SIZE + 1 }, (_, i) =>
    book(isbnFrom(`978000000${String(i).padStart(3, '0')}`), `Book ${i}`, 'An author'),
  );
  const api = installFakeApi(books);
  const { user } = renderApp('/');
  const list = await screen.findByRole('list', { name: 'Books' });
  expect(within(list).getAllByRole('link')).toHaveLength(PAGE_SIZE);

  await user.click(screen.getByRole('button', { name: 'Show more books' }));

  await expect.poll(() => within(list).getAllByRole('link').length).toBe(PAGE_SIZE + 1);
  // The API's cursor: the last ISBN of the page before.
  expect(api.calls.at(-1)?.url).toBe(`/books?limit=${PAGE_SIZE}&after=${books[PAGE_SIZE - 1]!.isbn}`);
  expect(screen.queryByRole('button', { name: 'Show more books' })).not.toBeInTheDocument();
});

test('signed_out_users_get_a_hint_instead_of_the_add_button', async () => {
  installFakeApi([NODE]);
  renderApp('/');
  await screen.findByRole('list', { name: 'Books' });

  expect(screen.queryByRole('link', { name: 'Add a book' })).not.toBeInTheDocument();
  expect(screen.getByText(/Sign in to add, edit or delete books/)).toBeInTheDocument();
});

test('a_failed_load_shows_the_problem_detail', async () => {
  const api = installFakeApi([NODE]);
  api.failNext('GET', '/books', {
    type: 'https://bookshelf.example/problems/service-unavailable',
    title: 'Service unavailable',
    status: 503,
    detail: 'The database is down.',
    instance: '/books',
  });
  renderApp('/');

  expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the books: The database is down.');
});

test('each_book_says_who_added_it_and_who_changed_it_last', async () => {
  installFakeApi([{ ...NODE, createdBy: 'editor', updatedBy: 'bookshelf-cli' }, { ...MICRO, createdBy: 'editor', updatedBy: 'editor' }, book('9781617294945', 'From before sign-in', 'Someone')]);
  renderApp('/');

  const items = within(await screen.findByRole('list', { name: 'Books' })).getAllByRole('listitem');
  // Ordered by ISBN: the book from before sign-in comes first.
  expect(items.map((item) => item.querySelector('.book-provenance')?.textContent ?? null)).toEqual([
    null,
    'added by editor · updated by bookshelf-cli',
    'added by editor',
  ]);
});
