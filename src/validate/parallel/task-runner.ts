// Runs one task (NDJSON lines or a whole document) with a Validator: the same code in workers and in the main thread.
import { ndjsonLineUnit, readInput, type FileSummary } from '../../inputs/read-input.js';
import type { CheckResult } from '../../model/result.js';
import type { TaskBody } from './protocol.js';
import { resultsForUnit, type ValidatorParts } from './setup.js';

export interface TaskOutcome {
  results: CheckResult[];
  /** Units that parsed into a resource (the file summary's `resources`). */
  parsed: number;
  /** For a document: what readInput recorded about the file. */
  summary?: FileSummary;
}

export async function runTask(parts: ValidatorParts, task: TaskBody): Promise<TaskOutcome> {
  const results: CheckResult[] = [];
  let parsed = 0;
  if (task.kind === 'lines') {
    for (let k = 0; k < task.lines.length; k++) {
      const unit = ndjsonLineUnit(task.file, task.lines[k]!, task.firstLine + k);
      if (!unit) continue;
      if (unit.parsed) parsed++;
      for (const r of await resultsForUnit(parts.validator, unit)) results.push(r);
    }
    return { results, parsed };
  }
  const summary: FileSummary = { path: task.file.path, sha256: '', bytes: 0, resources: 0 };
  for await (const unit of readInput(task.file, parts.xmlSchema, summary)) {
    if (unit.parsed) parsed++;
    for (const r of await resultsForUnit(parts.validator, unit)) results.push(r);
  }
  return { results, parsed, summary };
}
