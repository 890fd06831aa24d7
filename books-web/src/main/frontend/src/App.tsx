import { BookDetail } from './components/BookDetail';
import { BookList } from './components/BookList';
import { EditBook } from './components/EditBook';
import { NewBook } from './components/NewBook';
import { NotFound } from './components/NotFound';
import { SignIn } from './components/SignIn';
import { Link, matchPath, useLocation } from './router';

/** Routes never start with /books: the gateway sends those paths to the API. */
function Page({ pathname }: { pathname: string }) {
  if (matchPath('/', pathname)) return <BookList />;
  if (matchPath('/new', pathname)) return <NewBook />;
  const edit = matchPath('/book/:isbn/edit', pathname);
  if (edit?.isbn) return <EditBook key={edit.isbn} isbn={edit.isbn} />;
  const detail = matchPath('/book/:isbn', pathname);
  if (detail?.isbn) return <BookDetail key={detail.isbn} isbn={detail.isbn} />;
  return <NotFound />;
}

export function App() {
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Bookshelf
        </Link>
        <SignIn />
      </header>
      <main id="main" className="content">
        <Page pathname={pathname} />
      </main>
      <footer className="site-footer">
        {/* Its own page (Redoc), so a full load rather than an app route. */}
        <a href="/api-reference.html">API reference</a>
        <a href="/openapi.json">OpenAPI document</a>
      </footer>
    </>
  );
}
