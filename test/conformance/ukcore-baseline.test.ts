// Issue 6: a baseline run over the UK Core examples, then one new defect: the gate fails on exactly that defect.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, gate } from '../../src/report/index.js';
import { hasSharedData, sharedPath } from '../../src/util/shared-data.js';
import { runValidate } from '../../src/validate/run-validate.js';
import { basePackageSet } from '../support/base-validator.js';

describe.skipIf(!hasSharedData())('baseline gating over the UK Core examples', () => {
  it('fails with exactly the one defect introduced since the baseline', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ukc-baseline-'));
    cpSync(sharedPath('ukcore', 'examples'), dir, { recursive: true });
    const set = basePackageSet();
    const before = (await runValidate({ paths: [dir], packageSet: set })).report;
    // The untouched examples already have known defects: against themselves they gate nothing.
    expect(gate(applyBaseline(before, before)).exitCode).toBe(0);

    const file = path.join(dir, 'UKCore-Patient-RichardSmith-Example.xml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<birthDate value="', '<birthDate value="2019-02-30'));
    const after = (await runValidate({ paths: [dir], packageSet: set })).report;
    const result = gate(applyBaseline(after, before));
    expect(result.exitCode).toBe(1);
    expect(result.issues.map((g) => [path.basename(g.target), g.issue.ruleId, g.issue.messageId, g.issue.location.expression])).toEqual([
      ['UKCore-Patient-RichardSmith-Example.xml', 'structure/primitive-format', 'invalidFormat', 'Patient.birthDate'],
    ]);
  }, 120_000);
});
