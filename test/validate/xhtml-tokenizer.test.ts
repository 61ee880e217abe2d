// scanXhtml(): the events the narrative tokenizer reports, in order, with resolved namespaces and normalized values.
import { describe, expect, it } from 'vitest';
import { scanXhtml, type XhtmlEvents } from '../../src/validate/xhtml/xhtml-tokenizer.js';

const NS = 'http://www.w3.org/1999/xhtml';

/** The events for `xhtml` as short strings; undefined entities are accepted when `acceptEntities`. */
function events(xhtml: string, acceptEntities = true) {
  const log: string[] = [];
  const sink: XhtmlEvents = {
    openTag(tag) {
      const attrs = [];
      for (let a = 0; a < tag.attributeCount; a++) attrs.push(`${tag.attributeNames[a]!}=${JSON.stringify(tag.attributeValues[a]!)}`);
      log.push(`<${tag.name} local=${tag.local} uri=${tag.uri}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`);
    },
    closeTag: () => log.push('</>'),
    undefinedEntity: (name) => (log.push(`&${name};`), acceptEntities),
    doctype: () => log.push('doctype'),
    processingInstruction: (target) => log.push(`?${target}`),
    malformed: (reason, line, column) => log.push(`malformed ${reason} @${line}:${column}`),
  };
  return { log, ...scanXhtml(xhtml, sink) };
}

describe('scanXhtml', () => {
  it.each([
    ['elements and namespaces', `<div xmlns="${NS}"><p>a</p><br/></div>`,
      [`<div local=div uri=${NS} xmlns="${NS}">`, `<p local=p uri=${NS}>`, '</>', `<br local=br uri=${NS}>`, '</>', '</>']],
    ['prefixed names resolve through ancestors', `<h:div xmlns:h="${NS}"><h:p/></h:div>`,
      [`<h:div local=div uri=${NS} xmlns:h="${NS}">`, `<h:p local=p uri=${NS}>`, '</>', '</>']],
    ['a declaration ends with its element', `<div xmlns="${NS}"><p xmlns="urn:x"/><b/></div>`,
      [`<div local=div uri=${NS} xmlns="${NS}">`, '<p local=p uri=urn:x xmlns="urn:x">', '</>', `<b local=b uri=${NS}>`, '</>', '</>']],
    ['attribute values: references expanded, tab and line ends become spaces', '<div t="a&amp;b&#x41;\tc\r\nd&#10;"/>',
      ['<div local=div uri= t="a&bA c d\\n">', '</>']],
    ['undefined entities stand for themselves', '<div t="&copy;">&nbsp;</div>', ['&copy;', '<div local=div uri= t="&copy;">', '&nbsp;', '</>']],
    ['doctype and processing instructions', '<?xml version="1.0"?><!DOCTYPE div><div><?pi x?></div>',
      ['?xml', 'doctype', '<div local=div uri=>', '?pi', '</>']],
  ])('%s', (_name, xhtml, expected) => {
    const result = events(xhtml);
    expect(result.log).toEqual(expected);
    expect(result.wellFormed).toBe(true);
  });

  it.each([
    ['mismatched end tag, after CR LF line ends', '<div>\r\n<p>\r\nx</i>', 'unexpected close tag. @3:5'],
    ['an undefined entity refused by the events', '<div>&nbsp;</div>', 'undefined entity. @1:11'],
    ['unclosed element at the end', '<div><p>', 'unclosed tag: p @1:8'],
    ['a control character', '<div>a\u0001</div>', 'disallowed character. @1:7'],
    ['a surrogate pair counts as one column', '<div>😀<</div>', 'disallowed character in tag name @1:8'],
  ])('reports the first error: %s', (_name, xhtml, expected) => {
    const result = events(xhtml, false);
    expect(result.log.at(-1)).toBe(`malformed ${expected}`);
    expect(result.log.filter((e) => e.startsWith('malformed'))).toHaveLength(1);
    expect(result.wellFormed).toBe(false);
  });

  it.each([
    ['text in the root', '<div> x </div>', true],
    ['whitespace only', '<div> \n\t </div>', false],
    ['a no-break space from a reference', '<div>&#160;</div>', true],
    ['a whitespace reference', '<div>&#32;&#13;</div>', false],
    ['CDATA', '<div><![CDATA[x]]></div>', true],
    ['text only in a comment', '<div><!-- x --></div>', false],
  ])('notices character data: %s', (_name, xhtml, expected) => {
    expect(events(xhtml).characterData).toBe(expected);
  });
});
