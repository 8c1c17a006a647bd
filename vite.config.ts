import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressDir } from './scripts/precompress.ts';

const outDir = process.env.WEB_DIST ? path.resolve(process.env.WEB_DIST) : path.resolve(import.meta.dirname, 'dist/web');

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/web'),
  plugins: [
    react(),
    // Brotli and gzip copies of every text file, sent as they are by the server (scripts/precompress.ts).
    { name: 'motcua-precompress', apply: 'build', closeBundle: () => void precompressDir(outDir) },
  ],
  build: {
    // WEB_DIST lets several browser-test runs build side by side (e2e/global-setup.ts).
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    // WEB_MANIFEST=1 also writes .vite/manifest.json (bench/web-size.ts reads it); the default build is unchanged.
    manifest: process.env.WEB_MANIFEST === '1',
    rolldownOptions: {
      output: {
        // zod (staff, administration and national-sync pages only) in a chunk of its own: otherwise the bundler puts
        // its shared core into a chunk every page loads, citizen pages included (issue 18, light first load).
        // The libraries every page runs (React, React Router, i18next, TanStack Query) in one chunk: the bundler would
        // otherwise cut them into several small chunks as pages load on demand, and each file is compressed on its own
        // (issue 18: a few kB of gzip per first load).
        codeSplitting: {
          groups: [
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
            {
              name: 'framework',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next|@tanstack|use-sync-external-store)[\\/]/,
              priority: 3,
            },
            // The app's own modules of the first load (layout, home, search, guide, i18n, API client) in one chunk, so
            // that the journey's chunk below does not take them.
            { name: 'portal', test: /[\\/]src[\\/]/, tags: ['$initial'], priority: 2 },
            // The citizen journey's shared parts (its strings, the answer fields, the upload control, dates …) in one chunk
            // rather than a handful of small ones for the draft and the dossier pages.
            {
              name: 'journey',
              priority: 1,
              test: /[\\/]src[\\/](web[\\/](journey[\\/](ErrorSummary|dates|fields|upload|UploadControl|queries|ViOnlyNotice)|components[\\/]icons|i18n[\\/](bundles|journey|journey\.vi)|store[\\/]fit)|core[\\/](dossiers[\\/]status|catalogue[\\/]case-inference))\.tsx?$/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/auth': 'http://localhost:3000', '/eid': 'http://localhost:3000' },
  },
});
