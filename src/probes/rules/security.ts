// Findings about transport security and access control (https://hl7.org/fhir/R4/security.html).
import { defineRule } from '../../rules/define-rule.js';

export const securityRule = defineRule({
  meta: {
    id: 'probe/security',
    category: 'probe',
    description: 'HTTPS with TLS 1.2+, a verifiable certificate, no anonymous data access, no cross-origin redirects',
    docsUrl: 'https://hl7.org/fhir/R4/security.html',
    defaultSeverity: 'error',
    code: 'security',
    messages: {
      plainHttp: 'the base URL uses plain HTTP; health data must travel over HTTPS',
      handshakeFailed: 'no TLS 1.2+ handshake was possible ({{code}}: {{detail}})',
      legacyTlsAccepted: 'the server accepts {{protocol}}; TLS below 1.2 must be refused',
      certificateUntrusted: 'the certificate chain does not verify ({{code}}); pass the issuing CA with --ca if it is private',
      unauthenticatedAccepted: 'a data request without credentials got HTTP {{status}} instead of 401/403',
      crossOriginRedirect: '{{from}} redirected to another origin ({{to}}); credentials were withheld',
      corsMissing: 'no Access-Control-Allow-Origin header in reply to a request with an Origin header',
    },
  },
});
