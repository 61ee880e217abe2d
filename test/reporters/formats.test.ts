// Behaviour of individual formats beyond the snapshots: escaping, limits, locations, mappings.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import type { Report } from '../../src/model/report.js';
import { applyBaseline } from '../../src/report/baseline.js';
import { applyRuleSettings } from '../../src/report/rule-settings.js';
import { finalizeReport } from '../../src/report/summarize.js';
import { csv } from '../../src/reporters/csv.js';
import { ANNOTATIONS_PER_LEVEL, escapeData, escapeProperty, github } from '../../src/reporters/github.js';
import { renderHtml } from '../../src/reporters/html/html.js';
import { junit } from '../../src/reporters/junit.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { FINGERPRINT_KEY, sarif } from '../../src/reporters/sarif.js';
import { stylish } from '../../src/reporters/stylish.js';
import { csvField, stripInvalidXml } from '../../src/reporters/util/escape.js';
import { CWD, loadFixture } from './helpers/fixtures.js';

const ctx = { color: false, cwd: CWD };

function manyIssues(counts: Record<Issue['severity'], number>): Report {
  const r = loadFixture('validate-clean');
  const issues: Issue[] = [];
  for (const [severity, n] of Object.entries(counts) as [Issue['severity'], number][]) {
    for (let i = 0; i < n; i++) {
      issues.push({ ruleId: 'r/x', messageId: `m${i}`, message: `${severity} ${i}`, severity, code: 'value', location: { source: 'examples/a.json', line: i + 1, column: 1 } });
    }
  }
  r.results[0].issues = issues;
  return finalizeReport(r);
}

/** Minimal RFC 4180 reader for the tests. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('github', () => {
  it.each([
    ['100% done', '100%25 done'],
    ['a\r\nb', 'a%0D%0Ab'],
    ['bell\u0007', 'bell'],
  ])('escapes data %j', (input, expected) => {
    expect(escapeData(input)).toBe(expected);
  });

  it('escapes : and , in properties', () => {
    expect(escapeProperty('C:\\x,y%')).toBe('C%3A\\x%2Cy%25');
  });

  it('keeps to 10 annotations per level and says how many more exist, within the notice budget', () => {
    const out = github(manyIssues({ fatal: 3, error: 12, warning: 11, information: 20 }), ctx).trim().split('\n');
    const count = (level: string) => out.filter((l) => l.startsWith(`::${level} `)).length;
    expect(count('error')).toBe(ANNOTATIONS_PER_LEVEL);
    expect(count('warning')).toBe(ANNOTATIONS_PER_LEVEL);
    expect(count('notice')).toBe(ANNOTATIONS_PER_LEVEL);
    const more = out.filter((l) => l.includes('more'));
    expect(more).toHaveLength(3);
    expect(more[0]).toContain('5 more error');
    expect(more[1]).toContain('1 more warning');
    expect(more[2]).toContain('13 more notice');
  });

  it('writes file, line and col for files; no file for probe targets', () => {
    const v = github(loadFixture('validate-run'), ctx);
    expect(v).toContain('::error file=examples/patient-bad.json,line=9,col=18,title=ukcore/nhs-number-check-digit/badCheckDigit::');
    const p = github(loadFixture('probe-run'), ctx);
    expect(p).not.toContain('file=');
    expect(p).toContain('::error title=probe/search-expected-match/noMatch::');
  });

  it('with a baseline annotates only new issues', () => {
    const r = applyBaseline(loadFixture('validate-run'), loadFixture('validate-run'));
    expect(github(r, ctx)).toBe('');
  });
});

describe('csv', () => {
  it('one row per requirement for a probe run, RFC 4180 framing', () => {
    const text = csv(loadFixture('probe-run'));
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['id', 'text', 'expectation', 'result', 'evidence', 'source']);
    expect(rows.slice(1).map((r) => `${r[0]}:${r[3]}`)).toEqual([
      'CS-01:pass', 'PAT-READ:pass', 'PAT-SEARCH-ID:fail', 'PAT-SEARCH-NAME:fail', 'OBS-READ:not-tested',
      'ALLERGY-SEARCH:not-tested', 'MED-CREATE:not-applicable', 'PAT-VREAD:not-tested',
    ]);
    expect(rows[3][4]).toContain('ex-3');
  });

  it('one row per check for a validate run; hostile text is quoted and formula-neutralised', () => {
    const rows = parseCsv(csv(loadFixture('validate-run')));
    expect(rows).toHaveLength(1 + loadFixture('validate-run').results.length);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+44 20', "'+44 20"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=x,"y"', `"'=x,""y"""`],
    ['plain', 'plain'],
  ])('csvField(%j) = %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe('junit', () => {
  it('strips characters XML 1.0 forbids', () => {
    expect(stripInvalidXml('a\u0000b\u0008c\u000bd\u001be\ufffef\ud800g\tok\n')).toBe('abcdefg\tok\n');
    expect(junit(loadFixture('validate-run'))).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('makes duplicate test names unique within a suite', () => {
    const r = loadFixture('validate-clean');
    r.results.push({ ...r.results[0] }, { ...r.results[0] });
    const names = [...junit(finalizeReport(r)).matchAll(/<testcase classname="[^"]*" name="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(names).size).toBe(3);
  });

  it('an optional failure is not a JUnit failure; skip and omit are skipped; error is error', () => {
    const v = junit(loadFixture('validate-run'));
    expect(v).toMatch(/name="validate\/best-practice Patient\/good-1 \(optional\)"[^>]*>\s*<system-out>optional check fail/);
    const p = junit(loadFixture('probe-run'));
    expect(p.match(/<skipped /g)).toHaveLength(2);
    expect(p.match(/<error /g)).toHaveLength(1);
    expect(p.match(/<failure /g)).toHaveLength(1);
    expect(p).toMatch(/<testsuites [^>]*failures="1" errors="1" skipped="2"/);
  });
});

describe('sarif', () => {
  it('file results: relative uri, region, stable fingerprint that ignores message text and line', () => {
    const r = loadFixture('validate-run');
    const log = JSON.parse(sarif(r, ctx));
    const res = log.runs[0].results.find((x: any) => x.ruleId === 'ukcore/nhs-number-check-digit');
    expect(res.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'examples/patient-bad.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 18 },
    });
    expect(res.locations[0].logicalLocations[0].fullyQualifiedName).toBe('Patient.identifier[0].value');
    r.results[2].issues[0].message = 'changed';
    r.results[2].issues[0].location.line = 99;
    const again = JSON.parse(sarif(r, ctx)).runs[0].results.find((x: any) => x.ruleId === 'ukcore/nhs-number-check-digit');
    expect(again.partialFingerprints[FINGERPRINT_KEY]).toBe(res.partialFingerprints[FINGERPRINT_KEY]);
    expect(log.runs[0].tool.driver.rules.map((x: any) => x.id)).toContain('ukcore/nhs-number-check-digit');
    expect(res.ruleIndex).toBe(log.runs[0].tool.driver.rules.findIndex((x: any) => x.id === res.ruleId));
  });

  it('probe results carry no URL or physical locations', () => {
    const text = sarif(loadFixture('probe-run'), ctx);
    const log = JSON.parse(text);
    for (const res of log.runs[0].results) {
      expect(res.locations[0].physicalLocation).toBeUndefined();
      expect(JSON.stringify(res.locations)).not.toContain('https://');
    }
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('files outside the working directory get a file: URI', () => {
    const r = loadFixture('validate-clean');
    r.results[0].issues = [{ ruleId: 'r/x', messageId: 'm', message: 'm', severity: 'error', code: 'value', location: { source: '/elsewhere/a b.json', line: 1 } }];
    const res = JSON.parse(sarif(r, ctx)).runs[0].results[0];
    expect(res.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/a%20b.json' });
  });

  it('uses rule metadata when given', () => {
    const log = JSON.parse(sarif(loadFixture('validate-run'), {
      ...ctx,
      rules: { 'ukcore/nhs-number-check-digit': { id: 'ukcore/nhs-number-check-digit', category: 'ukcore', description: 'NHS Number check digit', docsUrl: 'https://example.org/nhs', defaultSeverity: 'error', code: 'value', messages: {} } },
    }));
    const rule = log.runs[0].tool.driver.rules.find((x: any) => x.id === 'ukcore/nhs-number-check-digit');
    expect(rule).toMatchObject({ shortDescription: { text: 'NHS Number check digit' }, helpUri: 'https://example.org/nhs', defaultConfiguration: { level: 'error' } });
  });
});

describe('html', () => {
  it('escapes report content everywhere and links only http(s) sources', () => {
    const r = loadFixture('probe-run');
    r.requirements[0].source = 'javascript:alert(1)';
    r.requirements[0].text = '<img src=x onerror=alert(1)>';
    r.exchanges[0].responseBody = '</script><script>alert(2)</script>';
    r.results[0].title = '"><svg onload=alert(3)>';
    const page = renderHtml(r);
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).toContain('<td class="mono">CS-01</td>');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert(2)');
    expect(page).not.toContain('<svg onload');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('states the decision rule, the digest and the verify command, and ends with the end-of-report marker', () => {
    const page = renderHtml(loadFixture('validate-run'));
    expect(page).toContain('Decision rule.');
    expect(page).toContain('ukcore-check verify');
    expect(page).toMatch(/End of report UKC-[0-9A-F]{16}<\/footer>/);
    expect(page).toContain('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
  });

  it('expandAll opens every expander (for print)', () => {
    const r = loadFixture('probe-run');
    const closed = renderHtml(r);
    const open = renderHtml(r, { expandAll: true });
    const closedTag = /<details\b(?![^>]*\bopen\b)[^>]*>/g;
    expect((closed.match(closedTag) ?? []).length).toBeGreaterThan(0);
    expect((open.match(closedTag) ?? []).length).toBe(0);
  });
});

describe('markdown and stylish', () => {
  it('markdown neutralises pipes, HTML and line breaks in cells', () => {
    const md = renderMarkdown(loadFixture('validate-run'));
    const row = md.split('\n').find((l) => l.includes('notInValueSet'))!;
    expect(row).toContain('&lt;script&gt;');
    expect(row.split(/(?<!\\)\|/).length).toBe(8);
    expect(md).toContain('End of report UKC-');
  });

  it('markdown can cap issue rows', () => {
    const md = renderMarkdown(manyIssues({ fatal: 0, error: 30, warning: 0, information: 0 }), { maxIssueRows: 5 });
    expect(md).toContain('25 more issue(s)');
  });

  it('stylish starts with the first target (no preamble on the console) and prints the verdict last', () => {
    const lines = stylish(loadFixture('validate-run'), ctx).trim().split('\n');
    expect(lines[0]).not.toMatch(/^Decision rule: /);
    expect(lines.at(-1)).toBe('Verdict: FAIL');
  });
});

describe('configuration rule settings in the human-readable formats', () => {
  const report = applyRuleSettings(loadFixture('validate-run'), { 'profile/must-support': 'off', 'structure/cardinality': 'warning' },
    { path: 'ukcore-check.config.json', sha256: 'b'.repeat(64) });

  it('html and markdown list each setting with the issues it changed; stylish counts them', () => {
    const html = renderHtml(report);
    expect(html).toContain('<section id="configuration"><h2>Configuration</h2>');
    expect(html).toMatch(/<td class="mono">profile\/must-support<\/td><td>off \(issues dropped\)<\/td><td class="num">2<\/td>/);
    const md = renderMarkdown(report);
    expect(md).toContain('| structure/cardinality | severity warning | 1 |');
    expect(stylish(report, ctx)).toContain('3 issue(s) changed by the rule settings of ukcore-check.config.json');
  });
});
