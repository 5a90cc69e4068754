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

/** The message of a missing browser: what is missing and the one command that fixes it. */
export function describeMissingChromium(path = CHROMIUM): string | null {
  return existsSync(path)
    ? null
    : `${path} is missing: the browser tests need Debian's Chromium. Fix: ${CHROMIUM_FIX}`;
}
