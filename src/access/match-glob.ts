/**
 * Whether a whole text matches a glob: `*` any run of characters (also none), `?` exactly one, anything else itself.
 * No regular expression: the classic two-pointer walk takes at most O(glob × text) steps whatever the glob, so a role
 * file cannot make matching hang (docs/security.md).
 */
export function matchGlob(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && (glob[g] === '?' || (glob[g] !== '*' && glob[g] === text[t]))) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (star !== -1) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}
