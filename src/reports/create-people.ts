/** How people appear in a report: their email, or a stable pseudonym everywhere with `--pseudonymize`. */
export interface People {
  /** The display form of a user (an email, or a stored pseudonym the vault no longer resolves). */
  person(email: string): string;
  /** Free text (commit messages, changed values) with every email and known name replaced when pseudonymizing. */
  scrub(text: string): string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * People for a report. `pseudonymize` maps an email to its pseudonym (stable across runs: the edge keys it with a
 * secret kept in the data dir); `names` maps known display names (git authors) to their email so names written in
 * commit messages are replaced too.
 */
export function createPeople(
  pseudonymize: ((email: string) => string) | null,
  names: ReadonlyMap<string, string>,
): People {
  if (!pseudonymize) return { person: (email) => email, scrub: (text) => text };
  const cache = new Map<string, string>();
  const person = (email: string): string => {
    const key = email.toLowerCase();
    let p = cache.get(key);
    if (p === undefined) cache.set(key, (p = pseudonymize(key)));
    return p;
  };
  // Longest names first so "Ann Lee" is replaced before "Ann".
  const known = [...names.entries()]
    .filter(([name]) => name.trim().length >= 3)
    .sort(([a], [b]) => b.length - a.length || (a < b ? -1 : 1));
  return {
    person,
    scrub(text) {
      let out = text.replace(EMAIL, (m) => person(m));
      for (const [name, email] of known) {
        if (out.includes(name)) out = out.split(name).join(person(email));
      }
      return out;
    },
  };
}
