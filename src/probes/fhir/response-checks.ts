// Assertions every check makes about a response: status, the FHIR JSON mime type, and the resource it carries.
import type { ProbeContext } from '../define-probe.js';
import { responseRule } from '../rules/response.js';
import type { FhirResponse, Json } from '../session.js';

/** https://hl7.org/fhir/R4/http.html#mime-type: application/fhir+json; plain application/json is tolerated with a warning. */
export function checkContentType(ctx: ProbeContext, res: FhirResponse): void {
  const contentType = res.contentType ?? '(none)';
  if (res.contentType === 'application/fhir+json') return;
  const location = { source: res.source };
  if (res.contentType === 'application/json') {
    ctx.report(responseRule.issue({ messageId: 'genericJsonType', data: { contentType }, location, severity: 'warning', exchangeId: res.exchangeId }));
  } else {
    ctx.report(responseRule.issue({ messageId: 'wrongContentType', data: { contentType }, location, exchangeId: res.exchangeId }));
  }
}

/** Ends the check as fail unless the status is one of `expected`. */
export function expectStatus(ctx: ProbeContext, res: FhirResponse, ...expected: number[]): void {
  if (expected.includes(res.status)) return;
  ctx.fail(responseRule.issue({
    messageId: 'unexpectedStatus', data: { expected: expected.join(' or '), status: res.status },
    location: { source: res.source }, exchangeId: res.exchangeId,
  }));
}

/** Ends the check as fail unless the body is a `type` resource; returns it. */
export function expectResource(ctx: ProbeContext, res: FhirResponse, type: string): Json {
  if (!res.resource) {
    ctx.fail(responseRule.issue({ messageId: 'notJson', location: { source: res.source }, exchangeId: res.exchangeId }));
  }
  if (res.resource.resourceType !== type) {
    ctx.fail(responseRule.issue({
      messageId: 'wrongResourceType', data: { expected: type, found: String(res.resource.resourceType ?? 'no resourceType') },
      location: { source: res.source, expression: 'resourceType' }, exchangeId: res.exchangeId,
    }));
  }
  return res.resource;
}

/** True when the body is an OperationOutcome (what FHIR servers should send with errors). */
export function hasOperationOutcome(res: FhirResponse): boolean {
  return res.resource?.resourceType === 'OperationOutcome';
}

/** Reports a missing OperationOutcome on an error response (https://hl7.org/fhir/R4/search.html#errors). */
export function checkErrorOutcome(ctx: ProbeContext, res: FhirResponse): void {
  if (!hasOperationOutcome(res)) {
    ctx.report(responseRule.issue({ messageId: 'noOperationOutcome', data: { status: res.status }, location: { source: res.source }, exchangeId: res.exchangeId }));
  }
}
