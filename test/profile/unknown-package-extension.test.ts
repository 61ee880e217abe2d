// An extension URL in a loaded package's namespace that the package does not define is an error (a misspelt or
// invented UK Core extension); a third-party unknown extension stays a warning.
import { describe, expect, it } from 'vitest';
import { loadPackages } from '../../src/packages/load-packages.js';
import { PositionMap } from '../../src/parse/positions.js';
import { hasSharedData, ukcoreIgPath } from '../../src/util/shared-data.js';
import { Validator } from '../../src/validate/validator.js';

describe.skipIf(!hasSharedData())('unknown extensions by namespace', () => {
  it('errors on an undefined UK Core namespace URL and warns on a third-party one', () => {
    const validator = new Validator(loadPackages([ukcoreIgPath()]).defs, { profiles: { ukcoreDefault: false } });
    const value = {
      resourceType: 'Patient', id: 'p', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">x</div>' },
      extension: [
        { url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BirthSex-wrong', valueString: 'x' },
        { url: 'http://example.org/fhir/StructureDefinition/x', valueString: 'y' },
      ],
    };
    const issues = validator.validate({ value, positions: new PositionMap(() => ({ line: 0, column: 0 })), source: 'p.json', format: 'json', issues: [] }, 'p.json')
      .flatMap((r) => r.issues).filter((i) => i.ruleId === 'extension/unknown');
    expect(issues.map((i) => [i.messageId, i.severity, i.location.expression])).toEqual([
      ['unknownPackageExtension', 'error', 'Patient.extension[0]'],
      ['unknownExtension', 'warning', 'Patient.extension[1]'],
    ]);
  });
});
