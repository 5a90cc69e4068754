/** The port of an object store the export writes to (S3 or any S3-compatible store; a map in memory for tests). */
export interface ObjectStore {
  /** Where the objects go, for messages (`s3://bucket/prefix`). */
  readonly location: string;
  /** An object's bytes, or null when it does not exist. `key` is relative to the export's prefix. */
  get(key: string): Promise<Buffer | null>;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Every key under the prefix (relative to it). */
  list(): Promise<string[]>;
}
