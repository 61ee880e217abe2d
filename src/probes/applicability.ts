// When a plan-derived check applies: SHALL types always; SHOULD/MAY types only when the server claims them.
import type { ProbeContext } from './define-probe.js';
import type { IndexedItem, IndexedType } from './plan-index.js';
import { SampleUnavailable, type Samples } from './session.js';

export function expectationText(item: IndexedItem): string {
  return item.expectations.map((e) => `${e.expectation} in ${e.plan}`).join(', ');
}

/** Omits the check when the type is optional in every plan and the server's CapabilityStatement does not claim it. */
export function requireApplicable(ctx: ProbeContext, t: IndexedType): void {
  if (t.shall || !ctx.session.capability) return;
  if (!ctx.session.claimed(t.type)) {
    ctx.omit(`${t.type} is not claimed by the server and is ${expectationText(t)}, so its checks do not apply`);
  }
}

/** The discovered patient's id, or skip. */
export function requirePatient(ctx: ProbeContext): string {
  const id = ctx.session.patientId;
  if (!id) ctx.skip('no patient was discovered: pass --patient-id or --nhs-number');
  return id;
}

/** Sample data of a type, or skip with the reason it could not be had. */
export async function requireSamples(ctx: ProbeContext, type: string): Promise<Samples> {
  try {
    const samples = await ctx.session.samples(type);
    if (samples.resources.length === 0) ctx.skip(`the server returned no ${type} for the test patient (${samples.query}), so this could not be exercised`);
    return samples;
  } catch (err) {
    if (err instanceof SampleUnavailable) ctx.skip(`no ${type} data to test with: ${err.message}`);
    throw err;
  }
}

/** The server's CapabilityStatement, or skip when capability/metadata did not get one. */
export function requireCapability(ctx: ProbeContext): Record<string, unknown> {
  const cs = ctx.session.capability;
  if (!cs) ctx.skip('no CapabilityStatement was retrieved');
  return cs;
}
