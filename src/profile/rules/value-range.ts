// profile/value-range: ElementDefinition.minValue[x] / maxValue[x] on numbers, dates, times and Quantities.
// https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.minValue_x_
import { defineRule } from '../../rules/define-rule.js';

export default defineRule({
  meta: {
    id: 'profile/value-range',
    category: 'profile',
    description: 'Values must lie within the minValue/maxValue the profile sets',
    docsUrl: 'https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.minValue_x_',
    defaultSeverity: 'error',
    code: 'value',
    messages: {
      tooLow: "Value {{value}} is less than the permitted minimum value of {{limit}} ({{elementId}} in {{profile}})",
      tooHigh: "Value {{value}} is greater than the permitted maximum value of {{limit}} ({{elementId}} in {{profile}})",
      notComparable: "Value {{value}} cannot be compared with the limit {{limit}} ({{elementId}} in {{profile}}), so the range is not verified",
    },
  },
});
