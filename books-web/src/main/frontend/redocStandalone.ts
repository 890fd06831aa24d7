import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

// The only address the bundle loads by itself: the "API docs by Redocly" logo. Offline and under
// the CSP (img-src 'self' data:) it must not leave the origin; an empty data: URL fails to decode
// and Redoc then hides the image.
const CDN_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const PAGE = 'api-reference.html';

function offlineBundle(): string {
  const path = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
  const source = readFileSync(path, 'utf8');
  if (source.split(CDN_LOGO).length !== 2) {
    throw new Error(`${path} no longer loads ${CDN_LOGO} exactly once: review redocStandalone.ts`);
  }
  return source.replace(CDN_LOGO, 'data:,');
}

/**
 * Redoc's standalone bundle (a UMD script that Rollup cannot take apart) as a hashed asset of
 * the build, added as a classic script to the API reference page, which runs before the page's
 * module script. Served by the dev server too.
 */
export function redocStandalone(): Plugin {
  const source = offlineBundle();
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 8);
  const fileName = `assets/redoc.standalone-${hash}.js`;
  let building = false;
  return {
    name: 'bookshelf-redoc-standalone',
    configResolved(config) {
      building = config.command === 'build';
    },
    buildStart() {
      if (building) this.emitFile({ type: 'asset', fileName, source });
    },
    configureServer(server) {
      server.middlewares.use(`/${fileName}`, (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(source);
      });
    },
    transformIndexHtml(_html, context) {
      if (!context.filename.endsWith(PAGE)) return [];
      return [{ tag: 'script', attrs: { src: `/${fileName}` }, injectTo: 'body-prepend' }];
    },
  };
}
