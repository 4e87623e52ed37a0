// Build config for the three Electron processes. Our folders are top-level (main/, preload/, renderer/),
// not electron-vite's default src/ layout, so every entry is named explicitly.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const fromRoot = (path: string): string => resolve(import.meta.dirname, path);

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      // Every package.json dependency (better-sqlite3 is native, execa and zod are plain Node) stays
      // external and is loaded from node_modules at run time; only our own code is bundled.
      externalizeDeps: true,
      rolldownOptions: { input: { index: fromRoot('main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload can require nothing but a few electron modules: bundle everything else.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('preload/index.ts') },
        // Sandboxed preloads must be CommonJS, even though the package is "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    // resources/ (the app icon) is copied next to index.html: the page's favicon, served by both hosts.
    publicDir: fromRoot('resources'),
    plugins: [react()],
    build: {
      outDir: fromRoot('out/renderer'),
      rolldownOptions: { input: { index: fromRoot('renderer/index.html') } },
    },
  },
});
