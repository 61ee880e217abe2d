// structure/narrative-xhtml: the rule (metadata and messages) under which the walker reports checkNarrativeXhtml() results.
import { defineRule } from '../../rules/define-rule.js';
import type { XhtmlMessageId } from './check-narrative-xhtml.js';

const messages = {
  xhtmlMalformed: 'The narrative is not well-formed XML ({{reason}}, line {{line}}, column {{column}} of the div)',
  xhtmlRootNotDiv: "The narrative's root element must be a div, not '{{element}}'",
  xhtmlNamespace: "Narrative element '{{element}}' must be in the XHTML namespace (http://www.w3.org/1999/xhtml), not '{{namespace}}'",
  xhtmlElementNotAllowed: "The narrative must not contain the element '{{element}}'",
  xhtmlAttributeNotAllowed: "The narrative must not use the attribute '{{attribute}}' (on '{{element}}')",
  xhtmlEventHandler: "The narrative must not contain event handler attributes ('{{attribute}}' on '{{element}}')",
  xhtmlActiveUrl: "The narrative must not contain script: {{element}}/@{{attribute}} is '{{value}}'",
  xhtmlInvalidUrl: "The narrative has an invalid URL in {{element}}/@{{attribute}}: '{{value}}'",
  xhtmlActiveStyle: "The narrative must not contain script in a style attribute (on '{{element}}'): '{{value}}'",
  xhtmlDoctype: 'The narrative must not contain a DOCTYPE declaration',
  xhtmlEntity: "The narrative uses the entity '&{{entity}};'; only the XML entities (&lt; &gt; &amp; &quot; &apos;) and numeric character references are allowed",
  xhtmlProcessingInstruction: "The narrative must not contain processing instructions or an XML declaration ('<?{{target}} ...?>')",
  xhtmlBlockInParagraph: "The narrative has a block element '{{element}}' inside a paragraph (p)",
  xhtmlEmpty: 'The narrative must have some non-whitespace content (txt-2)',
} satisfies Record<XhtmlMessageId, string>;

/** Findings from checkNarrativeXhtml(): the txt-1/txt-2 rules and well-formedness of Narrative.div. */
export const narrativeXhtmlRule = defineRule({
  meta: {
    id: 'structure/narrative-xhtml',
    category: 'structure',
    description: 'Narrative XHTML must be a well-formed div using only the basic HTML the spec allows, with no active content',
    docsUrl: 'https://hl7.org/fhir/R4/narrative.html#xhtml',
    defaultSeverity: 'error',
    code: 'value',
    messages,
  },
});

export default narrativeXhtmlRule;
