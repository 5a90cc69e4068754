import fs from 'node:fs';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The median with an even count taken as the mean of the two middle values (`median` takes the upper one). */
export function meanMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** CPU milliseconds used so far by this process and by its waited-for children (Linux /proc), load-independent. */
export function cpuMs(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // fields after "(comm) ": state is [0]; cutime and cstime are fields 16 and 17 of stat, i.e. [13] and [14] here.
    children = ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    children = 0;
  }
  return (own.user + own.system) / 1000 + children;
}
