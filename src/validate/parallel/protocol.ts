// Messages between the validation pool (main thread) and its workers: plain data only (structured clone).
import type { InputFile } from '../../inputs/discover.js';
import type { FileSummary } from '../../inputs/read-input.js';
import type { CheckResult } from '../../model/result.js';
import type { ValidatorSetup } from './setup.js';

/** What each worker needs to load the same packages and build the same Validator as an in-process run. */
export interface WorkerSetup extends Omit<ValidatorSetup, 'tx'> {
  igs: string[];
  optionalPackages: string[];
}

export type TaskBody =
  /** Consecutive lines of an NDJSON file (blank ones included, so line numbers follow from `firstLine`). */
  | { kind: 'lines'; file: string; firstLine: number; lines: string[] }
  /** A whole JSON or XML document, read and parsed by the worker. */
  | { kind: 'document'; file: InputFile };

export type Task = TaskBody & { id: number };

export type Reply =
  | { id: number; results: CheckResult[]; parsed: number; summary?: FileSummary }
  /** A programmer error in the worker: the run fails, as it would in process. */
  | { id: number; error: string };
