import { Link } from '../router';
import { PageHeading } from './PageHeading';

export function NotFound() {
  return (
    <>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p>
        There is nothing here. <Link to="/">See all books</Link>.
      </p>
    </>
  );
}
