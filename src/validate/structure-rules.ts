// Rules for base-specification structure: unknown elements, cardinality, JSON shape, resource types.
import { defineRule } from '../rules/define-rule.js';

export const unknownElementRule = defineRule({
  meta: {
    id: 'structure/unknown-element', category: 'structure', defaultSeverity: 'error', code: 'structure',
    docsUrl: 'https://hl7.org/fhir/R4/json.html#unknown',
    description: 'Every property must be an element defined for the type',
    messages: {
      unknownElement: "Unrecognized element '{{name}}' in {{type}}",
      choiceNeedsType: "Element '{{name}}' is a choice element: use a typed name such as '{{example}}'",
      misplacedResourceType: "'resourceType' is only allowed at the root of a resource",
      badCompanion: "'_{{name}}' is only allowed beside a primitive element '{{name}}'",
    },
  },
});

export const cardinalityRule = defineRule({
  meta: {
    id: 'structure/cardinality', category: 'structure', defaultSeverity: 'error', code: 'required',
    docsUrl: 'https://hl7.org/fhir/R4/conformance-rules.html#cardinality',
    description: 'Elements must appear between min and max times',
    messages: {
      tooFew: "Element '{{path}}' has {{count}} occurrence(s), minimum required is {{min}}",
      tooMany: "Element '{{path}}' has {{count}} occurrence(s), maximum allowed is {{max}}",
    },
  },
});

export const jsonShapeRule = defineRule({
  meta: {
    id: 'structure/json-shape', category: 'structure', defaultSeverity: 'error', code: 'structure',
    docsUrl: 'https://hl7.org/fhir/R4/json.html',
    description: 'FHIR JSON representation rules: arrays for repeating elements, objects for complex types, no empty values, no nulls',
    messages: {
      expectedArray: "Element '{{name}}' repeats and must be a JSON array",
      unexpectedArray: "Element '{{name}}' does not repeat and must not be a JSON array",
      expectedObject: "Element '{{name}}' is a {{type}} and must be a JSON object, found {{found}}",
      emptyObject: "Element '{{name}}' is an empty object: elements must have a value or children",
      emptyArray: "Element '{{name}}' is an empty array: leave the property out instead",
      nullValue: "Element '{{name}}' is null: null is only allowed inside primitive arrays aligned with a '_{{name}}' array",
      companionNotAligned: "'_{{name}}' must be an array with the same number of items as '{{name}}'",
      companionNotObject: "'_{{name}}' items must be objects (with id/extension) or null",
    },
  },
});

export const resourceTypeRule = defineRule({
  meta: {
    id: 'structure/resource-type', category: 'structure', defaultSeverity: 'error', code: 'structure',
    docsUrl: 'https://hl7.org/fhir/R4/json.html#resources',
    description: 'A resource must name a known, concrete resource type',
    messages: {
      missing: "The resource has no 'resourceType' property",
      notString: "'resourceType' must be a string",
      unknown: "'{{type}}' is not a FHIR R4 resource type",
      abstractType: "'{{type}}' is an abstract type and cannot be instantiated",
    },
  },
});

export const containedRule = defineRule({
  meta: {
    id: 'structure/contained', category: 'structure', defaultSeverity: 'error', code: 'structure',
    docsUrl: 'https://hl7.org/fhir/R4/references.html#contained',
    description: 'Contained resources: must have an id, unique ids (dom-2..dom-5 are checked as invariants)',
    messages: {
      missingId: 'A contained resource must have an id',
      duplicateId: "Contained resource id '{{id}}' is used more than once",
    },
  },
});
