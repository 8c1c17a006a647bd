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
        codeSplitting: { groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ }] },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/auth': 'http://localhost:3000', '/eid': 'http://localhost:3000' },
  },
});
