// Benchmark: checkNarrativeXhtml() (hand-written tokenizer) against the previous saxes-based one, over every
// narrative div in the HL7 R4 examples. Run: `npx tsx bench/xhtml-narrative.ts [runs]` (default 5 runs).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checkNarrativeXhtml } from '../src/validate/xhtml/index.js';
import { divsInJson } from '../test/validate/support/narratives.js';
import { referenceCheckNarrativeXhtml } from '../test/validate/support/xhtml-reference-saxes.js';

function pass(check: (div: string) => unknown[], divs: readonly string[]): { ms: number; problems: number } {
  const start = process.hrtime.bigint();
  let problems = 0;
  for (const div of divs) problems += check(div).length;
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, problems };
}

const runs = Number(process.argv[2] ?? 5);
const dir = path.dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
const divs: string[] = [];
for (const file of readdirSync(dir).filter((f) => /^[A-Z].*\.json$/.test(f))) {
  divsInJson(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), divs);
}
const chars = divs.reduce((sum, d) => sum + d.length, 0);
console.log(`${divs.length} narratives, ${(chars / 1e6).toFixed(1)} M characters`);

/** Times both implementations over `set`, alternating, and prints the median of `runs` passes. */
function compare(label: string, set: readonly string[]): void {
  pass(referenceCheckNarrativeXhtml, set);
  pass(checkNarrativeXhtml, set);
  const oldMs: number[] = [];
  const newMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const a = pass(referenceCheckNarrativeXhtml, set);
    const b = pass(checkNarrativeXhtml, set);
    if (a.problems !== b.problems) throw new Error(`problem counts differ: ${a.problems} vs ${b.problems}`);
    oldMs.push(a.ms);
    newMs.push(b.ms);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const o = median(oldMs);
  const n = median(newMs);
  console.log(`${label} (${set.length} narratives): saxes ${o.toFixed(1)} ms, tokenizer ${n.toFixed(1)} ms per pass`
    + ` (medians of ${runs}) -> ${(o / n).toFixed(1)}x faster`);
}

compare('all', divs);
compare('typical, <= 10 000 characters', divs.filter((d) => d.length <= 10_000));
