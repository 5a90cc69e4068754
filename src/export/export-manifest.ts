/** `manifest.json` at the export's prefix (docs/export.md): what was exported, each object's sha256 and chain head. */
export interface ExportManifest {
  format: 1;
  exported_at: string;
  journal: {
    key: string;
    sha256: string;
    bytes: number;
    records: number;
    first_seq: number;
    last_seq: number;
    /** `prev_hash` of the first record: the head of the object before (or the genesis / a retention checkpoint). */
    prev_hash: string;
    /** The chain head this object ends at. */
    head: { seq: number; hash: string };
  }[];
  audit: { key: string; sha256: string; from: number; to: number }[];
  reports: { key: string; sha256: string }[];
}

export const MANIFEST_KEY = 'manifest.json';

export function emptyManifest(): ExportManifest {
  return { format: 1, exported_at: '', journal: [], audit: [], reports: [] };
}
