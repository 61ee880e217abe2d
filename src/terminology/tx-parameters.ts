// Builds $validate-code input Parameters and reads the output Parameters, per
// https://hl7.org/fhir/R4/valueset-operation-validate-code.html and https://hl7.org/fhir/R4/codesystem-operation-validate-code.html
import { displayMatches } from './display.js';
import type { CodeCheck, CodeCheckReason, ValidateCodeRequest } from './service.js';
import { splitVersion } from './value-set-engine.js';

export type ValidateCodeForm = 'ValueSet' | 'CodeSystem';

/** Input Parameters; `valueSetResource` sends the value set inline for servers that do not know its canonical. */
export function validateCodeParameters(req: ValidateCodeRequest, form: ValidateCodeForm, valueSetResource?: Record<string, unknown>): Record<string, unknown> {
  const p: Array<Record<string, unknown>> = [];
  const str = (name: string, value: string | undefined, type = 'valueString'): void => {
    if (value !== undefined) p.push({ name, [type]: value });
  };
  if (form === 'ValueSet') {
    if (valueSetResource) p.push({ name: 'valueSet', resource: valueSetResource });
    else {
      const [url, version] = splitVersion(req.valueSet ?? '');
      str('url', url, 'valueUri');
      str('valueSetVersion', version);
    }
    str('code', req.code, 'valueCode');
    str('system', req.system, 'valueUri');
    str('systemVersion', req.version);
  } else {
    str('url', req.system, 'valueUri');
    str('version', req.version);
    str('code', req.code, 'valueCode');
  }
  str('display', req.display);
  return { resourceType: 'Parameters', parameter: p };
}

/** Reads $validate-code output; undefined when the body is not a usable Parameters resource. */
export function parseValidateCodeResponse(body: unknown, form: ValidateCodeForm, req: ValidateCodeRequest): CodeCheck | undefined {
  if (!body || typeof body !== 'object' || (body as any).resourceType !== 'Parameters' || !Array.isArray((body as any).parameter)) return undefined;
  const params = (body as any).parameter as Array<Record<string, any>>;
  const get = (name: string): Record<string, any> | undefined => params.find((x) => x && x.name === name);
  const result = get('result')?.valueBoolean;
  if (typeof result !== 'boolean') return undefined;
  const message = get('message')?.valueString as string | undefined;
  const display = get('display')?.valueString as string | undefined;
  const issueCodes = txIssueCodes(get('issues')?.resource);
  const base: Partial<CodeCheck> = {
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof display === 'string' ? { display } : {}),
    ...(req.valueSet ? { valueSet: req.valueSet } : {}),
    ...(req.system ? { system: req.system } : {}),
  };
  const displayOnly = issueCodes.size > 0 && [...issueCodes].every((c) => c === 'invalid-display');
  const displayFlag = issueCodes.has('invalid-display') || (typeof message === 'string' && /\bdisplay\b/i.test(message) && /wrong|invalid|not (a )?valid|does not match/i.test(message));
  if (result || displayOnly) {
    // Servers differ on whether a wrong display fails the check; a wrong display alone is reported, not failed.
    const mismatch = req.display !== undefined && (displayFlag || (displayOnly && display !== undefined && !displayMatches(req.display, [display])));
    return { ...base, outcome: 'valid', ...(mismatch ? { displayMismatch: true } : {}) };
  }
  const reason = classifyFailure(issueCodes, message, form);
  if (reason === 'unknown-system') return { ...base, outcome: 'not-verified', reason };
  return { ...base, outcome: 'invalid', reason };
}

/** Codes of tx-issue-type (http://hl7.org/fhir/tools/CodeSystem/tx-issue-type) in the `issues` OperationOutcome. */
function txIssueCodes(oo: any): Set<string> {
  const out = new Set<string>();
  for (const issue of Array.isArray(oo?.issue) ? oo.issue : []) {
    for (const c of Array.isArray(issue?.details?.coding) ? issue.details.coding : []) if (typeof c?.code === 'string') out.add(c.code);
  }
  return out;
}

function classifyFailure(codes: Set<string>, message: string | undefined, form: ValidateCodeForm): CodeCheckReason {
  // Coded issues (current servers) decide; the message text is a fallback for servers that send none.
  if (codes.has('not-found')) return 'unknown-system';
  if (codes.has('invalid-code')) return 'unknown-code';
  if (codes.has('not-in-vs')) return 'not-in-valueset';
  const m = message ?? '';
  if (/unknown code ?system|unable to find code ?system|could not find code ?system|code ?system [^.]*(is unknown|not (be )?found)/i.test(m)) return 'unknown-system';
  if (/unknown code|is not a valid code|not found in (the )?code ?system/i.test(m)) return 'unknown-code';
  return form === 'ValueSet' ? 'not-in-valueset' : 'unknown-code';
}
