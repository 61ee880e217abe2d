// Why a check could not get an HTTP answer: the typed transport failures of the HTTP client.
import { defineRule } from '../../rules/define-rule.js';

export const transportRule = defineRule({
  meta: {
    id: 'probe/transport',
    category: 'probe',
    description: 'The request could not be completed, so the check has no verdict',
    docsUrl: 'https://hl7.org/fhir/R4/http.html',
    defaultSeverity: 'error',
    code: 'exception',
    messages: {
      timeout: '{{message}}',
      refused: '{{message}}',
      unreachable: '{{message}}',
      tls: '{{message}}',
      tooLarge: '{{message}}',
      budget: '{{message}}',
      aborted: '{{message}}',
      writeBlocked: '{{message}}',
      insecure: '{{message}}',
      redirect: '{{message}}',
      network: '{{message}}',
      auth: '{{message}}',
      probeTimeout: 'the check did not finish within {{ms}} ms',
      unexpected: 'the check stopped unexpectedly: {{message}}',
    },
  },
});
