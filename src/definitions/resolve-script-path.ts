import type { PathInfo } from './sources/definition-source.js';

export type ScriptResolution =
  | { ok: true; path: string }
  | { ok: false; code: 'script-missing' | 'script-escapes' | 'script-symlink-out'; message: string };

/** Symbolic links followed before giving up, as the kernel's own limit. */
const MAX_LINK_HOPS = 40;

/**
 * Resolve a `script.file` (relative to the repo root) inside a source, following symbolic links the way the OS
 * will when the script runs: it must end at a regular file and never leave the repo. `lookup` is the source's port.
 */
export async function resolveScriptPath(
  file: string,
  lookup: (path: string) => Promise<PathInfo>,
): Promise<ScriptResolution> {
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file)) {
    return { ok: false, code: 'script-escapes', message: `script.file ${file} is an absolute path` };
  }
  const queue: string[] = [];
  for (const part of file.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (queue.length === 0) {
        return { ok: false, code: 'script-escapes', message: `script.file ${file} leaves the repo` };
      }
      queue.pop();
    } else {
      queue.push(part);
    }
  }
  if (queue.length === 0) {
    return { ok: false, code: 'script-missing', message: `script.file ${file} names the repo root` };
  }
  const done: string[] = [];
  let hops = 0;
  while (queue.length > 0) {
    const part = queue.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      // Only a link target can bring `..` here: the path itself was normalized above.
      if (done.length === 0) {
        return {
          ok: false,
          code: 'script-symlink-out',
          message: `script.file ${file} links out of the repo`,
        };
      }
      done.pop();
      continue;
    }
    const candidate = [...done, part].join('/');
    const info = await lookup(candidate);
    switch (info.type) {
      case 'missing':
        return {
          ok: false,
          code: 'script-missing',
          message:
            queue.length === 0 && hops === 0
              ? `script.file ${file} does not exist`
              : `script.file ${file}: ${candidate} does not exist`,
        };
      case 'other':
        return {
          ok: false,
          code: 'script-missing',
          message: `script.file ${file}: ${candidate} is not a regular file`,
        };
      case 'dir':
        if (queue.length === 0) {
          return { ok: false, code: 'script-missing', message: `script.file ${file} is a directory` };
        }
        done.push(part);
        break;
      case 'file':
        if (queue.length > 0) {
          return {
            ok: false,
            code: 'script-missing',
            message: `script.file ${file}: ${candidate} is a file, not a directory`,
          };
        }
        return { ok: true, path: candidate };
      case 'symlink': {
        hops++;
        if (hops > MAX_LINK_HOPS) {
          return {
            ok: false,
            code: 'script-missing',
            message: `script.file ${file}: too many symbolic links`,
          };
        }
        if (info.target.startsWith('/')) {
          return {
            ok: false,
            code: 'script-symlink-out',
            message: `script.file ${file}: ${candidate} links to ${info.target}, outside the repo`,
          };
        }
        queue.unshift(...info.target.split('/'));
        break;
      }
    }
  }
  return { ok: false, code: 'script-missing', message: `script.file ${file} does not name a file` };
}
