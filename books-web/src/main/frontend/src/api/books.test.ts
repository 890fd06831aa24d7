import { nextLink } from './books';

test('next_link_is_taken_verbatim_from_the_link_header', () => {
  expect(nextLink('</books?limit=20&after=9781788395540>; rel="next"')).toBe('/books?limit=20&after=9781788395540');
});

test('next_link_ignores_other_relations', () => {
  expect(nextLink('</books?limit=20>; rel="first", </books?after=x>; rel="next"')).toBe('/books?after=x');
  expect(nextLink('</books?limit=20>; rel="prev"')).toBeNull();
  expect(nextLink(null)).toBeNull();
});
