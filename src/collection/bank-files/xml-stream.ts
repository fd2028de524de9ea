import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";
import { BankFileError } from "./bank-file-error.js";

/**
 * A streaming XML reader that materialises only small pieces. Elements named in `containers`
 * (when their parent is a container too, starting from the root) are never built: the reader
 * reports them as `open` and `close`. Every other element that sits directly in a container is
 * built whole and reported as one `child` event, then forgotten. For camt.054 the containers are
 * Document … Ntfctn, Ntry and NtryDtls, so memory holds one TxDtls at a time however many the
 * file has.
 *
 * The reader refuses DOCTYPE declarations (see xml-safety.ts) and stops at the first
 * well-formedness error with its line.
 */
export interface XmlNode {
  readonly name: string;
  readonly namespace: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  text: string;
  /** Line of the start tag. */
  readonly line: number;
}

export type XmlStreamEvent =
  | { readonly kind: "open"; readonly node: XmlNode }
  | { readonly kind: "child"; readonly node: XmlNode; readonly parent: string }
  | { readonly kind: "close"; readonly name: string; readonly line: number };

export async function* streamXml(
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  containers: ReadonlySet<string>,
): AsyncGenerator<XmlStreamEvent, void, undefined> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const queue: XmlStreamEvent[] = [];
  const stack: { node: XmlNode; container: boolean }[] = [];
  let failure: BankFileError | null = null;

  parser.on("doctype", () => {
    failure ??= new BankFileError("unsafe_xml", "the document has a DOCTYPE declaration; bank files with DTDs are refused", `line ${parser.line}`);
  });
  parser.on("error", (e) => {
    failure ??= new BankFileError("invalid_xml", `not well-formed XML: ${e.message}`, `line ${parser.line}`);
  });
  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1];
    const attributes: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attributes[a.local] = a.value;
    const node: XmlNode = { name: tag.local, namespace: tag.uri, attributes, children: [], text: "", line: parser.line };
    const container = containers.has(tag.local) && (parent === undefined || parent.container);
    if (container) queue.push({ kind: "open", node });
    else if (parent !== undefined && !parent.container) parent.node.children.push(node);
    stack.push({ node, container });
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top !== undefined && !top.container) top.node.text += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    const top = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (top.container) queue.push({ kind: "close", name: top.node.name, line: parser.line });
    else if (parent?.container) queue.push({ kind: "child", node: top.node, parent: parent.node.name });
  });

  const decoder = new StringDecoder("utf8");
  for await (const chunk of chunks) {
    parser.write(typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer));
    if (failure !== null) throw failure;
    yield* queue.splice(0);
  }
  parser.write(decoder.end());
  parser.close();
  if (failure !== null) throw failure;
  yield* queue.splice(0);
}

/** The first descendant along `path` ("RmtInf/Strd/CdtrRefInf"), or undefined. */
export function first(node: XmlNode | undefined, path: string): XmlNode | undefined {
  return node === undefined ? undefined : all(node, path)[0];
}

/** Every descendant along `path`, in document order. */
export function all(node: XmlNode, path: string): XmlNode[] {
  let level = [node];
  for (const name of path.split("/")) level = level.flatMap((n) => n.children.filter((c) => c.name === name));
  return level;
}

/** The trimmed text at `path`, or undefined when absent or empty. */
export function textAt(node: XmlNode | undefined, path: string): string | undefined {
  const text = first(node, path)?.text.trim();
  return text === undefined || text === "" ? undefined : text;
}
