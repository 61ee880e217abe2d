// Attachment.size and Attachment.hash must describe Attachment.data: its decoded length and SHA-1.
// https://hl7.org/fhir/R4/datatypes.html#Attachment
import { createHash } from 'node:crypto';
import type { Issue } from '../../model/issue.js';
import { defineRule } from '../../rules/define-rule.js';
import { checkBase64 } from '../primitives/strings.js';
import type { ElementVisit } from '../structure-walker.js';

export const attachmentDataRule = defineRule({
  meta: {
    id: 'structure/attachment-data', category: 'structure', defaultSeverity: 'error', code: 'value',
    docsUrl: 'https://hl7.org/fhir/R4/datatypes.html#Attachment',
    description: 'Attachment.size is the number of bytes of data, and Attachment.hash its SHA-1 (base64)',
    messages: {
      sizeMismatch: 'Attachment.size is {{size}} but the data decodes to {{actual}} bytes',
      hashMismatch: 'Attachment.hash is {{hash}} but the SHA-1 of the data is {{actual}}',
    },
  },
});


/** Checks one Attachment value; `at` makes a location for a child element. */
export function checkAttachmentData(visit: ElementVisit, at: (child: string) => Issue['location']): Issue[] {
  if (visit.typeCode !== 'Attachment' || !visit.value || typeof visit.value !== 'object') return [];
  const a = visit.value as Record<string, unknown>;
  if (typeof a.data !== 'string' || (typeof a.size !== 'number' && typeof a.hash !== 'string')) return [];
  // Invalid base64Binary is reported by the primitive check; it decodes to no bytes that size and hash could describe.
  // (A problem with a severity of its own is only the whitespace warning: such data still decodes.)
  const problem = checkBase64(a.data);
  if (problem && problem.severity === undefined) return [];
  const issues: Issue[] = [];
  const bytes = Buffer.from(a.data, 'base64');
  if (typeof a.size === 'number' && a.size !== bytes.length) {
    issues.push(attachmentDataRule.issue({ messageId: 'sizeMismatch', data: { size: a.size, actual: bytes.length }, location: at('size') }));
  }
  if (typeof a.hash === 'string') {
    const actual = createHash('sha1').update(bytes).digest('base64');
    if (a.hash.replace(/\s/g, '') !== actual) {
      issues.push(attachmentDataRule.issue({ messageId: 'hashMismatch', data: { hash: a.hash, actual }, location: at('hash') }));
    }
  }
  return issues;
}
