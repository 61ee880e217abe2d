// Removes secrets from the command line before it is written into a report.
const SECRET_OPTIONS = new Set(['--bearer-token', '--client-secret', '--token', '--password', '-H', '--header']);

export function redactArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const name = eq === -1 ? a : a.slice(0, eq);
    if (SECRET_OPTIONS.has(name)) {
      if (eq !== -1) out.push(`${name}=[redacted]`);
      else {
        out.push(a);
        if (i + 1 < argv.length) {
          const next = argv[++i]!;
          // Header values are kept by name only: `Authorization: [redacted]`.
          out.push(name === '-H' || name === '--header' ? `${next.split(':')[0]}: [redacted]` : '[redacted]');
        }
      }
    } else {
      out.push(a);
    }
  }
  return out;
}
