// The only fields allowed to differ between two runs over identical inputs: timestamps and durations.
import type { Report } from '../model/report.js';

/** Documented list of the volatile fields (JSON-pointer-like, `*` for every array item). */
export const VOLATILE_FIELDS = [
  '/startedAt',
  '/finishedAt',
  '/results/*/durationMs',
  '/exchanges/*/startedAt',
  '/exchanges/*/durationMs',
  '/baseline/startedAt',
  '/integrity',
] as const;

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * A copy with every volatile field set to a fixed value and `integrity` removed (it hashes the timestamps).
 * Two runs over identical inputs must give equal normalised reports; tests compare renderings of these.
 */
export function normalizeVolatile(report: Report): Report {
  const { integrity: _integrity, ...rest } = report;
  const out: Report = {
    ...rest,
    startedAt: EPOCH,
    finishedAt: EPOCH,
    results: report.results.map((r) => ({ ...r, durationMs: 0 })),
    exchanges: report.exchanges.map((x) => ({ ...x, startedAt: EPOCH, durationMs: 0 })),
  };
  if (report.baseline) out.baseline = { ...report.baseline, startedAt: EPOCH };
  return out;
}
