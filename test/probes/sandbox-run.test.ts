// End to end against the reference supplier server on loopback: a clean run passes every SHALL check, and each
// fault turns exactly its matching checks red. No write is ever sent.
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { probeServer, type ProbeServerOptions } from '../../src/probes/probe-server.js';
import { planRequirements } from '../../src/requirements/plan-requirements.js';
import { DEFAULT_PLANS } from '../../src/requirements/ukcore-access.js';
import { FAULT_NAMES, type SandboxFault } from '../../src/sandbox/faults.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';
import { fakeValidator } from './fake-validator.js';

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const s = await startSandbox(opts);
  open.push(s);
  return s;
}

async function probe(s: Sandbox, opts: Partial<ProbeServerOptions> = {}): Promise<Report> {
  return probeServer({ baseUrl: s.url, validate: fakeValidator().validate, allowHttp: true, timeoutMs: 2000, ...opts });
}

const red = (r: Report) => r.results.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => c.checkId).sort();
const methods = (s: Sandbox) => new Set([...s.requests, ...(s.mirror?.requests ?? [])].map((q) => q.method));

describe('probe against the sandbox', () => {
  it('passes every check on a clean server, and every SHALL requirement', async () => {
    const s = await sandbox();
    const validator = fakeValidator();
    const report = await probe(s, { validate: validator.validate });
    expect(red(report)).toEqual([]);
    const notPassed = report.results.filter((c) => c.status !== 'pass').map((c) => [c.checkId, c.status]);
    // Over plain HTTP the transport checks cannot be verified, and with no credentials there is nothing to withhold.
    expect(notPassed).toEqual([
      ['security/https', 'skip'], ['security/tls-version', 'skip'], ['security/certificate', 'skip'], ['security/unauthenticated', 'omit'],
    ]);
    const shallPlanRows = DEFAULT_PLANS.flatMap(planRequirements).filter((r) => r.expectation === 'SHALL').map((r) => r.id);
    const rows = new Map(report.requirements.map((r) => [r.id, r.result]));
    expect(shallPlanRows.filter((id) => rows.get(id) !== 'pass')).toEqual([]);
    expect(report.requirements.filter((r) => r.expectation === 'SHALL' && r.result !== 'pass')).toEqual([]);
    expect(report.summary.verdict).toBe('pass');
    expect(methods(s)).toEqual(new Set(['GET']));
    expect(report.exchanges.every((e) => e.method === 'GET')).toBe(true);
    // Every resource type served was validated, and must-support coverage was totalled.
    expect(new Set(validator.calls.map((c) => c.resourceType))).toEqual(new Set([
      'CapabilityStatement', 'Patient', 'AllergyIntolerance', 'Immunization', 'MedicationAdministration', 'MedicationDispense',
      'MedicationRequest', 'MedicationStatement',
    ]));
    const patientContent = report.results.find((c) => c.checkId === 'content/conformance/Patient')!;
    expect(patientContent.mustSupport?.[0]).toMatchObject({ profile: 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient' });
    expect(patientContent.mustSupport?.[0].present).toContain('Patient.birthDate');
    expect(report.target).toMatchObject({ baseUrl: s.url, software: 'ukcore-check sandbox 0.1.0' });
    expect(report.target?.capabilityStatementSha256).toMatch(/^[0-9a-f]{64}$/);
    // Every check cites its evidence.
    const ids = new Set(report.exchanges.map((e) => e.id));
    for (const c of report.results) for (const x of c.exchangeIds ?? []) expect(ids.has(x)).toBe(true);
  });

  const table: { fault: SandboxFault; red: string[]; status?: 'error' }[] = [
    {
      fault: 'wrong-content-type',
      red: ['search/combination/MedicationRequest/patient+authoredon', 'search/combination/MedicationRequest/patient+status',
        'search/param/MedicationRequest/_id', 'search/param/MedicationRequest/authoredon', 'search/param/MedicationRequest/patient',
        'search/param/MedicationRequest/status'],
    },
    { fault: 'ignores-search-param', red: ['search/combination/MedicationStatement/patient+status', 'search/param/MedicationStatement/status'] },
    { fault: 'non-conformant-resource', red: ['content/conformance/MedicationRequest'] },
    { fault: 'missing-operation-outcome', red: ['errors/invalid-param-value', 'errors/unknown-id'] },
    { fault: 'broken-paging', red: ['search/paging'] },
    { fault: 'slow', red: ['search/param/MedicationDispense/patient'], status: 'error' },
    { fault: 'server-error', red: ['search/param/Immunization/patient'] },
    { fault: 'redirect-other-origin', red: ['security/redirects'] },
    { fault: 'claims-unmet-profile', red: ['content/conformance/AllergyIntolerance'] },
  ];

  it('covers every fault switch', () => {
    expect(table.map((t) => t.fault).sort()).toEqual([...FAULT_NAMES].sort());
  });

  it.each(table)('$fault turns exactly its checks red', async ({ fault, red: expected, status }) => {
    const s = await sandbox({ faults: [fault], slowMs: 10_000 });
    const report = await probe(s, fault === 'slow' ? { timeoutMs: 300 } : {});
    expect(red(report)).toEqual(expected);
    for (const id of expected) expect(report.results.find((c) => c.checkId === id)!.status).toBe(status ?? 'fail');
    expect(methods(s)).toEqual(new Set(['GET']));
    expect(report.summary.verdict).not.toBe('pass');
  });

  it('reports the issues each fault produces with stable ids (faults combined)', async () => {
    const cases: [SandboxFault, string, string][] = [
      ['wrong-content-type', 'search/param/MedicationRequest/patient', 'probe/response:wrongContentType'],
      ['ignores-search-param', 'search/param/MedicationStatement/status', 'probe/search:notMatching'],
      ['non-conformant-resource', 'content/conformance/MedicationRequest', 'structure/cardinality:tooFew'],
      ['claims-unmet-profile', 'content/conformance/AllergyIntolerance', 'profile/cardinality:tooFew'],
      ['missing-operation-outcome', 'errors/unknown-id', 'probe/response:noOperationOutcome'],
      ['broken-paging', 'search/paging', 'probe/search:pagingDuplicate'],
      ['server-error', 'search/param/Immunization/patient', 'probe/response:unexpectedStatus'],
    ];
    const s = await sandbox({ faults: cases.map(([f]) => f) });
    const report = await probe(s);
    for (const [, checkId, id] of cases) {
      const check = report.results.find((c) => c.checkId === checkId)!;
      expect(check.issues.map((i) => `${i.ruleId}:${i.messageId}`), checkId).toContain(id);
    }
    const notMatching = report.results.find((c) => c.checkId === 'search/param/MedicationStatement/status')!.issues[0];
    expect(notMatching.location.expression).toMatch(/^Bundle\.entry\[\d+\]\.resource$/);
    expect(notMatching.exchangeId).toBeDefined();
  });
});
