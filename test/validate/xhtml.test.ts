// checkNarrativeXhtml / htmlChecks: one valid and one invalid case per messageId, every allowed element and attribute.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/util/shared-data.js';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS } from '../../src/validate/xhtml/allowed-html.js';
import { checkNarrativeXhtml, htmlChecks, narrativeXhtmlRule } from '../../src/validate/xhtml/index.js';

const NS = 'http://www.w3.org/1999/xhtml';
/** A narrative div around `inner`. */
const div = (inner: string, attrs = '') => `<div xmlns="${NS}"${attrs}>${inner}</div>`;
const ids = (xhtml: string) => checkNarrativeXhtml(xhtml).map((p) => p.messageId);
const fixture = (name: string) => readFileSync(path.join(projectRoot, 'fixtures/validate/xhtml', name), 'utf8');

type Row = [name: string, xhtml: string, messageIds: string[]];

const rows: Row[] = [
  // well-formedness
  ['simple text', div('Hello'), []],
  ['unclosed element', div('<p>text'), ['xhtmlMalformed']],
  ['mismatched end tag', div('<b>text</i>'), ['xhtmlMalformed']],
  ['bare ampersand', div('fish & chips'), ['xhtmlMalformed']],
  ['bare ampersand before a semicolon', div('fish & chips;'), ['xhtmlMalformed']],
  ['unquoted attribute', div('<p class=x>t</p>'), ['xhtmlMalformed']],
  ['two root elements', `${div('a')}${div('b')}`, ['xhtmlMalformed']],
  ['text after the root', `${div('a')}trailing`, ['xhtmlMalformed']],
  ['HTML, not XML: unclosed br', div('a<br>b'), ['xhtmlMalformed']],
  ['plain text, no markup', 'just text', ['xhtmlMalformed']],
  ['unbound prefix', div('<x:b>t</x:b>'), ['xhtmlMalformed']],

  // root element and namespace
  ['root is a p', `<p xmlns="${NS}">text</p>`, ['xhtmlRootNotDiv']],
  ['root is html', `<html xmlns="${NS}"><body><p>t</p></body></html>`, ['xhtmlRootNotDiv', 'xhtmlElementNotAllowed', 'xhtmlElementNotAllowed']],
  ['no namespace', '<div>text</div>', ['xhtmlNamespace']],
  ['no namespace, children not flagged again', '<div><p>a</p><b>b</b></div>', ['xhtmlNamespace']],
  ['wrong namespace', '<div xmlns="http://hl7.org/fhir">text</div>', ['xhtmlNamespace']],
  ['prefixed XHTML root', `<h:div xmlns:h="${NS}"><h:p>text</h:p></h:div>`, []],
  ['SVG inside', div(`<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>text`),
    ['xhtmlNamespace', 'xhtmlElementNotAllowed', 'xhtmlElementNotAllowed', 'xhtmlAttributeNotAllowed']],

  // elements
  ['script', div('<script>alert(1)</script>text'), ['xhtmlElementNotAllowed']],
  ['upper-case P is not p', div('<P>text</P>'), ['xhtmlElementNotAllowed']],

  // attributes
  ['event handler', div('<p onclick="x()">t</p>'), ['xhtmlEventHandler']],
  ['event handler, any case', div('<img src="a.png" OnError="x()"/>'), ['xhtmlEventHandler']],
  ['target attribute', div('<a href="#a" target="_blank">t</a>'), ['xhtmlAttributeNotAllowed']],
  ['data-* attribute', div('<span data-x="1">t</span>'), ['xhtmlAttributeNotAllowed']],
  ['xlink:href', div('<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#a">t</a>'), ['xhtmlAttributeNotAllowed']],
  ['usemap on img', div('<img src="a.png" usemap="#m"/>'), []],
  ['usemap on span', div('<span usemap="#m">t</span>'), ['xhtmlAttributeNotAllowed']],
  ['xml:lang and xml:space', div('<p xml:space="preserve">t</p>', ' xml:lang="en-GB"'), []],

  // URLs
  ['fragment link', div('<a href="#sec">t</a>'), []],
  ['relative link', div('<a href="Patient/123">t</a>'), []],
  ['absolute link with query', div('<a href="https://example.org/p?x=1&amp;y=2">t</a>'), []],
  ['non-ASCII letters', div('<a href="https://example.org/café">t</a>'), []],
  ['a name, no href', div('<a name="anchor">t</a>'), []],
  ['javascript: URL', div('<a href="javascript:alert(1)">t</a>'), ['xhtmlActiveUrl']],
  ['JavaScript: mixed case, leading space', div('<a href=" JavaScript:alert(1)">t</a>'), ['xhtmlActiveUrl']],
  ['java&#9;script: (tab in scheme)', div('<a href="java&#9;script:alert(1)">t</a>'), ['xhtmlActiveUrl']],
  ['vbscript: URL', div('<img src="vbscript:msgbox(1)"/>'), ['xhtmlActiveUrl']],
  ['data: HTML link', div('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">t</a>'), ['xhtmlActiveUrl']],
  ['data: SVG link', div('<a href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">t</a>'), ['xhtmlActiveUrl']],
  ['data: SVG image', div('<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'), []],
  ['data: PNG image', div('<img src="data:image/png;base64,iVBORw0KGgo="/>'), []],
  ['empty href', div('<a href="">t</a>'), ['xhtmlInvalidUrl']],
  ['space in URL', div('<a href="https://example.org/a b">t</a>'), ['xhtmlInvalidUrl']],
  ['angle bracket in URL', div('<a href="https://example.org/&lt;x">t</a>'), ['xhtmlInvalidUrl']],
  ['data: URL without a comma', div('<img src="data:image/png;base64"/>'), ['xhtmlInvalidUrl']],
  ['data: URL with bad base64', div('<img src="data:image/png;base64,abc"/>'), ['xhtmlInvalidUrl']],

  // style attributes
  ['plain style', div('<span style="color: red; font-weight: bold">t</span>'), []],
  ['CSS expression()', div('<span style="width: expression(alert(1))">t</span>'), ['xhtmlActiveStyle']],
  ['script URL in CSS', div('<p style="background: url(javascript:alert(1))">t</p>'), ['xhtmlActiveStyle']],
  ['CSS behavior', div('<p style="behavior: url(x.htc)">t</p>'), ['xhtmlActiveStyle']],
  ['CSS -moz-binding', div('<p style="-moz-binding: url(x.xml#y)">t</p>'), ['xhtmlActiveStyle']],

  // DOCTYPE, entities, processing instructions
  ['DOCTYPE', `<!DOCTYPE div>${div('t')}`, ['xhtmlDoctype']],
  ['DOCTYPE declaring an entity', `<!DOCTYPE div [<!ENTITY x "y">]>${div('&x;')}`, ['xhtmlDoctype', 'xhtmlEntity']],
  ['&nbsp;', div('a&nbsp;b'), ['xhtmlEntity']],
  ['&copy; in an attribute', div('<span title="&copy;">t</span>'), ['xhtmlEntity']],
  ['XML entities and character references', div('&lt;&gt;&amp;&quot;&apos;&#160;&#xA0;'), []],
  ['XML declaration', `<?xml version="1.0" encoding="UTF-8"?>${div('t')}`, ['xhtmlProcessingInstruction']],
  ['processing instruction', div('<?php echo 1; ?>t'), ['xhtmlProcessingInstruction']],
  ['comment', div('<!-- note -->t'), []],
  ['CDATA section', div('<![CDATA[a < b]]>'), []],

  // block elements inside a paragraph
  ['div inside p', div('<p><div>t</div></p>'), ['xhtmlBlockInParagraph']],
  ['list deep inside p', div('<p><span><ul><li>t</li></ul></span></p>'), ['xhtmlBlockInParagraph']],
  ['p inside p', div('<p>a<p>b</p></p>'), ['xhtmlBlockInParagraph']],
  ['blocks beside paragraphs', div('<p>a</p><ul><li>b</li></ul><table><tr><td><p>c</p></td></tr></table>'), []],

  // content (txt-2)
  ['self-closed empty div', `<div xmlns="${NS}"/>`, ['xhtmlEmpty']],
  ['whitespace only', div('  \n\t  '), ['xhtmlEmpty']],
  ['empty elements only', div('<p> </p><br/><hr/>'), ['xhtmlEmpty']],
  ['comment only', div('<!-- nothing -->'), ['xhtmlEmpty']],
  ['img without src', div('<img alt="x"/>'), ['xhtmlEmpty']],
  ['img with src counts as content', div('<img src="Binary/1"/>'), []],
  ['a no-break space counts as content', div('&#160;'), []],
  ['text in CDATA counts as content', div('<![CDATA[x]]>'), []],
];

describe('checkNarrativeXhtml', () => {
  it.each(rows)('%s', (_name, xhtml, expected) => {
    expect(ids(xhtml).sort()).toEqual([...expected].sort());
  });

  it.each([...ALLOWED_ELEMENTS])('allows the element <%s>', (name) => {
    expect(ids(div(`<${name}>t</${name}>`))).toEqual([]);
  });

  it.each([
    'html', 'head', 'body', 'script', 'noscript', 'style', 'form', 'input', 'button', 'select', 'textarea', 'iframe',
    'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'base', 'link', 'meta', 'title', 'font', 'center', 'u',
    's', 'strike', 'svg', 'math', 'video', 'audio', 'source', 'canvas', 'template', 'marquee', 'blink',
  ])('rejects the element <%s>', (name) => {
    expect(checkNarrativeXhtml(div(`text<${name}>t</${name}>`))).toEqual([
      { messageId: 'xhtmlElementNotAllowed', data: { element: name } },
    ]);
  });

  it.each([...ALLOWED_ATTRIBUTES])('allows the attribute %s', (name) => {
    expect(ids(div(`<span ${name}="x">t</span>`))).toEqual([]);
  });

  it.each([
    'onclick', 'onload', 'onerror', 'onmouseover', 'onfocus', 'onanimationstart',
  ])('reports the event handler %s', (name) => {
    expect(checkNarrativeXhtml(div(`<span ${name}="x()">t</span>`))).toEqual([
      { messageId: 'xhtmlEventHandler', data: { attribute: name, element: 'span' } },
    ]);
  });

  it.each([
    'target', 'action', 'method', 'formaction', 'srcset', 'background', 'contenteditable', 'draggable', 'hidden',
    'role', 'aria-label', 'xml:base',
  ])('rejects the attribute %s', (name) => {
    expect(checkNarrativeXhtml(div(`<span ${name}="x">t</span>`))).toEqual([
      { messageId: 'xhtmlAttributeNotAllowed', data: { attribute: name, element: 'span' } },
    ]);
  });

  it('reports each distinct finding once', () => {
    const found = checkNarrativeXhtml(div('<font>a</font><font>b</font><u>c</u><font>d</font>'));
    expect(found).toEqual([
      { messageId: 'xhtmlElementNotAllowed', data: { element: 'font' } },
      { messageId: 'xhtmlElementNotAllowed', data: { element: 'u' } },
    ]);
  });

  it('says where the XML broke, and reports nothing after that', () => {
    const found = checkNarrativeXhtml(`<div xmlns="${NS}">\n<p>ok</p>\n<b>x</i><script/></div>`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ messageId: 'xhtmlMalformed', data: { line: 3 } });
    expect(typeof found[0]!.data!.reason).toBe('string');
  });

  it('accepts a rich narrative that uses every kind of allowed content', () => {
    expect(checkNarrativeXhtml(fixture('rich-valid.xhtml'))).toEqual([]);
  });

  it('finds every injection in a hostile narrative', () => {
    expect(checkNarrativeXhtml(fixture('script-injection.xhtml'))).toEqual([
      { messageId: 'xhtmlEventHandler', data: { attribute: 'onclick', element: 'p' } },
      { messageId: 'xhtmlElementNotAllowed', data: { element: 'script' } },
      { messageId: 'xhtmlActiveUrl', data: { attribute: 'href', element: 'a', value: 'javascript:alert(document.cookie)' } },
      { messageId: 'xhtmlEventHandler', data: { attribute: 'onerror', element: 'img' } },
      { messageId: 'xhtmlElementNotAllowed', data: { element: 'iframe' } },
      { messageId: 'xhtmlElementNotAllowed', data: { element: 'form' } },
      { messageId: 'xhtmlAttributeNotAllowed', data: { attribute: 'action', element: 'form' } },
      { messageId: 'xhtmlElementNotAllowed', data: { element: 'input' } },
      { messageId: 'xhtmlActiveStyle', data: { element: 'span', value: 'width: expression(alert(1))' } },
      {
        messageId: 'xhtmlActiveUrl',
        data: { attribute: 'href', element: 'a', value: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' },
      },
    ]);
  });
});

describe('htmlChecks (FHIRPath, for txt-1 and txt-2)', () => {
  it('is true for an acceptable narrative', () => {
    expect(htmlChecks(div('<p>Hello</p>'))).toBe(true);
    expect(htmlChecks(fixture('rich-valid.xhtml'))).toBe(true);
  });

  it.each([
    ['a disallowed element', div('<script/>text')],
    ['a disallowed attribute', div('<p onclick="x">t</p>')],
    ['no content (txt-2)', div(' ')],
    ['malformed XML', div('<p>')],
  ])('is false for %s', (_name, xhtml) => {
    expect(htmlChecks(xhtml)).toBe(false);
  });
});

describe('structure/narrative-xhtml rule', () => {
  it('has the metadata the registry expects', () => {
    expect(narrativeXhtmlRule.meta).toMatchObject({
      id: 'structure/narrative-xhtml',
      category: 'structure',
      code: 'value',
      defaultSeverity: 'error',
      docsUrl: 'https://hl7.org/fhir/R4/narrative.html#xhtml',
    });
  });

  it('renders every message the checks return, with every placeholder filled', () => {
    const seen = new Set<string>();
    for (const [, xhtml] of rows) {
      for (const p of checkNarrativeXhtml(xhtml)) {
        seen.add(p.messageId);
        const issue = narrativeXhtmlRule.issue({ ...p, location: { source: 't.json', expression: 'Patient.text.div' } });
        expect(issue.message, p.messageId).not.toMatch(/\{\{/);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(narrativeXhtmlRule.meta.messages).sort());
  });
});
