/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';
import { redocStandalone } from './redocStandalone.ts';

// The bundle goes straight to the module's classpath (served from /public by the Javalin server).
export default defineConfig({
  plugins: [react(), redocStandalone(), precompress()],
  build: {
    outDir: '../../../target/classes/public',
    emptyOutDir: true,
    // No inline assets: the gateway's CSP may forbid data: URLs.
    assetsInlineLimit: 0,
    // Two pages: the app, and the API reference (Redoc on the served /openapi.json).
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        reference: resolve(import.meta.dirname, 'api-reference.html'),
      },
    },
  },
  server: {
    port: 3000,
    // Same-origin API calls in development too: forward /books to a local books-service.
    proxy: {
      '/books': {
        target: process.env.BOOKS_API_URL ?? 'http://localhost:5000',
        changeOrigin: true,
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    css: false,
  },
});
