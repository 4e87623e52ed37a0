// Where electron-vite puts each process's output, seen from the bundled main (out/main/index.js).
import { resolve } from 'node:path';

const outDir = resolve(import.meta.dirname, '..');

// The sandboxed preload, built as CommonJS (see electron.vite.config.ts).
export const PRELOAD_PATH = resolve(outDir, 'preload', 'index.cjs');

// The built renderer, served by the app protocol.
export const RENDERER_DIR = resolve(outDir, 'renderer');

// The window icon (Linux/Windows; macOS takes it from the bundle). resources/ sits beside out/.
export const APP_ICON_PATH = resolve(outDir, '..', 'resources', 'icon.png');
