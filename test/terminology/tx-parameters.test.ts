// $validate-code Parameters in and out: request shapes for both forms, and the answer shapes servers send.
import { describe, expect, it } from 'vitest';
import { parseValidateCodeResponse, validateCodeParameters } from '../../src/terminology/tx-parameters.js';

const SCT = 'http://snomed.info/sct';
const params = (...p: Array<Record<string, unknown>>) => ({ resourceType: 'Parameters', parameter: p });
const issues = (...codes: string[]) => ({
  name: 'issues',
  resource: { resourceType: 'OperationOutcome', issue: codes.map((code) => ({ severity: 'error', code: 'code-invalid', details: { coding: [{ system: 'http://hl7.org/fhir/tools/CodeSystem/tx-issue-type', code }] } })) },
});

describe('validateCodeParameters', () => {
  it('ValueSet form with a versioned canonical', () => {
    expect(validateCodeParameters({ system: SCT, version: 'http://snomed.info/sct/83821000000107', code: '22298006', display: 'MI', valueSet: 'http://vs|2.0' }, 'ValueSet')).toEqual(
      params(
        { name: 'url', valueUri: 'http://vs' },
        { name: 'valueSetVersion', valueString: '2.0' },
        { name: 'code', valueCode: '22298006' },
        { name: 'system', valueUri: SCT },
        { name: 'systemVersion', valueString: 'http://snomed.info/sct/83821000000107' },
        { name: 'display', valueString: 'MI' },
      ),
    );
  });

  it('ValueSet form with the value set inline', () => {
    const vs = { resourceType: 'ValueSet', url: 'http://vs' };
    expect(validateCodeParameters({ code: 'x', valueSet: 'http://vs' }, 'ValueSet', vs).parameter).toEqual([{ name: 'valueSet', resource: vs }, { name: 'code', valueCode: 'x' }]);
  });

  it('CodeSystem form', () => {
    expect(validateCodeParameters({ system: SCT, code: '22298006' }, 'CodeSystem')).toEqual(params({ name: 'url', valueUri: SCT }, { name: 'code', valueCode: '22298006' }));
  });
});

describe('parseValidateCodeResponse', () => {
  const req = { system: SCT, code: '22298006', valueSet: 'http://vs' };
  it.each([
    ['valid', params({ name: 'result', valueBoolean: true }, { name: 'display', valueString: 'Myocardial infarction' }), { outcome: 'valid', display: 'Myocardial infarction' }],
    ['not in the value set (coded)', params({ name: 'result', valueBoolean: false }, issues('not-in-vs')), { outcome: 'invalid', reason: 'not-in-valueset' }],
    ['unknown code (coded)', params({ name: 'result', valueBoolean: false }, issues('invalid-code', 'not-in-vs')), { outcome: 'invalid', reason: 'unknown-code' }],
    ['unknown system (coded)', params({ name: 'result', valueBoolean: false }, issues('not-found')), { outcome: 'not-verified', reason: 'unknown-system' }],
    ['unknown code (message only)', params({ name: 'result', valueBoolean: false }, { name: 'message', valueString: "Unknown code '1' in the CodeSystem 'http://snomed.info/sct'" }), { outcome: 'invalid', reason: 'unknown-code' }],
    ['unknown system (message only)', params({ name: 'result', valueBoolean: false }, { name: 'message', valueString: 'Unknown Code System http://x' }), { outcome: 'not-verified', reason: 'unknown-system' }],
    ['false without detail (ValueSet form)', params({ name: 'result', valueBoolean: false }), { outcome: 'invalid', reason: 'not-in-valueset' }],
  ])('%s', (_name, body, expected) => {
    expect(parseValidateCodeResponse(body, 'ValueSet', req)).toMatchObject(expected);
  });

  it('false without detail in the CodeSystem form is an unknown code', () => {
    expect(parseValidateCodeResponse(params({ name: 'result', valueBoolean: false }), 'CodeSystem', { system: SCT, code: '1' })).toMatchObject({ outcome: 'invalid', reason: 'unknown-code' });
  });

  it.each([
    ['result true with an invalid-display issue', params({ name: 'result', valueBoolean: true }, issues('invalid-display'))],
    ['result false with only an invalid-display issue', params({ name: 'result', valueBoolean: false }, issues('invalid-display'), { name: 'display', valueString: 'Myocardial infarction' })],
    ['result true with a wrong-display message', params({ name: 'result', valueBoolean: true }, { name: 'message', valueString: "Wrong Display Name 'x' for http://snomed.info/sct#22298006" })],
  ])('a wrong display alone is valid with a mismatch: %s', (_name, body) => {
    expect(parseValidateCodeResponse(body, 'ValueSet', { ...req, display: 'x' })).toMatchObject({ outcome: 'valid', displayMismatch: true });
  });

  it.each([
    ['not Parameters', { resourceType: 'OperationOutcome' }],
    ['no result', params({ name: 'message', valueString: 'hi' })],
    ['result not boolean', params({ name: 'result', valueString: 'true' })],
    ['null', null],
  ])('rejects a malformed answer: %s', (_name, body) => {
    expect(parseValidateCodeResponse(body, 'ValueSet', req)).toBeUndefined();
  });
});
