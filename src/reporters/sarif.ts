// `sarif`: SARIF 2.1.0 for file validation (code scanning): rule metadata, file/line locations, fingerprints.
// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Issue, Severity } from '../model/issue.js';
import type { Report } from '../model/report.js';
import type { CheckResult } from '../model/result.js';
import { reportId } from '../report/digest.js';
import { issueKey } from '../report/issue-identity.js';
import type { ReporterContext } from './types.js';
import { relativePath, sourceFile } from './util/paths.js';
import { issueLine } from './util/view.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { fatal: 'error', error: 'error', warning: 'warning', information: 'note' };
/** Our fingerprint: sha256 of the same identity the baseline uses (not message text, not line numbers). */
export const FINGERPRINT_KEY = 'ukcoreCheckIdentity/v1';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: object[];
  partialFingerprints: Record<string, string>;
  baselineState?: 'new' | 'unchanged';
  suppressions?: object[];
  properties: Record<string, string>;
}

/**
 * File locations are relative to `ctx.cwd` with uriBaseId %SRCROOT%, as GitHub code scanning expects. Probe
 * runs get no URL locations (code scanning would reject them): their results carry logical locations only.
 * Waived issues are included with an external, accepted suppression carrying the waiver's reason.
 */
export function sarif(report: Report, ctx: ReporterContext): string {
  const cwd = ctx.cwd ?? process.cwd();
  const ruleIds = new Set<string>();
  const pending: { check: CheckResult; issue: Issue; waiver?: number }[] = [];
  for (const check of report.results) {
    for (const issue of check.issues) pending.push({ check, issue });
    if ((check.status === 'fail' || check.status === 'error') && check.issues.length === 0) {
      pending.push({ check, issue: checkIssue(check) });
    }
  }
  for (const w of report.waived ?? []) {
    const check = report.results.find((c) => c.checkId === w.checkId && c.target === w.target) ?? {
      checkId: w.checkId, target: w.target, title: w.checkId, status: 'pass', optional: false, requirementIds: [], issues: [], durationMs: 0,
    };
    pending.push({ check, issue: w.issue, waiver: w.waiver });
  }
  for (const p of pending) ruleIds.add(p.issue.ruleId);
  const rules = [...ruleIds].sort();
  const results: SarifResult[] = pending.map(({ check, issue, waiver }) => {
    const r: SarifResult = {
      ruleId: issue.ruleId,
      ruleIndex: rules.indexOf(issue.ruleId),
      level: LEVEL[issue.severity],
      message: { text: issue.message },
      locations: [location(report, check, issue, cwd)],
      partialFingerprints: { [FINGERPRINT_KEY]: createHash('sha256').update(issueKey(check, issue)).digest('hex') },
      properties: props(check, issue),
    };
    if (issue.baseline) r.baselineState = issue.baseline;
    if (waiver !== undefined) {
      const w = report.waivers?.[waiver];
      r.suppressions = [{ kind: 'external', status: 'accepted', justification: w ? `${w.reason} (owner ${w.owner}, expires ${w.expires})` : 'waived' }];
    }
    return r;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: 'https://www.npmjs.com/package/ukcore-check',
            rules: rules.map((id) => rule(id, ctx)),
          },
        },
        invocations: [
          {
            executionSuccessful: report.summary.verdict !== 'incomplete',
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            arguments: report.command,
          },
        ],
        artifacts: report.inputs.map((f) => {
          const a: Record<string, unknown> = { location: artifactLocation(f.path, cwd) };
          if (f.sha256) a.hashes = { 'sha-256': f.sha256 };
          if (f.bytes !== undefined) a.length = f.bytes;
          return a;
        }),
        results,
        properties: {
          reportId: reportId(report),
          verdict: report.summary.verdict,
          packages: report.packages.map((p) => `${p.id}#${p.version}`),
          ...(report.integrity ? { reportSha256: report.integrity.digest } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function rule(id: string, ctx: ReporterContext) {
  const meta = ctx.rules?.[id];
  const out: Record<string, unknown> = { id, shortDescription: { text: meta?.description ?? id } };
  if (meta) {
    out.helpUri = meta.docsUrl;
    out.defaultConfiguration = { level: LEVEL[meta.defaultSeverity] };
    out.properties = { category: meta.category };
  }
  return out;
}

function location(report: Report, check: CheckResult, issue: Issue, cwd: string): object {
  const logical = issue.location.expression
    ? [{ fullyQualifiedName: issue.location.expression, kind: 'element' }]
    : [{ fullyQualifiedName: check.checkId, kind: 'module' }];
  const file = report.kind === 'validate' ? sourceFile(issue.location.source) ?? sourceFile(check.target) : undefined;
  if (!file) return { logicalLocations: logical };
  const physical: Record<string, unknown> = { artifactLocation: artifactLocation(file, cwd) };
  const line = issueLine(issue, check);
  if (line !== undefined && line >= 1) {
    physical.region = issue.location.column !== undefined && issue.location.line !== undefined
      ? { startLine: line, startColumn: Math.max(1, issue.location.column) }
      : { startLine: line };
  }
  return { physicalLocation: physical, logicalLocations: logical };
}

function props(check: CheckResult, issue: Issue): Record<string, string> {
  const p: Record<string, string> = { messageId: issue.messageId, checkId: check.checkId, target: check.target };
  if (issue.elementId) p.elementId = issue.elementId;
  if (issue.profile) p.profile = issue.profile;
  return p;
}

/** A check that failed without issues still shows up, under its check id. */
function checkIssue(check: CheckResult): Issue {
  return {
    ruleId: check.checkId,
    messageId: check.status,
    message: check.message ?? `${check.title}: ${check.status}`,
    severity: 'error',
    code: check.status === 'error' ? 'exception' : 'processing',
    location: { source: check.target },
  };
}

/** Relative to %SRCROOT% (the checkout) when inside cwd; a file: URI otherwise. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relativePath(file, cwd);
  if (path.isAbsolute(rel)) return { uri: pathToFileURL(rel).href };
  return { uri: rel.split('/').map((seg) => encodeURIComponent(seg)).join('/'), uriBaseId: '%SRCROOT%' };
}
