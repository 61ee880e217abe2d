// The shapes a profile walk shares with the modules it delegates to (reference targets, slicing), and its limits.
import type { PathSegment, PositionMap } from '../parse/positions.js';
import type { ReferenceContext } from '../validate/references/reference-check.js';

/** Where the resource being walked sits, for %resource, %rootResource, references and positions. */
export interface ResourceFrame {
  resource: Record<string, unknown>;
  /** JSON path of `resource` from the parsed root. */
  segs: PathSegment[];
  /** FHIRPath of `resource`, e.g. `Bundle.entry[2].resource`. */
  expression: string;
  /** The container of a contained resource (%rootResource). */
  container?: Record<string, unknown>;
  containerSegs?: PathSegment[];
  containerExpression?: string;
  bundle?: ReferenceContext;
}

/** The input and reporting settings shared by a walk and the walks it starts. */
export interface WalkEnv {
  source: string;
  positions?: PositionMap;
  root: unknown;
  /** Call the binding hook (off in conformance checks made for slicing and target profiles). */
  bindings: boolean;
  /** Element ids visited, for Must Support coverage (top-level walks only). */
  visited?: Set<string>;
  depth: number;
}

export interface Item {
  value: unknown;
  companion: unknown;
  key: string;
  /** Array index, when the JSON property is an array. */
  index?: number;
  typeCode?: string;
  expr: string;
}

/** Walks started by a walk (type profiles, target profiles, conformance checks) nest at most this deep. */
export const MAX_DEPTH = 12;
/** At most this many `related` issues explain one finding. */
export const MAX_RELATED = 10;
/** Type codes that stand for any resource. */
export const RESOURCE_TYPES = new Set(['Resource', 'DomainResource']);

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isAbsoluteUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}
