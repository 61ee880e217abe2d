// Parses Retry-After (delta-seconds or HTTP-date, RFC 9110 §10.2.3) into a bounded delay in milliseconds.

export function retryAfterMs(value: string | undefined, now: number, capMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number | undefined;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (!Number.isNaN(at)) ms = Math.max(0, at - now);
  }
  return ms === undefined ? undefined : Math.min(ms, capMs);
}
