// RDFC-1.0 blank node labels (W3C RDF Dataset Canonicalization, §4.4-4.9) for the fast path's
// triples: first-degree hashes, then Hash N-Degree Quads for blank nodes whose first-degree hashes
// tie (identical sibling objects). Permutations grow factorially, so a set of more than
// MAX_PERMUTED indistinguishable neighbours is handed back (TooManyPermutations) for rdf-canonize.
import type { Graph, Triple } from "./expandToQuads.ts";
import { sha256TextHex } from "./nativeCrypto.ts";

const MAX_PERMUTED = 6;

export class TooManyPermutations extends Error {
  override name = "TooManyPermutations";
}

/** Blank node identifiers issued in order, with a prefix ("c14n" canonical, "b" temporary). */
class Issuer {
  readonly issued: Map<number, string>;
  private readonly prefix: string;

  constructor(prefix: string, issued = new Map<number, string>()) {
    this.prefix = prefix;
    this.issued = issued;
  }

  id(node: number): string {
    let id = this.issued.get(node);
    if (id === undefined) {
      id = `${this.prefix}${this.issued.size}`;
      this.issued.set(node, id);
    }
    return id;
  }

  copy(): Issuer {
    return new Issuer(this.prefix, new Map(this.issued));
  }
}

function line(triple: Triple, label: (node: number) => string): string {
  const subject = triple.subjectNode < 0 ? triple.subject : `_:${label(triple.subjectNode)}`;
  const object = triple.objectNode < 0 ? triple.object : `_:${label(triple.objectNode)}`;
  return `${subject} ${triple.predicate} ${object} .\n`;
}

/**
 * The canonical label ("c14nN") of each blank node of `graph`, by node number; `tied` when some
 * first-degree hashes tied and the n-degree step ran.
 */
export function canonicalLabels(graph: Graph): string[] & { tied?: boolean } {
  const count = graph.blankNodes;
  if (count === 0) return [];
  const mentions: Triple[][] = Array.from({ length: count }, () => []);
  for (const triple of graph.triples) {
    if (triple.subjectNode >= 0) mentions[triple.subjectNode]!.push(triple);
    if (triple.objectNode >= 0 && triple.objectNode !== triple.subjectNode)
      mentions[triple.objectNode]!.push(triple);
  }
  const firstDegree: string[] = [];
  for (let node = 0; node < count; node++) {
    const lines = mentions[node]!.map((t) => line(t, (n) => (n === node ? "a" : "z"))).sort();
    firstDegree.push(sha256TextHex(lines.join("")));
  }
  const byHash = new Map<string, number[]>();
  for (let node = 0; node < count; node++) {
    const nodes = byHash.get(firstDegree[node]!);
    if (nodes === undefined) byHash.set(firstDegree[node]!, [node]);
    else nodes.push(node);
  }
  const hashes = [...byHash.keys()].sort();
  const canonical = new Issuer("c14n");
  const tied: number[][] = [];
  for (const hash of hashes) {
    const nodes = byHash.get(hash)!;
    if (nodes.length === 1) canonical.id(nodes[0]!);
    else tied.push(nodes);
  }

  const hashRelated = (related: number, triple: Triple, issuer: Issuer, position: string) => {
    const known = canonical.issued.get(related) ?? issuer.issued.get(related);
    const id = known === undefined ? firstDegree[related]! : `_:${known}`;
    return sha256TextHex(`${position}${triple.predicate}${id}`);
  };

  const hashNDegree = (node: number, issuer: Issuer): { hash: string; issuer: Issuer } => {
    const relatedByHash = new Map<string, number[]>();
    const add = (hash: string, related: number) => {
      const list = relatedByHash.get(hash);
      if (list === undefined) relatedByHash.set(hash, [related]);
      else list.push(related);
    };
    for (const triple of mentions[node]!) {
      if (triple.subjectNode >= 0 && triple.subjectNode !== node)
        add(hashRelated(triple.subjectNode, triple, issuer, "s"), triple.subjectNode);
      if (triple.objectNode >= 0 && triple.objectNode !== node)
        add(hashRelated(triple.objectNode, triple, issuer, "o"), triple.objectNode);
    }
    let data = "";
    let current = issuer;
    for (const relatedHash of [...relatedByHash.keys()].sort()) {
      data += relatedHash;
      const related = relatedByHash.get(relatedHash)!;
      if (related.length > MAX_PERMUTED) throw new TooManyPermutations();
      let chosenPath = "";
      let chosenIssuer: Issuer | undefined;
      for (const permutation of permutations(related)) {
        let issuerCopy = current.copy();
        let path = "";
        const recursion: number[] = [];
        let skip = false;
        for (const r of permutation) {
          const c = canonical.issued.get(r);
          if (c !== undefined) path += `_:${c}`;
          else {
            if (!issuerCopy.issued.has(r)) recursion.push(r);
            path += `_:${issuerCopy.id(r)}`;
          }
          if (chosenPath !== "" && path.length >= chosenPath.length && path > chosenPath) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        for (const r of recursion) {
          const result = hashNDegree(r, issuerCopy);
          path += `_:${issuerCopy.id(r)}<${result.hash}>`;
          issuerCopy = result.issuer;
          if (chosenPath !== "" && path.length >= chosenPath.length && path > chosenPath) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        if (chosenPath === "" || path < chosenPath) {
          chosenPath = path;
          chosenIssuer = issuerCopy;
        }
      }
      data += chosenPath;
      current = chosenIssuer!;
    }
    return { hash: sha256TextHex(data), issuer: current };
  };

  for (const nodes of tied) {
    const results: { hash: string; issuer: Issuer }[] = [];
    for (const node of nodes) {
      if (canonical.issued.has(node)) continue;
      const temporary = new Issuer("b");
      temporary.id(node);
      results.push(hashNDegree(node, temporary));
    }
    results.sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
    for (const result of results)
      for (const node of result.issuer.issued.keys()) canonical.id(node);
  }
  const labels: string[] & { tied?: boolean } = Array.from(
    { length: count },
    (_, node) => canonical.issued.get(node)!,
  );
  labels.tied = tied.length > 0;
  return labels;
}

function* permutations(items: number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}
