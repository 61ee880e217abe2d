// Registry of the FHIR XML reader's rules, for the project-wide rule registry and docs checks.
import xmlAttribute from './xml-attribute.js';
import xmlDoctype from './xml-doctype.js';
import xmlElementOrder from './xml-element-order.js';
import xmlEntity from './xml-entity.js';
import xmlMalformed from './xml-malformed.js';
import xmlNamespace from './xml-namespace.js';
import xmlPrimitiveValue from './xml-primitive-value.js';
import xmlRepeatedElement from './xml-repeated-element.js';
import xmlResourceContainer from './xml-resource-container.js';
import xmlResourceType from './xml-resource-type.js';
import xmlTextContent from './xml-text-content.js';
import xmlTooDeep from './xml-too-deep.js';

export {
  xmlAttribute, xmlDoctype, xmlElementOrder, xmlEntity, xmlMalformed, xmlNamespace, xmlPrimitiveValue,
  xmlRepeatedElement, xmlResourceContainer, xmlResourceType, xmlTextContent, xmlTooDeep,
};

export const xmlRules = [
  xmlMalformed, xmlDoctype, xmlEntity, xmlTooDeep, xmlNamespace, xmlResourceType,
  xmlElementOrder, xmlRepeatedElement, xmlTextContent, xmlAttribute, xmlPrimitiveValue, xmlResourceContainer,
] as const;
