import { closeSync, fchmodSync, fstatSync, fsyncSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { fsyncDir } from '../../state/durable-write.js';
import { needsRollover, nextSegmentName, sortSegments } from '../segment-names.js';
import type { SegmentView } from './segment-view.js';

const SEALED_MODE = 0o400;
const ACTIVE_MODE = 0o600;

/**
 * The active segment of the file journal, open for appending: the last one, or a new one once it is sealed, full or
 * from an earlier month (rollover). A sealed segment is read-only (mode 0400), which tells other writers to move on.
 */
export class SegmentRollover {
  fd: { seg: number; fd: number } | null = null;

  constructor(
    private readonly view: SegmentView,
    private readonly maxSegmentBytes: number,
    private readonly now: () => Date,
  ) {}

  /** The segment number to append to, with `fd` open on it. Called with the journal lock held. */
  active(): number {
    const { view } = this;
    let last = view.segs.length - 1;
    if (last >= 0 && (!this.fd || this.fd.seg !== last)) {
      this.close();
      const file = view.fileOf(last);
      if ((statSync(file).mode & 0o200) !== 0) this.fd = { seg: last, fd: openSync(file, 'a') };
    }
    const active = last >= 0 ? view.segs[last]! : null;
    const full =
      active !== null && needsRollover(active.name, active.bytes, this.now(), this.maxSegmentBytes);
    if (active && this.fd && !full) return last;
    if (active && this.fd) {
      // Seal first: another writer that still has it open sees the mode change and looks for the new segment.
      fchmodSync(this.fd.fd, SEALED_MODE);
      fsyncSync(this.fd.fd);
      this.close();
    }
    const name = nextSegmentName(active?.name ?? null, this.now());
    const fd = openSync(path.join(view.dir, name), 'ax', ACTIVE_MODE);
    fsyncDir(view.dir);
    view.segs.push({ name: sortSegments([name])[0]!, bytes: 0, ino: fstatSync(fd).ino, last: null });
    last = view.segs.length - 1;
    this.fd = { seg: last, fd };
    return last;
  }

  /**
   * With the lock held, the common case in one fstat: is the open segment still the journal's end (same file, not
   * sealed, nobody appended since)? `gone` when it was unlinked (a purge rewrote the files).
   */
  check(): 'current' | 'gone' | 'unknown' {
    const last = this.view.segs.length - 1;
    if (!this.fd || this.fd.seg !== last) return 'unknown';
    const st = fstatSync(this.fd.fd);
    if (st.nlink === 0) return 'gone';
    return (st.mode & 0o200) !== 0 && st.size === this.view.segs[last]!.bytes ? 'current' : 'unknown';
  }

  /** The size of the last segment, through the append descriptor when it is open on it. */
  lastSize(): number | null {
    const last = this.view.segs.length - 1;
    if (last < 0) return null;
    if (this.fd?.seg === last) return fstatSync(this.fd.fd).size;
    return statSync(this.view.fileOf(last), { throwIfNoEntry: false })?.size ?? null;
  }

  close(): void {
    if (this.fd) closeSync(this.fd.fd);
    this.fd = null;
  }
}
