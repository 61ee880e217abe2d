// discovery/patient: finds the patient the behaviour checks use, from --patient-id, --nhs-number, or a Patient
// search, so every search runs with values from the server's own data.
import type { ProbeBuild } from '../build.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { discoveryRule } from '../rules/discovery.js';
import type { FhirResponse, Json } from '../session.js';
import { NHS_NUMBER_SYSTEM } from '../../rules/ukcore/nhs-number-check-digit.js';


function patientsIn(res: FhirResponse): Json[] {
  if (res.status !== 200 || res.resource?.resourceType !== 'Bundle') return [];
  return ((res.resource.entry as Json[] | undefined) ?? []).map((e) => e?.resource as Json).filter((r) => r?.resourceType === 'Patient');
}

async function find(ctx: ProbeContext): Promise<{ patient?: Json; query: string }> {
  const { patientId, nhsNumber } = ctx.session.options;
  if (patientId) {
    const query = `Patient?_id=${encodeURIComponent(patientId)}`;
    const found = patientsIn(await ctx.get(query))[0];
    if (found) return { patient: found, query };
    // _id search is only SHOULD: fall back to a read.
    const read = await ctx.get(`Patient/${encodeURIComponent(patientId)}`);
    return { patient: read.status === 200 && read.resource?.resourceType === 'Patient' ? read.resource : undefined, query };
  }
  if (nhsNumber) {
    const query = `Patient?identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${nhsNumber}`)}`;
    return { patient: patientsIn(await ctx.get(query))[0], query };
  }
  const query = 'Patient?_count=10';
  return { patient: patientsIn(await ctx.get(query))[0], query };
}

export function discoveryPatientProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'discovery/patient',
      title: 'Find a patient in the server\'s data to test with',
      requirementIds: [],
      optional: true,
      after: ['capability/metadata'],
    },
    async run(ctx: ProbeContext) {
      const { patient, query } = await find(ctx);
      if (!patient || typeof patient.id !== 'string') {
        ctx.report(discoveryRule.issue({ messageId: 'patientNotFound', data: { query }, location: { source: `GET ${ctx.session.resolve(query)}` } }));
        ctx.skip(`no patient found with ${query}: pass --patient-id or --nhs-number of a test patient`);
      }
      ctx.session.patient = patient;
      ctx.session.patientQuery = `Patient?_id=${encodeURIComponent(patient.id as string)}`;
      ctx.setTarget(ctx.session.resolve(`Patient/${patient.id as string}`));
      ctx.note(`testing with Patient/${patient.id as string}`);
    },
  });
}
