// Where Debian's Chromium lives and the flags it runs with (root, no GPU, no background traffic).
import fs from 'node:fs';

/** Debian's `chromium` package; scripts/setup-test-machine.sh installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless root session on a box without a GPU or a network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Throws a one-line instruction when Debian's Chromium is missing (the e2e must fail, not skip). */
export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `e2e: Debian's Chromium is missing (no ${CHROMIUM_PATH}); install it with scripts/setup-test-machine.sh or: apt-get install -y chromium`,
    );
  }
}
