// Report digest and id: sha256 over the canonical JSON of the report without its `integrity` block.
import { createHash } from 'node:crypto';
import type { Report } from '../model/report.js';
import { canonicalJson } from './canonical-json.js';

/** The exact bytes that the digest and the signature cover. */
export function signedBytes(report: Report): Buffer {
  const { integrity: _integrity, ...body } = report;
  return Buffer.from(canonicalJson(body), 'utf8');
}

/** Lower-case hex sha256 of `signedBytes(report)`. */
export function reportDigest(report: Report): string {
  return createHash('sha256').update(signedBytes(report)).digest('hex');
}

/** Returns a copy of the report with `integrity = {algorithm, digest}` (any earlier signature is dropped). */
export function withDigest(report: Report): Report {
  return { ...report, integrity: { algorithm: 'sha256', digest: reportDigest(report) } };
}

/**
 * The report id printed on every page: `UKC-` + the first 16 hex digits of the digest. It is derived from the
 * content, so it needs no counter and two different reports cannot share it by accident.
 */
export function reportId(report: Report): string {
  const digest = report.integrity?.digest ?? reportDigest(report);
  return `UKC-${digest.slice(0, 16).toUpperCase()}`;
}
