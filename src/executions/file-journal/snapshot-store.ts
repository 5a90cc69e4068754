import { loadSnapshot, saveSnapshot, snapshotMatches, snapshotPath } from '../index-snapshot.js';
import type { SegmentName } from '../segment-names.js';
import type { SegmentView } from './segment-view.js';

/**
 * The index snapshot of the file journal (`executions/index/journal-index.bin`): a derived cache that lets an open
 * skip folding old segments. Never trusted when it does not match the segments on disk.
 */
export class SnapshotStore {
  private readonly file: string;

  constructor(
    private readonly view: SegmentView,
    private readonly warn: (message: string) => void,
  ) {
    this.file = snapshotPath(view.dir);
  }

  /** Adopt the snapshot into the view when it matches the listing; returns whether it was damaged (rewrite it). */
  loadInto(listed: readonly SegmentName[]): { damaged: boolean } {
    let damaged = false;
    const snap = loadSnapshot(this.file, (reason) => {
      damaged = true;
      this.warn(
        `journal: the index snapshot executions/index/journal-index.bin is not usable (${reason}); it is not trusted and is rebuilt from the segments`,
      );
    });
    if (snap && snapshotMatches(this.view.dir, snap.meta.segments, listed)) {
      const { view } = this;
      view.index = snap.index;
      view.segs = snap.meta.segments.map((s) => ({
        name: listed.find((l) => l.name === s.name)!,
        bytes: s.bytes,
        ino: s.ino,
        last: s.last,
      }));
      view.headRecord = snap.meta.head;
      view.recordTotal = snap.meta.records;
      view.skipped = snap.meta.skipped;
    }
    return { damaged };
  }

  async save(): Promise<void> {
    const { view } = this;
    try {
      await saveSnapshot(this.file, view.index, {
        segments: view.segs.map((s) => ({ name: s.name.name, bytes: s.bytes, ino: s.ino, last: s.last })),
        head: view.headRecord,
        records: view.recordTotal,
        skipped: view.skipped,
      });
      view.foldedSinceSnapshot = 0;
    } catch {
      // A read-only data dir just means the next open folds the lines again.
    }
  }
}
