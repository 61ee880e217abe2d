// Published R4 invariants whose FHIRPath contradicts their own human text, corrected as the HL7 validator does.
// Each entry is used only when the definition carries exactly the erroneous expression.

export interface Erratum {
  /** The expression as published in R4 4.0.1. */
  published: string;
  /** What the invariant's human text (and later FHIR versions) says. */
  corrected: string;
  why: string;
}

export const INVARIANT_ERRATA: Record<string, Erratum> = {
  'que-12': {
    published: 'enableWhen.count() > 2 implies enableBehavior.exists()',
    corrected: 'enableWhen.count() > 1 implies enableBehavior.exists()',
    why: "human text: 'If there are more than one enableWhen, enableBehavior must be specified' (corrected in R4B/R5)",
  },
};

/** The expression to evaluate for a constraint: its erratum's correction, or the expression itself. */
export function effectiveExpression(key: string, expression: string): string {
  const e = INVARIANT_ERRATA[key];
  return e && e.published === expression ? e.corrected : expression;
}
