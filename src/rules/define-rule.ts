// defineRule(): a rule's metadata and messages in one typed object, ESLint/typescript-eslint style.
import type { Issue, IssueType, Location, Severity } from '../model/issue.js';

export type RuleCategory =
  | 'parse' | 'structure' | 'invariant' | 'bundle' | 'reference' | 'profile' | 'extension'
  | 'terminology' | 'ukcore' | 'package' | 'input' | 'probe' | 'snapshot' | 'report';

export interface RuleMeta<M extends string = string> {
  /** `category/kebab-name`; the file implementing it is named after the last segment. */
  id: string;
  category: RuleCategory;
  description: string;
  /** The FHIR specification section the rule implements. */
  docsUrl: string;
  defaultSeverity: Severity;
  code: IssueType;
  messages: Record<M, string>;
}

export interface RuleDefinition<M extends string = string> {
  meta: RuleMeta<M>;
}

export interface ReportDescriptor<M extends string> {
  messageId: M;
  data?: Record<string, string | number>;
  location: Location;
  /** Overrides the rule's default severity for this finding (e.g. an extensible binding). */
  severity?: Severity;
  code?: IssueType;
  profile?: string;
  elementId?: string;
  constraint?: Issue['constraint'];
  related?: Issue[];
  exchangeId?: string;
}

/** A rule object that can make Issues from its own message ids. */
export interface Rule<M extends string = string> extends RuleDefinition<M> {
  issue(d: ReportDescriptor<M>): Issue;
}

/** Replaces `{{name}}` placeholders with values from `data`. */
export function interpolate(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : whole,
  );
}

const registry = new Map<string, Rule>();
const duplicates: string[] = [];

/** Every rule defined so far (modules register their rules when loaded). */
export function registeredRules(): ReadonlyMap<string, Rule> {
  return registry;
}

/** Rule ids defined twice: a programmer error that test/meta/rule-registry.test.ts turns red. */
export function duplicateRuleIds(): readonly string[] {
  return duplicates;
}

export function defineRule<M extends string>(def: RuleDefinition<M>): Rule<M> {
  const meta = def.meta;
  const rule: Rule<M> = {
    meta,
    issue(d) {
      const issue: Issue = {
        ruleId: meta.id,
        messageId: d.messageId,
        message: interpolate(meta.messages[d.messageId], d.data),
        severity: d.severity ?? meta.defaultSeverity,
        code: d.code ?? meta.code,
        location: d.location,
      };
      if (d.data) issue.data = d.data;
      if (d.profile) issue.profile = d.profile;
      if (d.elementId) issue.elementId = d.elementId;
      if (d.constraint) issue.constraint = d.constraint;
      if (d.related && d.related.length > 0) issue.related = d.related;
      if (d.exchangeId) issue.exchangeId = d.exchangeId;
      return issue;
    },
  };
  if (registry.has(meta.id)) duplicates.push(meta.id);
  else registry.set(meta.id, rule as Rule);
  return rule;
}
