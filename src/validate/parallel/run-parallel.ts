// Validates input files on worker threads: NDJSON lines in batches and whole documents go to the least busy worker,
// results come back in input order, and a bounded number of tasks is in flight so memory stays flat.
import os from 'node:os';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { InputFile } from '../../inputs/discover.js';
import { ndjsonPieces, type FileSummary } from '../../inputs/read-input.js';
import type { InputFile as ReportInput } from '../../model/report.js';
import type { CheckResult } from '../../model/result.js';
import type { Reply, Task, TaskBody, WorkerSetup } from './protocol.js';
import { unreadableResult, type ValidatorParts } from './setup.js';
import { runTask, type TaskOutcome } from './task-runner.js';

/** NDJSON lines per task: small enough to spread work evenly, large enough that messaging costs little. */
const LINES_PER_TASK = 64;
/** Tasks queued per worker: keeps every worker busy while bounding what is held in memory. */
const TASKS_PER_WORKER = 4;
/** Without an explicit `jobs`, workers are used only for this much input: each starts by loading the definitions. */
export const AUTO_MIN_BYTES = 8 * 1024 * 1024;
export const AUTO_MIN_FILES = 500;

/**
 * The default number of validators: one per core but one, at most 4. V8 already keeps a second core busy with
 * compilation and garbage collection, so on 2 cores a second validator gained little time for 50% more CPU and
 * 150 MB more memory (bench/run.js measures both).
 */
export function defaultJobs(): number {
  return Math.max(1, Math.min(os.availableParallelism() - 1, 4));
}

/**
 * How many workers to use (1 = validate in process). An explicit `jobs` above 1 is used whenever there is more than
 * one unit of work (several files, or NDJSON); without it, the default is used only for large inputs.
 */
export function plannedJobs(jobs: number | undefined, files: InputFile[]): number {
  const max = Math.floor(jobs ?? defaultJobs());
  if (!(max > 1) || files.length === 0) return 1;
  const hasNdjson = files.some((f) => f.kind === 'ndjson');
  if (jobs !== undefined) return files.length > 1 || hasNdjson ? (hasNdjson ? max : Math.min(max, files.length)) : 1;
  if (files.length >= AUTO_MIN_FILES) return max;
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += statSync(f.path).size;
    } catch {
      // unreadable files are reported when read
    }
    if (bytes >= AUTO_MIN_BYTES) return hasNdjson ? max : Math.min(max, files.length);
  }
  return 1;
}

type Done = TaskOutcome;

interface Slot {
  outstanding: number;
  send(id: number, task: TaskBody): void;
}

/**
 * `jobs` validators: this thread's own (given) and jobs - 1 worker threads, each validating one task at a time; a
 * task goes to the one with the fewest outstanding. Using this thread too saves loading the definitions once more.
 */
class ValidatorPool {
  private readonly slots: Slot[] = [];
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve(r: Done): void; reject(e: Error): void; slot: Slot }>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(jobs: number, setup: WorkerSetup, local: ValidatorParts) {
    let chain: Promise<void> = Promise.resolve();
    this.slots.push({
      outstanding: 0,
      send: (id, task) => {
        chain = chain.then(async () => {
          try {
            this.settle({ id, ...(await runTask(local, task)) });
          } catch (e) {
            this.settle({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
          }
        });
      },
    });
    // From the TypeScript sources (tests), the worker is loaded through tsx as well.
    const url = new URL(import.meta.url.endsWith('.ts') ? './worker-from-source.mjs' : './worker.js', import.meta.url);
    for (let i = 1; i < jobs; i++) {
      const worker = new Worker(url, { workerData: setup });
      worker.on('message', (reply: Reply) => this.settle(reply));
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`validation worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
      this.slots.push({ outstanding: 0, send: (id, task) => worker.postMessage({ ...task, id } as Task) });
    }
  }

  run(task: TaskBody): Promise<Done> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
    const id = this.nextId++;
    slot.outstanding++;
    return new Promise<Done>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, slot });
      slot.send(id, task);
    });
  }

  private settle(reply: Reply): void {
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    w.slot.outstanding--;
    if ('error' in reply) w.reject(new Error(`validation failed: ${reply.error}`));
    else w.resolve(reply);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Validates `files` with `jobs` validators (this thread's, `local`, and jobs - 1 workers). `emit` receives every
 * result in input order (the order an in-process run gives); the per-file summaries are returned in file order.
 */
export async function validateInParallel(files: InputFile[], jobs: number, setup: WorkerSetup, local: ValidatorParts,
  emit: (r: CheckResult) => void): Promise<ReportInput[]> {
  const pool = new ValidatorPool(jobs, setup, local);
  const inputs: ReportInput[] = [];
  // Steps in input order; each resolves to what to do when its turn comes.
  const queue: Array<Promise<() => void>> = [];
  const limit = jobs * TASKS_PER_WORKER;
  const next = async () => (await queue.shift()!)();
  const enqueue = async (step: Promise<() => void>) => {
    step.catch(() => undefined); // rejections surface when the step's turn comes
    queue.push(step);
    while (queue.length > limit) await next();
  };
  const now = (fn: () => void) => Promise.resolve(fn);
  try {
    for (const file of files) {
      const summary: FileSummary = { path: file.path, sha256: '', bytes: 0, resources: 0 };
      if (file.kind === 'ndjson') {
        let parsed = 0;
        for await (const piece of ndjsonPieces(file.path, summary)) {
          if (!('lines' in piece)) {
            await enqueue(now(() => emit(unreadableResult(piece.target, piece.issues))));
            continue;
          }
          for (let k = 0; k < piece.lines.length; k += LINES_PER_TASK) {
            const lines = piece.lines.slice(k, k + LINES_PER_TASK);
            const done = pool.run({ kind: 'lines', file: file.path, firstLine: piece.firstLine + k, lines });
            await enqueue(done.then((r) => () => {
              parsed += r.parsed;
              for (const result of r.results) emit(result);
            }));
          }
        }
        await enqueue(now(() => inputs.push({ path: summary.path, sha256: summary.sha256, bytes: summary.bytes, resources: parsed })));
      } else {
        const done = pool.run({ kind: 'document', file });
        await enqueue(done.then((r) => () => {
          for (const result of r.results) emit(result);
          const s = r.summary ?? summary;
          inputs.push({ path: s.path, sha256: s.sha256, bytes: s.bytes, resources: s.resources });
        }));
      }
    }
    while (queue.length) await next();
  } finally {
    await pool.close();
  }
  return inputs;
}
