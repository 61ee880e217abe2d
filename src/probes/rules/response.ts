// Findings about the shape of an HTTP response: status, content type, body type (https://hl7.org/fhir/R4/http.html).
import { defineRule } from '../../rules/define-rule.js';

export const responseRule = defineRule({
  meta: {
    id: 'probe/response',
    category: 'probe',
    description: 'Responses carry the expected status, the FHIR JSON mime type and the expected resource',
    docsUrl: 'https://hl7.org/fhir/R4/http.html#mime-type',
    defaultSeverity: 'error',
    code: 'processing',
    messages: {
      unexpectedStatus: 'expected HTTP {{expected}}, got {{status}}',
      wrongContentType: "Content-Type is '{{contentType}}', expected application/fhir+json",
      genericJsonType: "Content-Type is '{{contentType}}'; the FHIR mime type is application/fhir+json",
      notJson: 'the body is not JSON',
      wrongResourceType: 'expected a {{expected}}, got {{found}}',
      notSearchset: "expected a Bundle of type searchset, got type '{{type}}'",
      missingSelfLink: 'the searchset Bundle has no self link, so the parameters the server used cannot be seen',
      noOperationOutcome: 'HTTP {{status}} without an OperationOutcome body',
      outcomeInSearchset: 'the searchset includes an OperationOutcome ({{severity}}): {{text}}',
      wrongId: "asked for id '{{expected}}', got '{{found}}'",
    },
  },
});
