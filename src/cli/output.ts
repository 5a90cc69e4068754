/** Where a command writes: stdout for its result (one JSON document with --json), stderr for everything else. */
export interface Output {
  json(value: unknown): void;
  line(text?: string): void;
  info(text: string): void;
  /** The height of the terminal stdout is, or null when stdout is not a terminal (piped, redirected). */
  terminalRows(): number | null;
}

/** What an Output writes to: a stream, or a writer straight to a file descriptor (fd-writer.ts). */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  rows?: number;
}

export function createOutput(stdout: OutputStream, stderr: OutputStream): Output {
  return {
    json: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    line: (text = '') => void stdout.write(`${text}\n`),
    info: (text) => void stderr.write(`${text}\n`),
    terminalRows: () => (stdout.isTTY === true ? stdout.rows || 24 : null),
  };
}

/** Render rows as an aligned text table; the first row is the header. */
export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
