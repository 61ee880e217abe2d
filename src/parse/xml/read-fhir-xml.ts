// Reads one FHIR XML document (https://hl7.org/fhir/R4/xml.html) into the FHIR JSON form with source positions.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Issue } from '../../model/issue.js';
import type { ParseOutcome } from '../parsed-resource.js';
import { offsetDecoder, PositionMap, packLineColumn, unpackLineColumn } from '../positions.js';
import { FhirJsonBuilder } from './fhir-json-builder.js';
import xmlDoctype from './rules/xml-doctype.js';
import xmlEntity from './rules/xml-entity.js';
import xmlMalformed from './rules/xml-malformed.js';
import xmlTooDeep from './rules/xml-too-deep.js';
import type { XmlSchema } from './xml-schema.js';

/** Default nesting limit: far beyond any real resource, far below anything that could hurt later recursive walkers. */
export const MAX_XML_DEPTH = 500;

export interface ReadFhirXmlOptions {
  /** Deepest element nesting accepted before the document is refused (default MAX_XML_DEPTH). */
  maxDepth?: number;
}

/** Thrown from inside saxes callbacks to stop parsing at the first fatal finding; never escapes this module. */
class ParseAbort {
  constructor(readonly issue: Issue) {}
}

/**
 * Reads FHIR XML text. Fatal findings (malformed XML, DOCTYPE, unknown entity, too deep, empty, binary) give
 * `{resources: [], issues: [fatal]}`; otherwise one resource whose `issues` hold the XML-only findings.
 * The caller decodes bytes to text; a leading byte-order mark is ignored.
 */
export function readFhirXml(text: string, source: string, schema: XmlSchema, options: ReadFhirXmlOptions = {}): ParseOutcome {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text)) {
    return fatal(xmlMalformed.issue({ messageId: 'empty', location: { source, line: 1, column: 1 } }));
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const at = offsetDecoder(text)(nul);
    return fatal(xmlMalformed.issue({ messageId: 'binary', location: { source, line: at.line, column: at.column } }));
  }
  return new XmlDocumentReader(text, source, schema, options.maxDepth ?? MAX_XML_DEPTH).read();
}

function fatal(issue: Issue): ParseOutcome {
  return { resources: [], issues: [issue] };
}

/** Wires saxes events to the builder; owns the document-level safety checks. */
class XmlDocumentReader {
  private readonly parser = new SaxesParser({ xmlns: true });
  private readonly builder: FhirJsonBuilder;
  private pendingPos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly source: string,
    schema: XmlSchema,
    private readonly maxDepth: number,
  ) {
    this.builder = new FhirJsonBuilder(source, schema, new PositionMap(unpackLineColumn));
  }

  read(): ParseOutcome {
    const p = this.parser;
    const b = this.builder;
    p.on('opentagstart', (tag) => {
      this.pendingPos = this.elementStart(tag.name);
    });
    p.on('opentag', (tag) => {
      if (++this.depth > this.maxDepth) this.abortTooDeep();
      b.open(tag as SaxesTagNS, this.pendingPos);
    });
    p.on('closetag', (tag) => {
      this.depth--;
      b.close(tag as SaxesTagNS);
    });
    p.on('text', (t) => b.text(t));
    p.on('cdata', (t) => b.text(t));
    p.on('doctype', () => this.abortDoctype());
    p.on('error', (err) => this.abortError(err));
    // Processing instructions and comments are ignored: no handler.
    try {
      p.write(this.text);
      p.close();
    } catch (e) {
      if (e instanceof ParseAbort) return fatal(e.issue);
      throw e;
    }
    // saxes has reported an error unless exactly one root element was read.
    return {
      resources: [{ value: b.result(), positions: b.positions, source: this.source, format: 'xml', issues: b.issues }],
      issues: [],
    };
  }

  /**
   * Position of the `<` of the tag whose name saxes just read. saxes has consumed the name and one following
   * character, so on the same line the start is `column - name.length - 1` (1-based). If that character was a
   * line break, find the `<` in the text instead.
   */
  private elementStart(name: string): number {
    const p = this.parser;
    const column = p.column - name.length - 1;
    if (column >= 1) return packLineColumn(p.line, column);
    const lt = this.text.lastIndexOf('<', p.position - 1);
    const lineStart = this.text.lastIndexOf('\n', lt - 1) + 1;
    return packLineColumn(p.line - 1, lt - lineStart + 1);
  }

  private location(pos?: number) {
    const at = unpackLineColumn(pos ?? packLineColumn(this.parser.line, this.parser.column + 1));
    const expression = this.builder.expression();
    return { source: this.source, ...(expression ? { expression } : {}), line: at.line, column: at.column };
  }

  private abortTooDeep(): never {
    throw new ParseAbort(xmlTooDeep.issue({ messageId: 'tooDeep', data: { max: this.maxDepth }, location: this.location(this.pendingPos) }));
  }

  private abortDoctype(): never {
    // saxes reports the DOCTYPE once it has read all of it (without expanding anything); point at its start.
    const start = this.text.lastIndexOf('<!DOCTYPE', this.parser.position);
    const at = start >= 0 ? offsetDecoder(this.text)(start) : undefined;
    const location = at ? { source: this.source, line: at.line, column: at.column } : this.location();
    throw new ParseAbort(xmlDoctype.issue({ messageId: 'doctype', location }));
  }

  private abortError(err: Error): never {
    // saxes messages read "line:column: detail"; the position is taken from the parser itself.
    const detail = err.message.replace(/^\d+:\d+: /, '');
    // An unterminated DOCTYPE before the root is still a DOCTYPE: classify it as such.
    if (!this.builder.hasRoot() && this.text.lastIndexOf('<!DOCTYPE', this.parser.position) !== -1) this.abortDoctype();
    const location = this.location();
    if (detail.startsWith('undefined entity')) {
      throw new ParseAbort(xmlEntity.issue({ messageId: 'undefinedEntity', location }));
    }
    throw new ParseAbort(xmlMalformed.issue({ messageId: 'malformed', data: { detail }, location }));
  }
}
