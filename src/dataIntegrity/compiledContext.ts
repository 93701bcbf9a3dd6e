// The term tables of the fast canonicaliser: a JSON-LD context (and each type- or property-scoped
// context it holds) compiled once into a map from term to IRI, coercion and scoped context, and
// cached, so a document is walked with map lookups only. Only the features the shipped contexts
// use are compiled; anything else raises Unsupported, and the caller takes the general path.
import { contextDocument } from "./contexts.ts";

/** Thrown when a document or context leaves the subset the fast path compiles. Internal. */
export class Unsupported extends Error {
  override name = "Unsupported";
}

export type TermDefinition = {
  /** Absolute IRI, or "@id" / "@type" for a keyword alias. */
  readonly iri: string;
  /** "@id", "@vocab", "@json", or a datatype IRI. */
  readonly coercion: string | undefined;
  /** True when the container is absent or @set (values are plain arrays). */
  readonly plainContainer: boolean;
  /** The scoped context (type-scoped or property-scoped), as written. */
  readonly context: unknown;
  readonly protected: boolean;
  /** May be used as the prefix of a compact IRI. */
  readonly prefix: boolean;
  /** The definition's meaning, to compare a redefinition of a protected term. */
  readonly source: string;
};

export class ActiveContext {
  readonly terms: Map<string, TermDefinition>;
  readonly vocab: string | undefined;
  /** The context before a non-propagating (type-scoped) context was applied. */
  readonly previous: ActiveContext | undefined;
  private readonly propertyScoped = new Map<unknown, ActiveContext>();
  private readonly typeScoped = new Map<unknown, ActiveContext>();

  constructor(
    terms: Map<string, TermDefinition>,
    vocab: string | undefined,
    previous: ActiveContext | undefined,
  ) {
    this.terms = terms;
    this.vocab = vocab;
    this.previous = previous;
  }

  /** This context with a property-scoped context applied (it propagates, may override). */
  withPropertyScoped(local: unknown): ActiveContext {
    let next = this.propertyScoped.get(local);
    if (next === undefined) {
      next = processContext(this, local, { propagate: true, overrideProtected: true });
      this.propertyScoped.set(local, next);
    }
    return next;
  }

  /** This context with a type-scoped context applied (it does not propagate to nested nodes). */
  withTypeScoped(local: unknown): ActiveContext {
    let next = this.typeScoped.get(local);
    if (next === undefined) {
      next = processContext(this, local, { propagate: false, overrideProtected: false });
      this.typeScoped.set(local, next);
    }
    return next;
  }
}

const EMPTY = new ActiveContext(new Map(), undefined, undefined);
const rootCache = new Map<string, ActiveContext>();

/** The active context of a document's top-level `@context` (URLs of shipped contexts only). */
export function rootContext(context: unknown): ActiveContext {
  const urls = typeof context === "string" ? [context] : context;
  if (!Array.isArray(urls) || urls.some((url) => typeof url !== "string"))
    throw new Unsupported("@context is not a list of context URLs");
  const key = urls.join(" ");
  let active = rootCache.get(key);
  if (active === undefined) {
    active = processContext(EMPTY, urls, { propagate: true, overrideProtected: false });
    rootCache.set(key, active);
  }
  return active;
}

const KEYWORD = /^@/;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const GEN_DELIM = /[:/?#[\]@]$/;

function processContext(
  active: ActiveContext,
  local: unknown,
  options: { propagate: boolean; overrideProtected: boolean },
): ActiveContext {
  let result = active;
  for (const item of Array.isArray(local) ? local : [local]) {
    let definitions: unknown = item;
    if (typeof item === "string") definitions = contextDocument(item)["@context"];
    if (Array.isArray(definitions)) {
      result = processContext(result, definitions, options);
      continue;
    }
    if (definitions === null || typeof definitions !== "object")
      throw new Unsupported("a context that is not an object");
    result = defineTerms(result, definitions as Record<string, unknown>, options.overrideProtected);
  }
  if (!options.propagate && result !== active)
    return new ActiveContext(result.terms, result.vocab, active.previous ?? active);
  return result;
}

function defineTerms(
  active: ActiveContext,
  local: Record<string, unknown>,
  overrideProtected: boolean,
): ActiveContext {
  const terms = new Map(active.terms);
  let vocab = active.vocab;
  const defaultProtected = local["@protected"] === true;
  for (const key of Object.keys(local)) {
    if (key === "@version" || key === "@protected") continue;
    if (key === "@vocab") {
      const value = local[key];
      if (value === null) vocab = undefined;
      else if (typeof value === "string" && ABSOLUTE_IRI.test(value)) vocab = value;
      else throw new Unsupported("@vocab that is not an absolute IRI");
      continue;
    }
    if (KEYWORD.test(key)) throw new Unsupported(`context keyword ${key}`);
  }
  const defining = new Set<string>();
  const define = (term: string): void => {
    if (defining.has(term)) return;
    defining.add(term);
    const definition = createTerm(term, local[term], terms, vocab, defaultProtected, (t) => {
      if (Object.hasOwn(local, t) && !KEYWORD.test(t)) define(t);
    });
    const previous = active.terms.get(term);
    if (previous?.protected && !overrideProtected) {
      if (previous.source !== definition.source)
        throw new Unsupported(`redefinition of the protected term ${term}`);
      terms.set(term, previous);
    } else terms.set(term, definition);
  };
  for (const key of Object.keys(local)) if (!KEYWORD.test(key)) define(key);
  return new ActiveContext(terms, vocab, active.previous);
}

function createTerm(
  term: string,
  raw: unknown,
  terms: Map<string, TermDefinition>,
  vocab: string | undefined,
  defaultProtected: boolean,
  defineDependency: (term: string) => void,
): TermDefinition {
  const simple = typeof raw === "string";
  const value = (simple ? { "@id": raw } : raw) as Record<string, unknown> | null;
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Unsupported(`term ${term} with a null or odd definition`);
  for (const key of Object.keys(value))
    if (!["@id", "@type", "@container", "@context", "@protected"].includes(key))
      throw new Unsupported(`term ${term} uses ${key}`);
  const expand = (iri: string): string => {
    if (iri === "@id" || iri === "@type" || iri === "@json" || iri === "@vocab") return iri;
    if (KEYWORD.test(iri)) throw new Unsupported(`keyword ${iri}`);
    const colon = iri.indexOf(":");
    if (colon > 0) {
      const prefix = iri.slice(0, colon);
      const suffix = iri.slice(colon + 1);
      if (prefix === "_" || suffix.startsWith("//")) return iri;
      defineDependency(prefix);
      const definition = terms.get(prefix);
      if (definition?.prefix) return definition.iri + suffix;
      if (ABSOLUTE_IRI.test(iri)) return iri;
    }
    defineDependency(iri);
    const definition = terms.get(iri);
    if (definition !== undefined) return definition.iri;
    if (vocab !== undefined) return vocab + iri;
    throw new Unsupported(`cannot expand ${iri}`);
  };
  let iri: string;
  if (typeof value["@id"] === "string") {
    iri = expand(value["@id"]);
    if (iri === "@json" || iri === "@vocab") throw new Unsupported(`term ${term} aliases ${iri}`);
  } else if (value["@id"] === undefined) {
    if (term.includes(":")) iri = expand(term);
    else if (vocab !== undefined) iri = vocab + term;
    else throw new Unsupported(`term ${term} has no IRI`);
  } else throw new Unsupported(`term ${term} has an odd @id`);
  const type = value["@type"];
  if (type !== undefined && typeof type !== "string")
    throw new Unsupported(`term ${term} has an odd @type`);
  const container = value["@container"];
  const containers =
    container === undefined ? [] : Array.isArray(container) ? container : [container];
  const coercion = type === undefined ? undefined : expand(type);
  const prefix = simple && GEN_DELIM.test(iri) && !term.includes(":");
  return {
    iri,
    coercion,
    plainContainer: containers.every((c) => c === "@set"),
    context: value["@context"],
    protected: typeof value["@protected"] === "boolean" ? value["@protected"] : defaultProtected,
    prefix,
    source: JSON.stringify([iri, coercion, containers, value["@context"], prefix]),
  };
}
