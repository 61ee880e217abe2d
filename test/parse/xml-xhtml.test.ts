// Narrative div: serialized back to an XML string as FHIR JSON carries it (https://hl7.org/fhir/R4/json.html#xhtml).
import { describe, expect, it } from 'vitest';
import { readFhirXml } from '../../src/parse/xml/index.js';
import { escapeXmlAttribute, escapeXmlText } from '../../src/parse/xml/xhtml-writer.js';
import { fakeSchema } from './xml-fake-schema.js';

const X = 'xmlns="http://www.w3.org/1999/xhtml"';

/** Reads a Patient whose narrative div is `div` (root attributes `rootAttrs`), returning the div string. */
function div(divXml: string, rootAttrs = '') {
  const xml = `<Patient xmlns="http://hl7.org/fhir"${rootAttrs}><text><status value="generated"/>${divXml}</text></Patient>`;
  const outcome = readFhirXml(xml, 'div.xml', fakeSchema());
  expect(outcome.issues).toEqual([]);
  const r = outcome.resources[0]!;
  return { div: (r.value.text as { div: string }).div, issues: r.issues.map((i) => `${i.ruleId}/${i.messageId}`) };
}

describe('narrative div serialization', () => {
  it.each([
    ['plain text', `<div ${X}>Hello</div>`, `<div ${X}>Hello</div>`],
    ['escaped text', `<div ${X}>a &amp; b &lt; c &gt; d "q" 'a'</div>`, `<div ${X}>a &amp; b &lt; c &gt; d "q" 'a'</div>`],
    ['character references become characters', `<div ${X}>&#169; &#x2603;</div>`, `<div ${X}>© ☃</div>`],
    ['attributes, with quotes and ampersands escaped', `<div ${X}><a href="x?a=1&amp;b=2" title='say "hi" &lt;'>y</a></div>`,
      `<div ${X}><a href="x?a=1&amp;b=2" title="say &quot;hi&quot; &lt;">y</a></div>`],
    ['attribute order as written', `<div class="c" ${X} id="d"><p style="s" class="k"/></div>`, `<div class="c" ${X} id="d"><p style="s" class="k"/></div>`],
    ['whitespace character references in attributes survive', `<div ${X}><p title="a&#10;b&#9;c&#13;"/></div>`, `<div ${X}><p title="a&#10;b&#9;c&#13;"/></div>`],
    ['carriage return in text survives', `<div ${X}>a&#13;b</div>`, `<div ${X}>a&#13;b</div>`],
    ['self-closing and empty elements kept apart', `<div ${X}><br/><p></p></div>`, `<div ${X}><br/><p></p></div>`],
    ['self-closing div', `<div ${X}/>`, `<div ${X}/>`],
    ['whitespace kept', `<div ${X}>\n  <p> a  b </p>\n</div>`, `<div ${X}>\n  <p> a  b </p>\n</div>`],
    ['CDATA becomes escaped text', `<div ${X}><![CDATA[a<b & c]]></div>`, `<div ${X}>a&lt;b &amp; c</div>`],
    ['comments and processing instructions dropped', `<div ${X}>a<!-- secret -->b<?pi x?></div>`, `<div ${X}>ab</div>`],
    ['xml:lang needs no declaration', `<div ${X} xml:lang="en-GB">x</div>`, `<div ${X} xml:lang="en-GB">x</div>`],
    ['nested default namespace kept as written', `<div ${X}><svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg></div>`,
      `<div ${X}><svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg></div>`],
    ['nested elements in order', `<div ${X}><table><tr><td>1</td><td>2</td></tr></table></div>`, `<div ${X}><table><tr><td>1</td><td>2</td></tr></table></div>`],
    ['content is not validated here', `<div ${X}><script>alert(1)</script></div>`, `<div ${X}><script>alert(1)</script></div>`],
  ])('%s', (_, input, expected) => {
    const r = div(input);
    expect(r.issues).toEqual([]);
    expect(r.div).toBe(expected);
  });

  it('declares on the div a prefix declared outside it', () => {
    const r = div('<h:div><h:p>x</h:p></h:div>', ' xmlns:h="http://www.w3.org/1999/xhtml"');
    expect(r.issues).toEqual([]);
    expect(r.div).toBe('<h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:p>x</h:p></h:div>');
  });

  it('declares on the div an attribute prefix declared outside it, once', () => {
    const r = div(`<div ${X}><a xlink:href="#a">1</a><a xlink:href="#b">2</a></div>`, ' xmlns:xlink="http://www.w3.org/1999/xlink"');
    expect(r.div).toBe(`<div ${X} xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="#a">1</a><a xlink:href="#b">2</a></div>`);
  });

  it('does not redeclare a prefix declared inside the div', () => {
    const r = div(`<div ${X}><a xmlns:q="urn:q" q:x="1"/></div>`);
    expect(r.div).toBe(`<div ${X}><a xmlns:q="urn:q" q:x="1"/></div>`);
  });

  it('declares a prefix again when it is used after the element that declared it closed', () => {
    const r = div(`<div ${X}><a xmlns:q="urn:q" q:x="1"/><b q:y="2"/></div>`, ' xmlns:q="urn:outer"');
    expect(r.div).toBe(`<div ${X} xmlns:q="urn:outer"><a xmlns:q="urn:q" q:x="1"/><b q:y="2"/></div>`);
  });

  it('makes the namespace explicit when the div inherits a wrong one', () => {
    const r = div('<div><p>x</p></div>');
    expect(r.issues).toEqual(['parse/xml-namespace/xhtmlNamespace']);
    expect(r.div).toBe('<div xmlns="http://hl7.org/fhir"><p>x</p></div>');
  });

  it('reads elements after the div normally', () => {
    const xml = `<Patient xmlns="http://hl7.org/fhir"><text><status value="generated"/><div ${X}><p>x</p></div></text><active value="true"/></Patient>`;
    const r = readFhirXml(xml, 'div.xml', fakeSchema()).resources[0]!;
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ resourceType: 'Patient', text: { status: 'generated', div: `<div ${X}><p>x</p></div>` }, active: true });
  });

  it('reads two narratives (contained resources) independently', () => {
    const xml = `<Patient xmlns="http://hl7.org/fhir"><text><status value="generated"/><div ${X} xmlns:a="urn:a"><a:b/></div></text>` +
      `<contained><Patient><text><status value="generated"/><div ${X}>2</div></text></Patient></contained></Patient>`;
    const r = readFhirXml(xml, 'div.xml', fakeSchema()).resources[0]!;
    expect(r.value.text).toEqual({ status: 'generated', div: `<div ${X} xmlns:a="urn:a"><a:b/></div>` });
    expect((r.value.contained as { text: unknown }[])[0]!.text).toEqual({ status: 'generated', div: `<div ${X}>2</div>` });
  });
});

describe('escaping', () => {
  it.each([
    ['plain', 'plain'],
    ['<&>', '&lt;&amp;&gt;'],
    ['a\rb', 'a&#13;b'],
    ['"\'\n\t', '"\'\n\t'],
  ])('escapeXmlText(%j)', (input, expected) => {
    expect(escapeXmlText(input)).toBe(expected);
  });

  it.each([
    ['plain', 'plain'],
    ['<&>"', '&lt;&amp;>&quot;'],
    ["'", "'"],
    ['a\nb\tc\rd', 'a&#10;b&#9;c&#13;d'],
  ])('escapeXmlAttribute(%j)', (input, expected) => {
    expect(escapeXmlAttribute(input)).toBe(expected);
  });
});
