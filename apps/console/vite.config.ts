import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The staff console, served by the API server at /console (libs/core registerConsole). No
 * inline script or style may be emitted: the page's CSP allows only its own files.
 */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // build.mjs reports every file's size against the first-load budget; Vite's own warning would only repeat it on stderr.
    chunkSizeWarningLimit: 4096,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      // React Query marks its files "use client" for server rendering, which a browser bundle has no use for.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
