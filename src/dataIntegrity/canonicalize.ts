// Canonical N-Quads (RDFC-1.0) of a JSON-LD document. Fast path: the compiled contexts turn the
// document into triples directly and rdfc10.ts labels the blank nodes. A document outside the
// compiled subset goes to the general path (jsonld in safe mode, then rdf-canonize): the caller's
// canonicaliser when it passes one (the verifier always does: @credanchor/sdk/jsonld, or one that
// says it is missing), else the packages loaded by name at run time (Node signers), so a browser
// bundle never carries them.
import { Unsupported } from "./compiledContext.ts";
import { documentLoader } from "./contexts.ts";
import { DataIntegrityError } from "./errors.ts";
import { expandToTriples, type Graph } from "./expandToQuads.ts";
import { canonicalLabels, TooManyPermutations } from "./rdfc10.ts";

/** The general path as a function: canonical N-Quads of any JSON-LD document it can read. */
export type Canonicalizer = (document: Record<string, unknown>) => Promise<string>;

/**
 * The canonical N-Quads of `document`, by the fast path when it applies, else by `general`
 * (default: jsonld and rdf-canonize loaded by name).
 */
export async function canonicalNQuads(
  document: Record<string, unknown>,
  general?: Canonicalizer,
): Promise<string> {
  const fast = fastCanonicalNQuads(document);
  if (fast.nquads !== undefined) return fast.nquads;
  if (general !== undefined) return general(document);
  if (fast.graph !== undefined) return canonizeNQuads(serialize(fast.graph, (n) => `b${n}`));
  return generalCanonicalNQuads(document);
}

/**
 * The fast path alone: `nquads` when it canonicalised the document (`tied` when that took the
 * n-degree step); only `graph` when the document's triples are known but its blank nodes need
 * more permutations than the fast path tries; neither when the document is outside its subset.
 */
export function fastCanonicalNQuads(document: Record<string, unknown>): {
  nquads?: string;
  tied?: boolean;
  graph?: Graph;
} {
  let graph: Graph;
  try {
    graph = expandToTriples(document);
  } catch (error) {
    if (error instanceof Unsupported) return {};
    throw error;
  }
  let labels: ReturnType<typeof canonicalLabels>;
  try {
    labels = canonicalLabels(graph);
  } catch (error) {
    if (error instanceof TooManyPermutations) return { graph };
    throw error;
  }
  return { nquads: serialize(graph, (n) => labels[n]!), tied: labels.tied };
}

function serialize(graph: Graph, label: (node: number) => string): string {
  return graph.triples
    .map((triple) => {
      const subject = triple.subjectNode < 0 ? triple.subject : `_:${label(triple.subjectNode)}`;
      const object = triple.objectNode < 0 ? triple.object : `_:${label(triple.objectNode)}`;
      return `${subject} ${triple.predicate} ${object} .\n`;
    })
    .sort()
    .join("");
}

// Module names in variables: bundlers leave these imports alone, so the general path (and its
// ~100 KB) is loaded only in Node or wherever it is installed, only when a document needs it.
const JSONLD = "jsonld";
const RDF_CANONIZE = "rdf-canonize";

export type Canonize = {
  canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
};

/** Loads an optional module of the general path, or says which one to install. */
async function loadGeneral(name: string): Promise<unknown> {
  try {
    return await import(name);
  } catch (error) {
    throw new DataIntegrityError(
      "DATA_INTEGRITY_DOCUMENT_UNSUPPORTED",
      `This document is outside credanchor's compiled vocabulary, and its general canonicalisation needs the package "${name}", which could not be loaded: install jsonld and rdf-canonize beside the SDK.`,
      { module: name },
      { cause: error },
    );
  }
}

async function loadCanonize(): Promise<Canonize> {
  return (await loadGeneral(RDF_CANONIZE)) as Canonize;
}

async function canonizeNQuads(nquads: string): Promise<string> {
  const { canonize } = await loadCanonize();
  return canonize(nquads, { algorithm: "RDFC-1.0", inputFormat: "application/n-quads" });
}

/** The general path: jsonld's toRDF in safe mode with the offline loader, then rdf-canonize. */
export async function generalCanonicalNQuads(document: Record<string, unknown>): Promise<string> {
  const jsonld = ((await loadGeneral(JSONLD)) as { default: JsonLd }).default;
  return canonicalizeWith(jsonld, await loadCanonize(), document);
}

/** The general path over loaded jsonld and rdf-canonize modules (@credanchor/sdk/jsonld's too). */
export async function canonicalizeWith(
  jsonld: JsonLd,
  { canonize }: Canonize,
  document: Record<string, unknown>,
): Promise<string> {
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

export type JsonLd = {
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
