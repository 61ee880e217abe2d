// Decides whether to colour output: --color/--no-color, then NO_COLOR, FORCE_COLOR, TERM=dumb, then the TTY.
export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag !== undefined) return flag;
  if (process.env.NO_COLOR) return false; // https://no-color.org: any non-empty value
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  if (process.env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}
