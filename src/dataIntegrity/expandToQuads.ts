// The fast path's first half: walks a JSON-LD document whose every term the compiled contexts
// define and writes its RDF triples directly, as jsonld's expansion then toRDF would (type- and
// property-scoped contexts, @id/@vocab/@json/datatype coercion, JSON number rules). Anything it
// does not model (a term outside the contexts, a compact IRI, a keyword in the data, @list,
// a relative IRI) raises Unsupported, so the caller can take the general path instead.
import {
  type ActiveContext,
  rootContext,
  type TermDefinition,
  Unsupported,
} from "./compiledContext.ts";

const RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
const RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
const XSD = "http://www.w3.org/2001/XMLSchema#";
const XSD_STRING = `${XSD}string`;
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_INTEGER = `${XSD}integer`;
const XSD_DOUBLE = `${XSD}double`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: N-Quads forbids these in an IRI.
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|^`\\]*$/;

/** One triple: a subject or object that is a blank node is given by its number (else -1). */
export type Triple = {
  readonly subject: string;
  readonly subjectNode: number;
  readonly predicate: string;
  readonly object: string;
  readonly objectNode: number;
};

export type Graph = { readonly triples: Triple[]; readonly blankNodes: number };

/** The triples of `document` (a JSON-LD document with a top-level @context of shipped URLs). */
export function expandToTriples(document: Record<string, unknown>): Graph {
  const walker = new Walker();
  walker.node(document, rootContext(document["@context"]), undefined, true);
  return { triples: walker.triples, blankNodes: walker.blankNodes };
}

type Term = { text: string; node: number };

class Walker {
  readonly triples: Triple[] = [];
  blankNodes = 0;
  private readonly seen = new Set<string>();

  private emit(subject: Term, predicate: string, object: Term): void {
    const key = `${subject.node}${subject.text} ${predicate} ${object.node}${object.text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.triples.push({
      subject: subject.text,
      subjectNode: subject.node,
      predicate,
      object: object.text,
      objectNode: object.node,
    });
  }

  node(
    element: Record<string, unknown>,
    parent: ActiveContext,
    property: TermDefinition | undefined,
    root = false,
  ): Term {
    const keys = Object.keys(element);
    let active = parent;
    if (
      active.previous !== undefined &&
      !(keys.length === 1 && active.terms.get(keys[0]!)?.iri === "@id")
    )
      active = active.previous;
    if (property?.context !== undefined) active = active.withPropertyScoped(property.context);
    const typeBase = active;
    let types: string[] = [];
    let id: unknown;
    for (const key of keys) {
      if (key === "@context" && root) continue;
      const definition = active.terms.get(key);
      if (definition?.iri === "@type") {
        const value = element[key];
        types = Array.isArray(value) ? value : [value];
        for (const type of [...types].sort()) {
          if (typeof type !== "string") throw new Unsupported("a type that is not a string");
          const scoped = typeBase.terms.get(type)?.context;
          if (scoped !== undefined) active = active.withTypeScoped(scoped);
        }
      } else if (definition?.iri === "@id") id = element[key];
    }
    const subject: Term =
      id === undefined
        ? { text: "", node: this.blankNodes++ }
        : { text: `<${iri(id, active)}>`, node: -1 };
    for (const type of types)
      this.emit(subject, RDF_TYPE, { text: `<${vocabIri(type, typeBase)}>`, node: -1 });
    for (const key of keys) {
      if (key === "@context" && root) continue;
      const definition = active.terms.get(key);
      if (definition === undefined) throw new Unsupported(`the term ${key} is not defined`);
      if (definition.iri === "@id" || definition.iri === "@type") continue;
      if (definition.iri.startsWith("@")) throw new Unsupported(`the keyword alias ${key}`);
      if (!definition.plainContainer) throw new Unsupported(`the container of ${key}`);
      const predicate = `<${definition.iri}>`;
      const value = element[key];
      if (definition.coercion === "@json") {
        if (value === null || value === undefined) throw new Unsupported(`a null JSON literal`);
        this.emit(subject, predicate, { text: literal(canonicalJson(value), RDF_JSON), node: -1 });
        continue;
      }
      const values = Array.isArray(value) ? value : [value];
      for (const item of values) {
        if (item === null) continue;
        if (typeof item === "object") {
          if (Array.isArray(item)) throw new Unsupported("an array in an array");
          this.emit(
            subject,
            predicate,
            this.node(item as Record<string, unknown>, active, definition),
          );
        } else {
          const scoped =
            definition.context === undefined
              ? active
              : active.withPropertyScoped(definition.context);
          this.emit(subject, predicate, {
            text: valueTerm(item, definition.coercion, scoped),
            node: -1,
          });
        }
      }
    }
    return subject;
  }
}

/** An @id value: an absolute IRI that no term's compact-IRI prefix could rewrite. */
function iri(value: unknown, active: ActiveContext): string {
  if (typeof value !== "string" || !ABSOLUTE_IRI.test(value))
    throw new Unsupported("an id that is not an absolute IRI");
  const prefix = value.slice(0, value.indexOf(":"));
  if (prefix === "_" || active.terms.has(prefix))
    throw new Unsupported("a compact IRI or blank node id");
  return value;
}

/** A vocabulary-relative value (a type, an @vocab-coerced string): a defined term or an IRI. */
function vocabIri(value: string, active: ActiveContext): string {
  const definition = active.terms.get(value);
  if (definition !== undefined) {
    if (definition.iri.startsWith("@")) throw new Unsupported(`the keyword ${value} as a value`);
    return definition.iri;
  }
  return iri(value, active);
}

function valueTerm(value: unknown, coercion: string | undefined, active: ActiveContext): string {
  if (typeof value === "string") {
    if (coercion === "@id") return `<${iri(value, active)}>`;
    if (coercion === "@vocab") return `<${vocabIri(value, active)}>`;
    if (coercion === XSD_DOUBLE) throw new Unsupported("a string coerced to xsd:double");
    return literal(value, coercion ?? XSD_STRING);
  }
  const datatype = coercion === "@id" || coercion === "@vocab" ? undefined : coercion;
  if (typeof value === "boolean") return literal(String(value), datatype ?? XSD_BOOLEAN);
  if (typeof value === "number") {
    if (String(value).includes(".") || Math.abs(value) >= 1e21 || datatype === XSD_DOUBLE)
      return literal(value.toExponential(15).replace(/(\d)0*e\+?/, "$1E"), datatype ?? XSD_DOUBLE);
    return literal(value.toFixed(0), datatype ?? XSD_INTEGER);
  }
  throw new Unsupported(`a value of type ${typeof value}`);
}

// N-Quads string escapes, as RDF 1.1 canonical N-Quads (and rdf-canonize) write them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: N-Quads escapes exactly these.
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g;
const ESCAPES: Record<string, string> = {
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
  '"': '\\"',
  "\\": "\\\\",
};

function escapeLiteral(text: string): string {
  return text.replace(
    LITERAL_ESCAPE,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}

function literal(text: string, datatype: string): string {
  const quoted = `"${escapeLiteral(text)}"`;
  return datatype === XSD_STRING ? quoted : `${quoted}^^<${datatype}>`;
}

/** RFC 8785 JSON canonicalisation (what jsonld writes for an @json literal). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const object = value as Record<string, unknown>;
  return `{${Object.keys(object)
    .sort()
    .filter((key) => object[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`)
    .join(",")}}`;
}
