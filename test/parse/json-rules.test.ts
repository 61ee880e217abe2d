// parse/json-syntax and parse/json-duplicate-key as the validator reports them for a file (https://hl7.org/fhir/R4/json.html).
import { fixtureText, lineOf, ruleTester } from '../support/rule-tester.js';

const SYNTAX = 'parse/json-syntax';
const DUP = 'parse/json-duplicate-key';
const patientText = fixtureText('patient');
const TWICE = '{"resourceType": "Patient", "text": {"status": "empty", "div": "<div xmlns=\\"http://www.w3.org/1999/xhtml\\">x</div>"}, "resourceType": "Patient"}';

ruleTester.run('parse/json-syntax', {
  valid: [
    { name: 'pretty-printed fixture', text: patientText },
    { name: 'CRLF line ends', text: patientText.replace(/\n/g, '\r\n') },
    { name: 'byte order mark', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(patientText)]) },
    { name: 'minified', text: JSON.stringify(JSON.parse(patientText)) },
  ],
  invalid: [
    { name: 'unexpectedToken: trailing comma', text: patientText.replace('"active": true,', '"active": true,,'),
      errors: [{ ruleId: SYNTAX, messageId: 'unexpectedToken', expression: undefined, line: lineOf(patientText, '"active"'), column: 18 }] },
    { name: 'unexpectedToken: a bare word', text: '{\n  "resourceType": "Patient",\n  "active": yes\n}',
      errors: [{ ruleId: SYNTAX, messageId: 'unexpectedToken', expression: undefined, line: 3, column: 13 }] },
    { name: 'unexpectedEnd: truncated file', text: patientText.slice(0, patientText.indexOf('"gender"')),
      errors: [{ ruleId: SYNTAX, messageId: 'unexpectedEnd', expression: undefined, line: lineOf(patientText, '"gender"'), column: 3 }] },
    { name: 'trailingContent: two resources in one .json file', text: '{"resourceType": "Patient"}\n{"resourceType": "Patient"}',
      errors: [{ ruleId: SYNTAX, messageId: 'trailingContent', expression: undefined, line: 2, column: 1 }] },
    { name: 'badString: invalid escape', text: '{\n  "resourceType": "Patient",\n  "id": "a\\qb"\n}',
      errors: [{ ruleId: SYNTAX, messageId: 'badString', expression: undefined, line: 3, column: 11 }] },
    { name: 'badString: raw control character', text: '{\n  "resourceType": "Patient",\n  "id": "a\u0001b"\n}',
      errors: [{ ruleId: SYNTAX, messageId: 'badString', expression: undefined, line: 3, column: 11 }] },
    { name: 'tooDeep: 1200 nested arrays in an extension', text: `{"resourceType":"Patient","extension":${'['.repeat(1200)}${']'.repeat(1200)}}`,
      // `{` is level 1 and the first `[` (column 39) level 2, so level 1001 is the `[` at column 1038.
      errors: [{ ruleId: SYNTAX, messageId: 'tooDeep', expression: undefined, line: 1, column: 1038, severity: 'fatal' }] },
  ],
});

ruleTester.run('parse/json-duplicate-key', {
  invalid: [
    { name: 'duplicateKey at the root', text: '{\n  "resourceType": "Patient",\n  "active": true,\n  "active": false\n}',
      // JSON-level findings carry a JSON path relative to the document, not a FHIRPath with the resource type.
      errors: [{ ruleId: DUP, messageId: 'duplicateKey', expression: 'Patient.active', line: 4, column: 3 }] },
    { name: 'duplicateKey in an array item', text: patientText.replace('"family": "Smith",', '"family": "Smith",\n      "family": "Smyth",'),
      errors: [{ ruleId: DUP, messageId: 'duplicateKey', expression: 'Patient.name[0].family', line: lineOf(patientText, '"family": "Smith"') + 1, column: 7 }] },
    { name: 'duplicateKey: resourceType twice', text: TWICE,
      errors: [{ ruleId: DUP, messageId: 'duplicateKey', expression: 'resourceType', line: 1, column: TWICE.lastIndexOf('"resourceType"') + 1 }] },
  ],
});
