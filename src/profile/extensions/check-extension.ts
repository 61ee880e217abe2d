// Validates one Extension found anywhere in an instance against the definition its url names: known or not (see the
// policy in rules/extension/unknown.ts), modifier use, context, value type and content (fixed url, sub-extensions,
// bindings, invariants) by walking it against the definition's snapshot.
// https://hl7.org/fhir/R4/extensibility.html and https://hl7.org/fhir/R4/defining-extensions.html
import type { Issue, Location } from '../../model/issue.js';
import type { PathSegment, PositionMap } from '../../parse/positions.js';
import type { ReferenceContext } from '../../validate/references/reference-check.js';
import type { ProfileEngine } from '../profile-engine.js';
import type { Definitions } from '../../packages/definitions.js';
import { dedupe } from '../dedupe.js';
import { ProfileWalk, type ResourceFrame } from '../profile-walk.js';
import contextRule from '../rules/extension/context.js';
import modifierRule from '../rules/extension/modifier.js';
import notVerifiedRule from '../rules/extension/not-verified.js';
import unknownRule from '../rules/extension/unknown.js';
import { checkContext } from './extension-context.js';
import type { ExtensionPlace } from './extension-place.js';

const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';

export interface ExtensionInput {
  /** The Extension JSON object. */
  extension: Record<string, unknown>;
  /** Found in `modifierExtension` rather than `extension`. */
  isModifier: boolean;
  /** FHIRPath of the extension, e.g. `Patient.extension[0]`. */
  expression: string;
  /** JSON path of the extension from the parsed root. */
  segs: readonly PathSegment[];
  source: string;
  positions?: PositionMap;
  root: unknown;
  place: ExtensionPlace;
  /** The resource that holds the extension (%resource) and where it is. */
  resource: Record<string, unknown>;
  resourceSegs?: PathSegment[];
  resourceExpression?: string;
  /** Its container when the resource is contained (%rootResource). */
  container?: Record<string, unknown>;
  bundle?: ReferenceContext;
}

function isAbsoluteUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

const namespaces = new WeakMap<object, Array<{ prefix: string; pkg: string }>>();

/** The loaded (non-core) package whose extension definitions live under the URL's folder, if any. */
function ownerOf(defs: Definitions, url: string): string | undefined {
  let list = namespaces.get(defs);
  if (!list) {
    const seen = new Map<string, string>();
    for (const pkg of defs.packages) {
      if (pkg === defs.base) continue;
      for (const e of pkg.entries) {
        if (e.resourceType !== 'StructureDefinition' || e.type !== 'Extension' || !e.url) continue;
        const prefix = e.url.slice(0, e.url.lastIndexOf('/') + 1);
        if (prefix.startsWith('http') && prefix !== CORE_SD && !seen.has(prefix)) seen.set(prefix, `${pkg.id}#${pkg.version}`);
      }
    }
    list = [...seen].map(([prefix, pkg]) => ({ prefix, pkg }));
    namespaces.set(defs, list);
  }
  const slash = url.lastIndexOf('/');
  const folder = url.slice(0, slash + 1);
  return list.find((n) => n.prefix === folder)?.pkg;
}

/** A finisher that gives `location` its line/column when `issues` is not empty, and returns `issues`. */
function withPosition(issues: Issue[], location: Location, input: ExtensionInput): () => Issue[] {
  return () => {
    if (issues.length && location.line === undefined) {
      const lc = input.positions?.locate(input.root, input.segs);
      if (lc) {
        location.line = lc.line;
        location.column = lc.column;
      }
    }
    return issues;
  };
}

export function checkExtensionWith(engine: ProfileEngine, input: ExtensionInput): Issue[] {
  const ext = input.extension;
  const url = ext.url;
  // A missing url is the base walker's (Extension.url 1..1); relative urls are sub-extensions, checked by their parent.
  if (typeof url !== 'string') return [];
  const issues: Issue[] = [];
  // Shared by the issues made here; its line/column are looked up only once one exists (most extensions have none).
  const location: Location = { source: input.source, expression: input.expression };
  const checked = withPosition(issues, location, input);
  if (!isAbsoluteUrl(url)) {
    if (!input.place.types.includes('Extension')) issues.push(unknownRule.issue({ messageId: 'relativeUrl', data: { url }, location, severity: 'error' }));
    return checked();
  }

  const found = engine.extensionDefinition(url);
  if (!found) {
    const sd = engine.structures.defs.resolve(url);
    if (sd?.resourceType === 'StructureDefinition' && sd.type !== 'Extension') {
      issues.push(unknownRule.issue({ messageId: 'notAnExtension', data: { url, kind: String(sd.kind ?? ''), type: String(sd.type ?? '') }, location, severity: 'error' }));
    } else if (sd?.resourceType === 'StructureDefinition') {
      issues.push(notVerifiedRule.issue({ messageId: 'noSnapshot', data: { url }, location }));
    } else if (input.isModifier) {
      issues.push(unknownRule.issue({ messageId: 'unknownModifier', data: { url }, location, severity: 'error' }));
    } else if (url.startsWith(CORE_SD)) {
      issues.push(unknownRule.issue({ messageId: 'unknownCoreExtension', data: { url }, location, severity: 'error' }));
    } else if (ownerOf(engine.structures.defs, url)) {
      // In the namespace of a loaded package (e.g. https://fhir.hl7.org.uk/StructureDefinition/ for UK Core) that the
      // package does not define: a misspelt or invented "UK Core" extension, not an unknown third-party one.
      issues.push(unknownRule.issue({ messageId: 'unknownPackageExtension', data: { url, pkg: ownerOf(engine.structures.defs, url)! }, location, severity: 'error' }));
    } else {
      issues.push(unknownRule.issue({ messageId: 'unknownExtension', data: { url }, location }));
    }
    return checked();
  }
  if ('problem' in found) {
    issues.push(notVerifiedRule.issue({ messageId: found.problem.messageId, data: { version: '', path: '', types: '', ...found.problem.data }, location }));
    return checked();
  }
  const tree = found.tree;
  if (tree.type !== 'Extension') {
    issues.push(unknownRule.issue({ messageId: 'notAnExtension', data: { url, kind: tree.kind, type: tree.type }, location, severity: 'error' }));
    return checked();
  }
  const profile = tree.version ? `${tree.url}|${tree.version}` : tree.url;
  const rootModifier = tree.root.def.isModifier === true;
  if (input.isModifier && !rootModifier) {
    issues.push(modifierRule.issue({ messageId: 'mustNotBeModifier', data: { url }, location, profile, elementId: tree.root.id }));
  } else if (!input.isModifier && rootModifier) {
    issues.push(modifierRule.issue({ messageId: 'mustBeModifier', data: { url }, location, profile, elementId: tree.root.id }));
  }

  const rootResource = input.container ?? input.resource;
  const verdict = checkContext(tree, input.place, engine.structures, input.resource, rootResource, engine.invariants);
  if (!verdict.ok) {
    const xver = tree.sd._crossVersion !== undefined;
    const severity = xver ? 'warning' : 'error';
    if (verdict.invariant) {
      issues.push(contextRule.issue({ messageId: 'invariantFailed', data: { url, invariant: verdict.invariant }, location, severity, profile, elementId: tree.root.id }));
    } else {
      issues.push(contextRule.issue({ messageId: 'notAllowed', data: { url, allowed: verdict.allowed, here: verdict.here }, location, severity, profile, elementId: tree.root.id }));
    }
  }

  const frame: ResourceFrame = {
    resource: input.resource,
    segs: input.resourceSegs ?? [],
    expression: input.resourceExpression ?? String(input.resource.resourceType ?? ''),
    ...(input.container ? { container: input.container } : {}),
    ...(input.bundle ? { bundle: input.bundle } : {}),
  };
  const walk = new ProfileWalk(engine, { source: input.source, positions: input.positions, root: input.root, bindings: true, depth: 0 }, frame, [...input.segs]);
  walk.walkRoot(ext, undefined, tree, 'Extension', input.expression);
  issues.push(...dedupe(walk.issues, profile));
  return checked();
}
