import {
  FLAG_COLUMNS,
  NUMBER_COLUMNS,
  REF_COLUMNS,
  Ref,
  type BlockColumns,
  type IdEncoding,
} from './run-block.js';

/** A run cache body that does not hold what its layout says: the cache is folded again, never misread. */
export class DamagedRunCache extends Error {
  constructor(what: string) {
    super(`damaged run cache: ${what}`);
    this.name = 'DamagedRunCache';
  }
}

/**
 * The head of a run cache body (encode-folded-runs.ts): its runs' count, shared strings, target lists and id
 * encoding, and where each column starts in the body (bytes).
 */
export interface BlockHead {
  count: number;
  strings: string[];
  targets: string[][];
  ids: IdEncoding;
  numbersAt: number;
  refsAt: number;
  offsetsAt: number;
  flagsAt: number;
  idsAt: number;
  /** The length of the whole body (the ids run to its end). */
  bodyLength: number;
}

/**
 * The head of a body of `bodyLength` bytes from its first bytes (`head`: at least the u32 length and the JSON section
 * it gives). Throws DamagedRunCache when the head or the lengths it implies do not fit the body.
 */
export function parseBlockHead(head: Buffer, bodyLength: number): BlockHead {
  if (head.length < 4) throw new DamagedRunCache('no head');
  const jsonLength = head.readUInt32LE(0);
  if (4 + jsonLength > head.length || 4 + jsonLength > bodyLength) throw new DamagedRunCache('short head');
  let section: { count: unknown; strings: unknown; targets: unknown; ids: unknown };
  try {
    section = JSON.parse(head.toString('latin1', 4, 4 + jsonLength)) as typeof section;
  } catch {
    throw new DamagedRunCache('head is not JSON');
  }
  const { count, strings, ids } = section;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new DamagedRunCache('count');
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string'))
    throw new DamagedRunCache('strings');
  if (!Array.isArray(section.targets) || (ids !== 'latin1' && ids !== 'utf16le'))
    throw new DamagedRunCache('targets or id encoding');
  const targets = (section.targets as unknown[]).map((list) => {
    if (!Array.isArray(list)) throw new DamagedRunCache('target list');
    return list.map((i) => {
      const s = Number.isInteger(i) ? (strings[i as number] as string | undefined) : undefined;
      if (s === undefined) throw new DamagedRunCache('target');
      return s;
    });
  });
  const numbersAt = pad8(4 + jsonLength);
  const refsAt = numbersAt + 8 * NUMBER_COLUMNS * count;
  const offsetsAt = refsAt + 4 * REF_COLUMNS * count;
  const flagsAt = offsetsAt + 4 * (count + 1);
  const idsAt = flagsAt + FLAG_COLUMNS * count;
  if (idsAt > bodyLength) throw new DamagedRunCache('shorter than its columns');
  return {
    count,
    strings: strings as string[],
    targets,
    ids,
    numbersAt,
    refsAt,
    offsetsAt,
    flagsAt,
    idsAt,
    bodyLength,
  };
}

/**
 * Check `count` rows of columns against the strings and target lists they refer to: every reference in range, none
 * null where a run always has a value (action, status, user, trigger, targets), the id offsets ascending from 0 to the
 * id bytes' length. Throws DamagedRunCache.
 */
export function checkColumns(count: number, columns: BlockColumns, strings: number, targets: number): void {
  const { refs, idOffsets } = columns;
  if (idOffsets[0] !== 0 || idOffsets[count] !== columns.idBytes.length)
    throw new DamagedRunCache('id offsets');
  for (let i = 0; i < count; i++)
    if (idOffsets[i]! > idOffsets[i + 1]!) throw new DamagedRunCache('id offsets');
  for (let c = 0; c < REF_COLUMNS; c++) {
    const limit = c === Ref.Targets ? targets : strings;
    for (let i = c * count, end = (c + 1) * count; i < end; i++) {
      const v = refs[i]!;
      if (v < -1 || v >= limit) throw new DamagedRunCache('reference out of range');
    }
  }
  for (let i = 0; i < 5 * count; i++)
    if (refs[i] === -1) throw new DamagedRunCache('null where a run has a value');
}

export function pad8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
