// jsonld and rdf-canonize ship JavaScript without types: the members the general path calls.
declare module "jsonld" {
  const jsonld: {
    toRDF(document: unknown, options: Record<string, unknown>): Promise<unknown>;
    expand(document: unknown, options: Record<string, unknown>): Promise<unknown>;
  };
  export default jsonld;
}
declare module "rdf-canonize" {
  const rdfCanonize: {
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
  };
  export default rdfCanonize;
}
