// search/identifier-forms: Patient identifier token forms (https://hl7.org/fhir/R4/search.html#token): `value`
// alone finds the patient whatever the system (UK Core Access: MAY), and `|value` matches only identifiers that have
// no system, so it must not return a patient whose matching identifier has one.
import { GENERAL_REQUIREMENTS as G } from '../../requirements/general.js';
import { defineProbe, type Probe, type ProbeContext } from '../define-probe.js';
import { matchesParam } from '../fhir/match.js';
import { collectSearch } from '../fhir/search-checks.js';
import { searchParamDef } from '../fhir/search-params.js';
import { searchRule } from '../rules/search.js';
import type { Json } from '../session.js';
import type { ProbeBuild } from '../build.js';

export function identifierFormsProbe(_build: ProbeBuild): Probe {
  return defineProbe({
    meta: {
      id: 'search/identifier-forms',
      title: 'Patient identifier search accepts value and |value token forms with their R4 meaning',
      requirementIds: [G.identifierValueSearch.id],
      optional: true,
      after: ['capability/metadata', 'discovery/patient'],
    },
    async run(ctx: ProbeContext) {
      const patient = ctx.session.patient;
      if (!patient) ctx.skip('no patient was discovered: pass --patient-id or --nhs-number');
      const ids = (Array.isArray(patient.identifier) ? patient.identifier : []) as Json[];
      const withSystem = ids.find((i) => typeof i.system === 'string' && typeof i.value === 'string');
      if (!withSystem) ctx.skip('the test patient has no identifier with a system and value');
      const value = withSystem.value as string;
      const def = searchParamDef('Patient', 'identifier')!;
      const maxPages = ctx.session.options.maxPages;

      const byValue = await collectSearch(ctx, 'Patient', `Patient?identifier=${encodeURIComponent(value)}`, maxPages);
      for (const m of byValue.matches) {
        if (!matchesParam(m.resource, def, value)) {
          ctx.report(searchRule.issue({ messageId: 'notMatching', data: { resource: `Patient/${String(m.resource.id)}`, param: 'identifier', value }, location: { source: m.source, expression: m.expression }, exchangeId: m.exchangeId }));
        }
      }
      if (byValue.complete && !byValue.matches.some((m) => m.resource.id === patient.id)) {
        ctx.report(searchRule.issue({ messageId: 'missingMatch', data: { resource: `Patient/${String(patient.id)}`, query: `identifier=${value}` }, location: { source: byValue.pages[0].source }, exchangeId: byValue.pages[0].exchangeId }));
      }

      const noSystem = await collectSearch(ctx, 'Patient', `Patient?identifier=${encodeURIComponent(`|${value}`)}`, maxPages);
      for (const m of noSystem.matches) {
        if (!matchesParam(m.resource, def, `|${value}`)) {
          ctx.report(searchRule.issue({ messageId: 'noSystemMatched', data: { resource: `Patient/${String(m.resource.id)}`, value }, location: { source: m.source, expression: m.expression }, exchangeId: m.exchangeId }));
        }
      }
    },
  });
}
