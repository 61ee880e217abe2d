// Minimal glob matching for waiver targets and expressions (no dependency; only `*`, `**` and `?` are special).

/**
 * Path glob: `**` matches across `/`, `*` and `?` stay within one segment. Backslashes in the subject are
 * treated as `/` so waiver files work on Windows paths too.
 */
export function matchPathGlob(glob: string, subject: string): boolean {
  return toRegExp(glob, '[^/]').test(subject.replace(/\\/g, '/'));
}

/** Expression glob: `*` matches any run of characters (FHIRPath has no `/` to stop at). */
export function matchTextGlob(glob: string, subject: string): boolean {
  return toRegExp(glob.replace(/\*\*/g, '*'), '.').test(subject);
}

function toRegExp(glob: string, one: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      // `**/` also matches zero segments.
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (ch === '*') re += `${one}*`;
    else if (ch === '?') re += one;
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}
