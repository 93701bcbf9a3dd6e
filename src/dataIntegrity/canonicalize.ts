// Canonical N-Quads (RDFC-1.0) of a JSON-LD document. Fast path: the compiled contexts turn the
// document into triples directly, and blank nodes are labelled by their first-degree hashes. Two
// blank nodes with one hash (identical siblings) need the n-degree step: those graphs, and any
// document outside the compiled subset, go to the general path (jsonld in safe mode, then
// rdf-canonize), loaded only when needed so a browser bundle does not carry it.
import { Unsupported } from "./compiledContext.ts";
import { documentLoader } from "./contexts.ts";
import { DataIntegrityError } from "./errors.ts";
import { expandToTriples, type Graph, type Triple } from "./expandToQuads.ts";
import { sha256TextHex } from "./nativeCrypto.ts";

/** The canonical N-Quads of `document`, by the fast path when it applies. */
export async function canonicalNQuads(document: Record<string, unknown>): Promise<string> {
  const fast = fastCanonicalNQuads(document);
  if (fast.nquads !== undefined) return fast.nquads;
  if (fast.graph !== undefined) return canonizeNQuads(serialize(fast.graph, (n) => `b${n}`));
  return generalCanonicalNQuads(document);
}

/**
 * The fast path alone: `nquads` when it canonicalised the document; `graph` when the document is
 * in the compiled subset but has tied blank nodes; neither when the document is outside it.
 */
export function fastCanonicalNQuads(document: Record<string, unknown>): {
  nquads?: string;
  graph?: Graph;
} {
  let graph: Graph;
  try {
    graph = expandToTriples(document);
  } catch (error) {
    if (error instanceof Unsupported) return {};
    throw error;
  }
  const labels = labelBlankNodes(graph);
  if (labels === undefined) return { graph };
  return { nquads: serialize(graph, (n) => labels[n]!) };
}

function line(triple: Triple, label: (node: number) => string): string {
  const subject = triple.subjectNode < 0 ? triple.subject : `_:${label(triple.subjectNode)}`;
  const object = triple.objectNode < 0 ? triple.object : `_:${label(triple.objectNode)}`;
  return `${subject} ${triple.predicate} ${object} .\n`;
}

function serialize(graph: Graph, label: (node: number) => string): string {
  return graph.triples
    .map((triple) => line(triple, label))
    .sort()
    .join("");
}

/** RDFC-1.0 canonical labels from first-degree hashes; undefined when two hashes tie. */
function labelBlankNodes(graph: Graph): string[] | undefined {
  const count = graph.blankNodes;
  if (count === 0) return [];
  const mentions: Triple[][] = Array.from({ length: count }, () => []);
  for (const triple of graph.triples) {
    if (triple.subjectNode >= 0) mentions[triple.subjectNode]!.push(triple);
    if (triple.objectNode >= 0 && triple.objectNode !== triple.subjectNode)
      mentions[triple.objectNode]!.push(triple);
  }
  const hashes: string[] = [];
  for (let node = 0; node < count; node++) {
    const lines = mentions[node]!.map((t) => line(t, (n) => (n === node ? "a" : "z"))).sort();
    hashes.push(sha256TextHex(lines.join("")));
  }
  const order = hashes.map((hash, node) => ({ hash, node }));
  order.sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
  const labels: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    if (i > 0 && order[i]!.hash === order[i - 1]!.hash) return undefined;
    labels[order[i]!.node] = `c14n${i}`;
  }
  return labels;
}

// Module names in variables: bundlers leave these imports alone, so the general path (and its
// ~100 KB) is loaded only in Node or wherever it is installed, only when a document needs it.
const JSONLD = "jsonld";
const RDF_CANONIZE = "rdf-canonize";

type Canonize = {
  canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
};

async function loadCanonize(): Promise<Canonize> {
  return (await import(RDF_CANONIZE)) as Canonize;
}

async function canonizeNQuads(nquads: string): Promise<string> {
  const { canonize } = await loadCanonize();
  return canonize(nquads, { algorithm: "RDFC-1.0", inputFormat: "application/n-quads" });
}

/** The general path: jsonld's toRDF in safe mode with the offline loader, then rdf-canonize. */
export async function generalCanonicalNQuads(document: Record<string, unknown>): Promise<string> {
  const jsonld = ((await import(JSONLD)) as { default: JsonLd }).default;
  const { canonize } = await loadCanonize();
  let dataset: unknown;
  try {
    dataset = await jsonld.toRDF(document, { documentLoader, safe: true });
  } catch (error) {
    const known = findDataIntegrityError(error);
    if (known !== undefined) throw known;
    throw new DataIntegrityError(
      "DATA_INTEGRITY_DOCUMENT_UNSUPPORTED",
      `The document cannot be canonicalised in JSON-LD safe mode: ${(error as Error).message}. Every term must be defined by the contexts it names.`,
      { reason: (error as Error).message },
      { cause: error },
    );
  }
  return canonize(dataset, { algorithm: "RDFC-1.0" });
}

type JsonLd = {
  toRDF(document: unknown, options: Record<string, unknown>): Promise<unknown>;
};

function findDataIntegrityError(error: unknown): DataIntegrityError | undefined {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    if (e instanceof DataIntegrityError) return e;
    const next = e as { cause?: unknown; details?: { cause?: unknown } };
    e = next.details?.cause ?? next.cause;
  }
  return undefined;
}
