// Shared runner for binding tests: checkBinding over the fixture LocalTerminology, summarised for assertions.
import { checkBinding, type Binding } from '../../src/terminology/check-binding.js';
import { LocalTerminology } from '../../src/terminology/local.js';
import type { CodeCheck, TerminologyService } from '../../src/terminology/service.js';
import { fixtureDefinitions } from './fixtures.js';

export const localTx = new LocalTerminology(fixtureDefinitions());

export interface Finding {
  ruleId: string;
  messageId: string;
  expression?: string;
  severity: string;
}

export async function runBinding(value: unknown, type: string, binding: Binding | undefined, tx: TerminologyService = localTx, expression = 'Resource.element'): Promise<Finding[]> {
  const issues = await checkBinding({ value, type, binding, location: { source: 'test.json', expression }, profile: 'http://example.org/StructureDefinition/p', elementId: 'Resource.element', tx });
  return issues.map((i) => ({ ruleId: i.ruleId, messageId: i.messageId, expression: i.location.expression, severity: i.severity }));
}

/** A service that always answers the same (for degraded-mode cases). */
export function fixedTx(check: CodeCheck): TerminologyService {
  return { validateCode: async () => check };
}
