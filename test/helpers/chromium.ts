import { existsSync } from 'node:fs';

/** Debian's Chromium, the only browser the tests use (never a downloaded one). */
export const CHROMIUM = '/usr/bin/chromium';

/** The one command that makes the browser tests runnable on a fresh Debian machine. */
export const CHROMIUM_FIX = 'apt-get install -y chromium';

/** Flags for a headless run that talks to nothing but the pages it is sent to. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Throw at once when the browser is missing, naming the one command that fixes it (called by test/global-setup.ts,
 * so `npm test` on a fresh machine stops before running anything rather than failing browser tests one by one).
 */
export function assertChromium(path = CHROMIUM): void {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: the browser tests need Debian's Chromium. Fix: ${CHROMIUM_FIX}`);
  }
}
