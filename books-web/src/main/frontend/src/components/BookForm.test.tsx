import { screen } from '@testing-library/react';
import { book, installFakeApi } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

type User = ReturnType<typeof renderApp>['user'];

async function addBook(user: User, isbn: string, title: string, author: string) {
  await user.type(await screen.findByLabelText('ISBN'), isbn);
  await user.type(screen.getByLabelText('Title'), title);
  await user.type(screen.getByLabelText('Author'), author);
  await user.click(screen.getByRole('button', { name: 'Add book' }));
}

test('adding_a_book_posts_it_and_opens_its_page', async () => {
  const api = installFakeApi([]);
  const { user } = renderApp('/new', { as: 'editor' });

  await user.type(await screen.findByLabelText('ISBN'), '9781617294945');
  await user.type(screen.getByLabelText('Title'), 'Microservices Patterns');
  await user.type(screen.getByLabelText('Author'), 'Chris Richardson');
  await user.type(screen.getByLabelText('Publication year (optional)'), '2018');
  await user.click(screen.getByRole('button', { name: 'Add book' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Microservices Patterns' })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/book/9781617294945');
  const post = api.calls.find((c) => c.method === 'POST');
  expect(post?.body).toEqual({ isbn: '9781617294945', title: 'Microservices Patterns', author: 'Chris Richardson', publicationYear: 2018 });
  expect(post?.headers.authorization).toMatch(/^Bearer \S+$/);
});

test('server_field_errors_appear_next_to_their_fields', async () => {
  const api = installFakeApi([]);
  api.failNext('POST', '/books', {
    type: 'https://bookshelf.example/problems/validation',
    title: 'Validation failed',
    status: 400,
    detail: '1 field is invalid.',
    instance: '/books',
    errors: [{ field: 'isbn', message: 'the server says no' }],
  });
  const { user } = renderApp('/new', { as: 'editor' });

  await addBook(user, '9781617294945', 'A title', 'An author');

  const isbn = screen.getByLabelText('ISBN');
  await expect.poll(() => isbn.getAttribute('aria-invalid')).toBe('true');
  expect(isbn).toHaveAccessibleDescription('the server says no');
  expect(isbn).toHaveFocus();
  expect(screen.getByRole('alert')).toHaveTextContent('Please correct the highlighted fields.');
  expect(screen.getByLabelText('Title')).not.toHaveAttribute('aria-invalid', 'true');
});

test('an_isbn_with_a_wrong_check_digit_is_refused_by_the_api_at_the_isbn_field', async () => {
  const api = installFakeApi([]);
  const { user } = renderApp('/new', { as: 'editor' });

  await addBook(user, '9781617294946', 'A title', 'An author');

  const isbn = screen.getByLabelText('ISBN');
  await expect.poll(() => isbn.getAttribute('aria-invalid')).toBe('true');
  expect(screen.getByLabelText('Title')).not.toHaveAttribute('aria-invalid', 'true');
  expect(api.books.size).toBe(0);
});

test('missing_required_fields_are_flagged_before_anything_is_sent', async () => {
  const api = installFakeApi([]);
  const { user } = renderApp('/new', { as: 'editor' });

  await user.click(await screen.findByRole('button', { name: 'Add book' }));

  expect(screen.getByLabelText('ISBN')).toHaveAccessibleDescription('Enter the ISBN.');
  expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('Enter the title.');
  expect(screen.getByLabelText('Author')).toHaveAccessibleDescription('Enter the author.');
  expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
});

test('the_add_page_tells_signed_out_users_to_sign_in', async () => {
  installFakeApi([book('9781788395540', 'x', 'y')]);
  renderApp('/new');

  expect(await screen.findByText(/Sign in to add, edit or delete books/)).toBeInTheDocument();
  expect(screen.queryByLabelText('Title')).not.toBeInTheDocument();
});

test('a_taken_isbn_is_reported_at_the_isbn_field', async () => {
  const api = installFakeApi([]);
  api.failNext('POST', '/books', {
    type: 'https://bookshelf.example/problems/conflict',
    title: 'Conflict',
    status: 409,
    detail: 'That ISBN is taken.',
    instance: '/books',
  });
  const { user } = renderApp('/new', { as: 'editor' });

  await addBook(user, '9781617294945', 'Microservices Patterns', 'Chris Richardson');

  const isbn = screen.getByLabelText('ISBN');
  await expect.poll(() => isbn.getAttribute('aria-invalid')).toBe('true');
  expect(isbn).toHaveAccessibleDescription('That ISBN is taken.');
});
