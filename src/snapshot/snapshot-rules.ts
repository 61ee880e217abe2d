// Findings made while generating a snapshot from a differential (https://hl7.org/fhir/R4/profiling.html#snapshot).
import { defineRule } from '../rules/define-rule.js';

const profiling = 'https://hl7.org/fhir/R4/profiling.html';
const elementdefinition = 'https://hl7.org/fhir/R4/elementdefinition.html';

export const snapshotRules = {
  baseNotFound: defineRule({
    meta: {
      id: 'snapshot/base-not-found', category: 'snapshot', defaultSeverity: 'error', code: 'not-found',
      docsUrl: `${profiling}#snapshot`,
      description: 'The baseDefinition of a differential-only StructureDefinition cannot be resolved to a definition with a snapshot',
      messages: {
        missing: '{{url}} has no snapshot and its baseDefinition {{base}} cannot be found',
        noBase: '{{url}} has no snapshot and names no baseDefinition',
        circular: '{{url}} cannot get a snapshot: its definitions depend on each other ({{chain}})',
      },
    },
  }),
  unmatchedElement: defineRule({
    meta: {
      id: 'snapshot/unmatched-element', category: 'snapshot', defaultSeverity: 'error', code: 'structure',
      docsUrl: `${profiling}#snapshot`,
      description: 'A differential element does not match any element of the base definition',
      messages: {
        noSuchElement: "Differential element '{{id}}' does not match anything in {{base}}: '{{name}}' is not an element of '{{parent}}'",
        noRoot: "Differential element '{{id}}' does not start with the base type '{{root}}'",
        noChildren: "Differential element '{{id}}' walks into '{{parent}}', whose type {{type}} has no children to constrain",
        ambiguousType: "Differential element '{{id}}' walks into '{{parent}}', which has several types ({{types}}); constrain it to one type first",
      },
    },
  }),
  unresolvedType: defineRule({
    meta: {
      id: 'snapshot/unresolved-type', category: 'snapshot', defaultSeverity: 'warning', code: 'not-found',
      docsUrl: `${elementdefinition}#ElementDefinition.type.profile`,
      description: 'A type or type profile the differential walks into cannot be resolved to a definition with a snapshot',
      messages: {
        profile: "Profile {{profile}} on '{{id}}' cannot be found; its children are taken from the base type {{type}}",
        type: "Type {{type}} of '{{id}}' cannot be found, so its children cannot be constrained",
        contentReference: "contentReference {{ref}} of '{{id}}' does not name an element of the base",
      },
    },
  }),
  cardinality: defineRule({
    meta: {
      id: 'snapshot/cardinality', category: 'snapshot', defaultSeverity: 'error', code: 'business-rule',
      docsUrl: `${profiling}#cardinality`,
      description: 'A differential states an impossible cardinality or loosens the base cardinality',
      messages: {
        minAboveMax: "'{{id}}' has min {{min}} greater than max {{max}}",
        minBelowBase: "'{{id}}' has min {{min}}, less than the base min {{baseMin}}",
        maxAboveBase: "'{{id}}' has max {{max}}, more than the base max {{baseMax}}",
      },
    },
  }),
  typeNotAllowed: defineRule({
    meta: {
      id: 'snapshot/type-not-allowed', category: 'snapshot', defaultSeverity: 'error', code: 'business-rule',
      docsUrl: `${profiling}#types`,
      description: 'A differential names a type, or a reference target, the base element does not allow',
      messages: {
        type: "'{{id}}' constrains the type to {{type}}, which the base does not allow (base types: {{allowed}})",
        targetProfile: "'{{id}}' allows references to {{target}}, which the base does not allow (base targets: {{allowed}})",
        fixedType: "'{{id}}' has {{property}}, which is not one of the element's types ({{allowed}})",
        rootType: "The first element '{{id}}' of a differential is the structure itself and cannot state a type",
      },
    },
  }),
  slicing: defineRule({
    meta: {
      id: 'snapshot/slicing', category: 'snapshot', defaultSeverity: 'error', code: 'business-rule',
      docsUrl: `${profiling}#slicing`,
      description: 'A differential defines slices in a way the slicing rules do not allow',
      messages: {
        noSlicing: "'{{id}}' defines slices but neither it nor its base says how it is sliced",
        sliceNotDeclared: "'{{id}}' constrains slice '{{slice}}', which the differential never declares",
        closedSlicing: "'{{id}}' adds slice '{{slice}}' although the base closes the slicing",
        discriminatorChanged: "'{{id}}' changes the slicing discriminator from {{base}} to {{derived}}",
        rulesLoosened: "'{{id}}' loosens slicing rules from {{base}} to {{derived}}",
        sliceNameMismatch: "'{{id}}' names slice '{{slice}}' in its id but its sliceName is '{{sliceName}}'",
        slicesExceedMax: "The slices of '{{id}}' require at least {{sum}} repetitions, more than its max {{max}}",
      },
    },
  }),
  binding: defineRule({
    meta: {
      id: 'snapshot/binding', category: 'snapshot', defaultSeverity: 'error', code: 'business-rule',
      docsUrl: `${elementdefinition}#ElementDefinition.binding`,
      description: 'A differential weakens a required binding',
      messages: {
        weakened: "'{{id}}' changes the binding strength from required to {{strength}}",
      },
    },
  }),
  unchangeable: defineRule({
    meta: {
      id: 'snapshot/unchangeable', category: 'snapshot', defaultSeverity: 'error', code: 'business-rule',
      docsUrl: `${profiling}#constraining`,
      description: 'A differential tries to change a property a profile may not change; the base value is kept',
      messages: {
        mustSupport: "'{{id}}' sets mustSupport false where its base requires support",
        isModifier: "'{{id}}' changes isModifier from {{base}} to {{derived}}; only extensions may do that",
        isSummary: "'{{id}}' changes isSummary from {{base}} to {{derived}}",
      },
    },
  }),
};
