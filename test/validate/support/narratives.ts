// Collects narrative divs from real content, for the XHTML corpus and differential tests.

/** The `<div>` of every `<text>` in a FHIR XML file, as written (the div is the last element of Narrative). */
export function divsInXml(xml: string): string[] {
  const divs: string[] = [];
  for (const m of xml.matchAll(/<text>([\s\S]*?)<\/text>/g)) {
    const inner = m[1]!;
    const start = inner.indexOf('<div');
    if (start >= 0) divs.push(inner.slice(start, inner.lastIndexOf('</div>') + '</div>'.length));
  }
  return divs;
}

/** Every `div` string under a `text` object in a JSON value (resources, contained, bundle entries). */
export function divsInJson(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) divsInJson(item, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const div = (child as { div?: unknown } | null)?.div;
      if (key === 'text' && typeof div === 'string') out.push(div);
      else divsInJson(child, out);
    }
  }
  return out;
}
