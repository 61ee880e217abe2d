// checkNarrativeXhtml over real narratives: every UK Core one and every one in HL7's R4 examples must pass.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, ukcoreIgPath } from '../../src/util/shared-data.js';
import { checkNarrativeXhtml } from '../../src/validate/xhtml/index.js';
import { divsInJson, divsInXml } from './support/narratives.js';



describe.runIf(hasSharedData())('UK Core narratives', () => {
  it('all pass', () => {
    const failures: string[] = [];
    let count = 0;
    for (const folder of ['examples', 'structuredefinitions', 'valuesets', 'codesystems', 'CapabilityStatement']) {
      const dir = path.join(ukcoreIgPath(), folder);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
        for (const div of divsInXml(readFileSync(path.join(dir, file), 'utf8'))) {
          count++;
          const found = checkNarrativeXhtml(div);
          if (found.length > 0) failures.push(`${folder}/${file}: ${JSON.stringify(found)}`);
        }
      }
    }
    expect(count).toBeGreaterThan(150);
    expect(failures).toEqual([]);
  });
});

describe('HL7 R4 example narratives (npm hl7.fhir.r4.examples)', () => {
  // Genuinely empty narratives in the published R4 examples: `<div xmlns="...">\n    </div>`, or an empty <pre>.
  const KNOWN_EMPTY = [
    'ActivityDefinition-blood-tubes-supply.json',
    'ActivityDefinition-heart-valve-replacement.json',
    'EventDefinition-example.json',
    'Questionnaire-zika-virus-exposure-assessment.json',
  ];

  it('all pass, except the known empty ones', () => {
    const dir = path.dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
    const failures = new Map<string, string[]>();
    let count = 0;
    for (const file of readdirSync(dir).filter((f) => /^[A-Z].*\.json$/.test(f))) {
      for (const div of divsInJson(JSON.parse(readFileSync(path.join(dir, file), 'utf8')))) {
        count++;
        for (const p of checkNarrativeXhtml(div)) failures.set(file, [...(failures.get(file) ?? []), p.messageId]);
      }
    }
    expect(count).toBeGreaterThan(6000);
    expect(Object.fromEntries(failures)).toEqual(
      Object.fromEntries(KNOWN_EMPTY.map((file) => [file, ['xhtmlEmpty']])),
    );
  });
});
