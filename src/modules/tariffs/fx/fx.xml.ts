/**
 * Bytes to text (byte-order marks, declared encodings, strict decoding with the line of a bad byte) and
 * a small XML reader made for the Bank of Russia's narrow format, tracking line numbers; no XML library,
 * no DTDs.
 */
import { FxParseError, type FxParseErrorParams, lookup } from "./fx.parse.shared.ts";

// ---- Bytes to text ----

export function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

function decoderFor(label: string, fatal: boolean) {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: true });
  } catch {
    throw new FxParseError("UNSUPPORTED_ENCODING", 1, { encoding: label });
  }
}

/** Decodes strictly: invalid bytes are an error on the line where they are, never U+FFFD in a rate. */
export function decodeStrict(bytes: Uint8Array, label: string): string {
  const decoder = decoderFor(label, true);
  try {
    return decoder.decode(bytes);
  } catch {
    const loose = decoderFor(label, false).decode(bytes);
    const at = loose.indexOf("\uFFFD");
    throw new FxParseError("BAD_ENCODING", lineOfOffset(loose, at === -1 ? 0 : at), {
      encoding: decoder.encoding,
    });
  }
}

export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) line++;
  }
  return line;
}

const XML_DECLARED_ENCODING = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/i;

/**
 * A byte-order mark wins; otherwise the XML declaration's `encoding` (any label TextDecoder knows, e.g.
 * windows-1251 as the CBR declares); otherwise UTF-8, the XML default. Line breaks are normalized to LF
 * as XML requires, so CRLF and LF files read alike.
 */
export function decodeXml(bytes: Uint8Array): string {
  const bom = bomOf(bytes);
  let encoding = bom?.encoding;
  if (encoding === undefined) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
    encoding = XML_DECLARED_ENCODING.exec(head)?.[2]?.trim() || "utf-8";
  }
  return decodeStrict(bytes.subarray(bom?.length ?? 0), encoding).replace(/\r\n?/g, "\n");
}

// ---- A small XML reader ----

export interface XmlElement {
  name: string;
  /** Line of the start tag. */
  line: number;
  attributes: Map<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, entities decoded, untrimmed. */
  text: string;
}

const XML_NAME = /[A-Za-z_:\u00C0-\uFFFF][-\w.:\u00B7-\uFFFF]*/y;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function countLf(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (s.charCodeAt(k) === 10) n++;
  return n;
}

export function malformed(line: number, reason: string, params: FxParseErrorParams = {}): FxParseError {
  return new FxParseError("XML_MALFORMED", line, { reason, ...params });
}

/** Resolves the five predefined entities and character references; anything else is an error. */
function decodeEntities(s: string, line: number): string {
  if (!s.includes("&")) return s;
  let out = "";
  let from = 0;
  for (;;) {
    const amp = s.indexOf("&", from);
    if (amp === -1) return out + s.slice(from);
    const semi = s.indexOf(";", amp);
    const ref = semi === -1 ? "" : s.slice(amp + 1, semi);
    let ch = lookup(NAMED_ENTITIES, ref);
    const num = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (num) {
      const cp = num[1] !== undefined ? Number.parseInt(num[1], 16) : Number(num[2]);
      if (isXmlChar(cp)) ch = String.fromCodePoint(cp);
    }
    if (ch === undefined) {
      const shown = s.slice(amp, semi === -1 || semi - amp > 12 ? amp + 12 : semi + 1);
      throw malformed(line + countLf(s, 0, amp), "bad_entity", { entity: shown });
    }
    out += s.slice(from, amp) + ch;
    from = semi + 1;
  }
}

/**
 * Reads a well-formed XML document (after line-break normalization) into an element tree: elements,
 * attributes in ' or ", text, the predefined entities and character references, comments, processing
 * instructions, CDATA, and a DOCTYPE without an internal subset. The root must be `rootName`; that is
 * checked as soon as the root starts, so an HTML error page is reported as such.
 */
export function readXml(text: string, rootName: string): XmlElement {
  const firstContent = text.search(/\S/);
  if (firstContent === -1) throw new FxParseError("EMPTY_FILE", 1, { reason: "no_content" });
  if (text[firstContent] !== "<") throw malformed(lineOfOffset(text, firstContent), "not_xml");

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let pos = 0;
  let line = 1;
  const moveTo = (to: number): void => {
    line += countLf(text, pos, to);
    pos = to;
  };
  const lineAt = (p: number): number => line + countLf(text, pos, p);
  const skipSpace = (p: number): number => {
    let q = p;
    while (q < text.length && /\s/.test(text.charAt(q))) q++;
    return q;
  };
  const closing = (from: number, token: string, reason: string): number => {
    const at = text.indexOf(token, from);
    if (at === -1) throw malformed(line, reason);
    return at + token.length;
  };

  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    const textEnd = lt === -1 ? text.length : lt;
    if (textEnd > pos) {
      const chunk = text.slice(pos, textEnd);
      const parent = stack.at(-1);
      if (parent) parent.text += decodeEntities(chunk, line);
      else if (chunk.trim() !== "") throw malformed(lineAt(pos + chunk.search(/\S/)), "text_outside_root");
      moveTo(textEnd);
    }
    if (lt === -1) break;

    if (text.startsWith("<!--", pos)) {
      moveTo(closing(pos + 4, "-->", "unclosed_comment"));
    } else if (text.startsWith("<![CDATA[", pos)) {
      const end = closing(pos + 9, "]]>", "unclosed_cdata");
      const parent = stack.at(-1);
      if (!parent) throw malformed(line, "text_outside_root");
      parent.text += text.slice(pos + 9, end - 3);
      moveTo(end);
    } else if (text.startsWith("<!", pos)) {
      if (!text.startsWith("<!DOCTYPE", pos) || root !== null) throw malformed(line, "unexpected_markup");
      const end = closing(pos, ">", "unclosed_tag");
      // An internal subset could declare entities; this reader expands none, so it refuses them.
      if (text.slice(pos, end).includes("[")) throw malformed(line, "dtd_not_supported");
      moveTo(end);
    } else if (text.startsWith("<?", pos)) {
      moveTo(closing(pos + 2, "?>", "unclosed_processing_instruction"));
    } else if (text.startsWith("</", pos)) {
      XML_NAME.lastIndex = pos + 2;
      const name = XML_NAME.exec(text)?.[0];
      if (name === undefined) throw malformed(line, "bad_name");
      const end = skipSpace(pos + 2 + name.length);
      if (text[end] !== ">") throw malformed(lineAt(end), "unclosed_tag", { element: name });
      const open = stack.pop();
      if (!open) throw malformed(line, "unexpected_end_tag", { element: name });
      if (open.name !== name) {
        throw malformed(line, "mismatched_tag", { expected: open.name, found: name, openedAt: open.line });
      }
      moveTo(end + 1);
    } else {
      XML_NAME.lastIndex = pos + 1;
      const name = XML_NAME.exec(text)?.[0];
      if (name === undefined) throw malformed(line, "bad_name");
      const element: XmlElement = { name, line, attributes: new Map(), children: [], text: "" };
      let p = pos + 1 + name.length;
      let selfClosing = false;
      for (;;) {
        const afterSpace = skipSpace(p);
        const c = text[afterSpace];
        if (c === ">" || (c === "/" && text[afterSpace + 1] === ">")) {
          selfClosing = c === "/";
          p = afterSpace + (selfClosing ? 2 : 1);
          break;
        }
        if (c === undefined || c === "<" || c === "/") {
          throw malformed(lineAt(afterSpace), "unclosed_tag", { element: name });
        }
        XML_NAME.lastIndex = afterSpace;
        const attribute = XML_NAME.exec(text)?.[0];
        if (afterSpace === p || attribute === undefined) {
          throw malformed(lineAt(afterSpace), "bad_attribute", { element: name });
        }
        let q = skipSpace(afterSpace + attribute.length);
        if (text[q] !== "=") throw malformed(lineAt(q), "bad_attribute", { element: name, attribute });
        q = skipSpace(q + 1);
        const quote = text[q];
        if (quote !== '"' && quote !== "'") {
          throw malformed(lineAt(q), "bad_attribute", { element: name, attribute });
        }
        const close = text.indexOf(quote, q + 1);
        const raw = close === -1 ? "" : text.slice(q + 1, close);
        if (close === -1 || raw.includes("<")) {
          throw malformed(lineAt(q), "bad_attribute", { element: name, attribute });
        }
        if (element.attributes.has(attribute)) {
          throw malformed(lineAt(afterSpace), "duplicate_attribute", { element: name, attribute });
        }
        element.attributes.set(attribute, decodeEntities(raw, lineAt(q)).replace(/[\t\n]/g, " "));
        p = close + 1;
      }
      const parent = stack.at(-1);
      if (parent) {
        parent.children.push(element);
      } else {
        if (root !== null) throw malformed(line, "multiple_roots", { element: name });
        if (name !== rootName) throw new FxParseError("BAD_ROOT", line, { expected: rootName, found: name });
        root = element;
      }
      if (!selfClosing) stack.push(element);
      moveTo(p);
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed)
    throw malformed(line, "unclosed_element", { element: unclosed.name, openedAt: unclosed.line });
  if (root === null) throw new FxParseError("EMPTY_FILE", line, { reason: "no_content" });
  return root;
}
