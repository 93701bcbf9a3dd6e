// Indexers rebuild the registry from its events alone. These tests run a scenario touching every
// kind of change, replay all its events into a plain in-memory model, and check that the model
// answers like the contract: accreditationAt, accreditationByAt and accreditationDetailAt on a grid
// of moments, and the stored records (bodies, scopes, names, terms, suspensions, accreditors). The
// model scans every term; the contract searches them, so agreement pins the search down too.
import { expect } from "chai";
import type { BaseContract, EventLog } from "ethers";
import {
  at,
  BODY_CID,
  BODY_NAME,
  cid,
  DAY,
  DEGREE,
  DIPLOMA,
  deployedRegistry,
  EVIDENCE,
  ethers,
  FOREVER,
  ISSUER_DOMAIN,
  ISSUER_NAME,
  JURISDICTION,
  loadFixture,
  MICRO,
  time,
} from "./fixtures.ts";

interface ModelTerm {
  validFrom: bigint;
  validUntil: bigint;
  withdrawnFrom: bigint;
  suspendedSince: bigint;
  recordedAt: bigint;
  evidenceCid: string;
  issuerName: string;
  issuerDomain: string;
  closed: [bigint, bigint][];
}

interface ModelBody {
  appointedAt: bigint;
  removedAt: bigint;
  metadataCid: string;
  name: string;
  jurisdiction: string;
  scope: Set<string>;
}

/** The registry's state as an indexer rebuilds it, with the same questions answered in plain code. */
class ReplayedRegistry {
  readonly bodies = new Map<string, ModelBody>();
  readonly terms = new Map<string, ModelTerm[]>();
  readonly accreditors = new Map<string, string[]>();

  static termsKey(body: string, issuer: string, type: string): string {
    return `${body}/${issuer}/${type}`.toLowerCase();
  }

  static pairKey(issuer: string, type: string): string {
    return `${issuer}/${type}`.toLowerCase();
  }

  apply(event: EventLog, blockTimestamp: bigint): void {
    const a = event.args;
    switch (event.eventName) {
      case "BodyAppointed":
        this.bodies.set(a.body, {
          appointedAt: blockTimestamp,
          removedAt: 0n,
          metadataCid: a.metadataCid,
          name: a.name,
          jurisdiction: a.jurisdiction,
          scope: new Set((a.scope as string[]).map((t) => t.toLowerCase())),
        });
        break;
      case "BodyMetadataChanged":
        this.bodies.get(a.body)!.metadataCid = a.metadataCid;
        break;
      case "BodyProfileChanged": {
        const body = this.bodies.get(a.body)!;
        body.name = a.name;
        body.jurisdiction = a.jurisdiction;
        break;
      }
      case "BodyScopeChanged": {
        const scope = this.bodies.get(a.body)!.scope;
        if (a.allowed) scope.add(a.credentialType.toLowerCase());
        else scope.delete(a.credentialType.toLowerCase());
        break;
      }
      case "BodyRemoved":
        this.bodies.get(a.body)!.removedAt = a.removedAt;
        break;
      case "IssuerAccredited": {
        const key = ReplayedRegistry.termsKey(a.body, a.issuer, a.credentialType);
        const terms = this.terms.get(key) ?? [];
        expect(a.term).to.equal(BigInt(terms.length), "terms arrive in order");
        terms.push({
          validFrom: a.validFrom,
          validUntil: a.validUntil,
          withdrawnFrom: 0n,
          suspendedSince: 0n,
          recordedAt: blockTimestamp,
          evidenceCid: a.evidenceCid,
          issuerName: a.issuerName,
          issuerDomain: a.issuerDomain,
          closed: [],
        });
        this.terms.set(key, terms);
        if (terms.length === 1) {
          const pair = ReplayedRegistry.pairKey(a.issuer, a.credentialType);
          this.accreditors.set(pair, [...(this.accreditors.get(pair) ?? []), a.body]);
        }
        break;
      }
      case "AccreditationSuspended":
        // `at` is read by name: on an ethers Result, `.at` is Array.prototype.at.
        this.term(a).suspendedSince = a.getValue("at");
        break;
      case "AccreditationReinstated": {
        const term = this.term(a);
        term.closed.push([a.suspendedSince, a.getValue("at")]);
        term.suspendedSince = 0n;
        break;
      }
      case "AccreditationWithdrawn":
        this.term(a).withdrawnFrom = a.effectiveFrom;
        break;
      default:
        // Governance role events: not part of the accreditation history.
        break;
    }
  }

  private term(a: EventLog["args"]): ModelTerm {
    const terms = this.terms.get(ReplayedRegistry.termsKey(a.body, a.issuer, a.credentialType))!;
    return terms[Number(a.term)]!;
  }

  accreditedBy(body: string, issuer: string, type: string, t: bigint): boolean {
    return this.countingTerm(body, issuer, type, t) !== -1;
  }

  /** The index of the term of `body` that counts at `t`, or -1; no term counts before it was recorded. */
  countingTerm(body: string, issuer: string, type: string, t: bigint): number {
    const b = this.bodies.get(body);
    if (b === undefined || t < b.appointedAt) return -1;
    if (b.removedAt !== 0n && t >= b.removedAt) return -1;
    const terms = this.terms.get(ReplayedRegistry.termsKey(body, issuer, type)) ?? [];
    return terms.findIndex(
      (term) =>
        t >= term.validFrom &&
        t >= term.recordedAt &&
        t < term.validUntil &&
        (term.withdrawnFrom === 0n || t < term.withdrawnFrom) &&
        (term.suspendedSince === 0n || t < term.suspendedSince) &&
        !term.closed.some(([from, until]) => t >= from && t < until),
    );
  }

  /** The latest first-accrediting body that counts at `t`, as the contract documents. */
  accreditationAt(issuer: string, type: string, t: bigint): [boolean, string] {
    const bodies = this.accreditors.get(ReplayedRegistry.pairKey(issuer, type)) ?? [];
    for (const body of [...bodies].reverse()) {
      if (this.accreditedBy(body, issuer, type, t)) return [true, body];
    }
    return [false, ethers.ZeroAddress];
  }

  /** accreditationDetailAt as documented: `only` empty asks every accreditor, latest first. */
  detailAt(issuer: string, type: string, t: bigint, only: string[]): unknown[] {
    const bodies =
      only.length > 0
        ? only
        : [...(this.accreditors.get(ReplayedRegistry.pairKey(issuer, type)) ?? [])].reverse();
    for (const body of bodies) {
      const index = this.countingTerm(body, issuer, type, t);
      if (index === -1) continue;
      const b = this.bodies.get(body)!;
      const term = this.terms.get(ReplayedRegistry.termsKey(body, issuer, type))![index]!;
      return [
        true,
        body,
        BigInt(index),
        b.name,
        b.jurisdiction,
        term.issuerName,
        term.issuerDomain,
      ];
    }
    return [false, ethers.ZeroAddress, 0n, "", "", "", ""];
  }
}

/**
 * Every event the registry ever emitted, replayed in chain order; plus every moment they name.
 * Typed as a plain contract: the generated types do not offer the "*" (all events) filter.
 */
async function replay(registry: BaseContract) {
  const events = (await registry.queryFilter("*", 0)) as EventLog[];
  events.sort((x, y) => x.blockNumber - y.blockNumber || x.index - y.index);
  const model = new ReplayedRegistry();
  const moments = new Set<bigint>();
  for (const event of events) {
    const block = await event.getBlock();
    const blockTimestamp = BigInt(block.timestamp);
    model.apply(event, blockTimestamp);
    moments.add(blockTimestamp);
    for (const value of event.args) {
      if (typeof value === "bigint" && value > 1000n && value < FOREVER) moments.add(value);
    }
  }
  return { model, events, moments };
}

/** Each moment named in the history, the seconds either side of it, and a weekly grid over it all. */
function gridOf(moments: Set<bigint>): bigint[] {
  const grid = new Set<bigint>();
  for (const m of moments) for (const d of [-1n, 0n, 1n]) grid.add(m + d);
  const sorted = [...moments].sort((x, y) => (x < y ? -1 : 1));
  const week = BigInt(7 * DAY);
  for (let t = sorted[0]! - 10n * week; t <= sorted.at(-1)! + 10n * week; t += week) grid.add(t);
  return [...grid].sort((x, y) => (x < y ? -1 : 1));
}

/**
 * Three bodies, two issuers, three credential types, and every kind of change: terms with and
 * without end, backdated (counting only from their recording) and future starts, a renamed body, closed and open suspensions, retroactive and
 * re-dated withdrawals, a renewal, a withdrawal reaching two terms, scope and metadata changes,
 * a body appointed late, and a body removed.
 */
async function scenario() {
  const {
    registry,
    governance,
    body: a,
    otherBody: b,
    stranger: c,
    issuer: i1,
    otherIssuer: i2,
  } = await deployedRegistry();
  const gov = registry.connect(governance);
  const start = (await time.latest()) + 1000;
  const d = (days: number) => start + days * DAY;
  const steps: [number, () => Promise<unknown>][] = [
    [d(0), () => gov.appointBody(a, [DEGREE, DIPLOMA], BODY_CID, BODY_NAME, JURISDICTION)],
    [d(0) + 1, () => gov.appointBody(b, [DEGREE], cid("body b"), "Council B", "US-CA")],
    [
      d(1),
      () =>
        registry
          .connect(a)
          .accredit(i1, DEGREE, d(1), d(365), EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
    ],
    [
      d(2),
      () =>
        registry
          .connect(b)
          .accredit(i1, DEGREE, d(10), FOREVER, cid("b evidence"), "Issuer One (per B)", ""),
    ],
    [
      d(3),
      () =>
        registry
          .connect(a)
          .accredit(i1, DIPLOMA, d(-30), FOREVER, EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
    ],
    [d(20), () => registry.connect(a).suspend(i1, DEGREE, cid("complaint"))],
    [d(25), () => registry.connect(a).reinstate(i1, DEGREE)],
    [d(40), () => registry.connect(a).suspend(i1, DEGREE, cid("second complaint"))],
    [d(41), () => registry.connect(a).reinstate(i1, DEGREE)],
    [d(50), () => gov.setBodyScope(a, [MICRO], true)],
    [d(51), () => gov.setBodyMetadata(a, cid("body a, second edition"))],
    [d(52), () => gov.setBodyProfile(a, "Council A, renamed", "GB-ENG")],
    [
      d(60),
      () =>
        registry.connect(a).accredit(i2, MICRO, d(60), d(90), EVIDENCE, ISSUER_NAME, ISSUER_DOMAIN),
    ],
    [d(100), () => gov.appointBody(c, [DEGREE], cid("body c"), "Council C", "FR")],
    [
      d(101),
      () =>
        registry
          .connect(c)
          .accredit(i1, DEGREE, d(0), FOREVER, cid("c evidence"), ISSUER_NAME, ISSUER_DOMAIN),
    ],
    [
      d(102),
      () =>
        registry
          .connect(c)
          .accredit(i2, DEGREE, d(150), d(600), cid("c on i2"), ISSUER_NAME, ISSUER_DOMAIN),
    ],
    [d(120), () => registry.connect(b).withdraw(i1, DEGREE, d(80), cid("fraud"))],
    [d(121), () => registry.connect(b).withdraw(i1, DEGREE, d(70), cid("fraud, earlier"))],
    [d(200), () => registry.connect(a).withdraw(i1, DIPLOMA, d(150), cid("diploma fraud"))],
    [
      d(370),
      () =>
        registry
          .connect(a)
          .accredit(i1, DEGREE, d(370), d(700), cid("renewal"), ISSUER_NAME, ISSUER_DOMAIN),
    ],
    [d(400), () => registry.connect(a).withdraw(i1, DEGREE, d(300), cid("old fraud"))],
    [
      d(450),
      () =>
        registry
          .connect(a)
          .accredit(i2, MICRO, d(450), FOREVER, cid("micro again"), ISSUER_NAME, ISSUER_DOMAIN),
    ],
    [d(460), () => registry.connect(a).suspend(i2, MICRO, cid("left open"))],
    [d(500), () => gov.removeBody(c)],
    [d(510), () => gov.setBodyScope(b, [DEGREE], false)],
  ];
  for (const [timestamp, send] of steps) await at(timestamp, send);
  return {
    registry,
    bodies: [a.address, b.address, c.address],
    pairs: [
      [i1.address, DEGREE],
      [i1.address, DIPLOMA],
      [i2.address, MICRO],
      [i2.address, DEGREE],
      [i2.address, DIPLOMA],
    ] as [string, string][],
  };
}

describe("AccreditationRegistry: history rebuilt from events", () => {
  it("answers accreditationAt as the replayed events do, at every moment of a grid", async () => {
    const { registry, pairs } = await loadFixture(scenario);
    const { model, moments } = await replay(registry);
    for (const [issuer, type] of pairs) {
      for (const t of gridOf(moments)) {
        const [accredited, body] = await registry.accreditationAt(issuer, type, t);
        expect([accredited, body], `${issuer} ${type} at ${t}`).to.deep.equal(
          model.accreditationAt(issuer, type, t),
        );
      }
    }
  });

  it("answers accreditationDetailAt as the replayed events do, with and without a bodies filter", async () => {
    const { registry, bodies, pairs } = await loadFixture(scenario);
    const { model, moments } = await replay(registry);
    const filters = [[], [bodies[0]!], [bodies[1]!, bodies[0]!], [bodies[2]!, bodies[1]!]];
    for (const [issuer, type] of pairs) {
      for (const t of gridOf(moments)) {
        for (const only of filters) {
          const detail = await registry.accreditationDetailAt(issuer, type, t, only);
          expect([...detail], `${issuer} ${type} at ${t} asking ${only}`).to.deep.equal(
            model.detailAt(issuer, type, t, only),
          );
        }
      }
    }
  });

  it("answers accreditationByAt as the replayed events do, for every body", async () => {
    const { registry, bodies, pairs } = await loadFixture(scenario);
    const { model, moments } = await replay(registry);
    for (const body of bodies) {
      for (const [issuer, type] of pairs) {
        for (const t of gridOf(moments)) {
          expect(
            await registry.accreditationByAt(body, issuer, type, t),
            `${body} ${issuer} ${type} at ${t}`,
          ).to.equal(model.accreditedBy(body, issuer, type, t));
        }
      }
    }
  });

  it("covers both answers in the grid: accredited and not, by each body", async () => {
    const { registry, pairs } = await loadFixture(scenario);
    const { model, moments } = await replay(registry);
    const answered = new Set<string>();
    for (const [issuer, type] of pairs) {
      for (const t of gridOf(moments)) answered.add(model.accreditationAt(issuer, type, t)[1]);
    }
    expect(answered.size).to.equal(4, "no body, a, b and c each answer somewhere");
  });

  it("rebuilds every term and closed suspension", async () => {
    const { registry, bodies, pairs } = await loadFixture(scenario);
    const { model } = await replay(registry);
    for (const body of bodies) {
      for (const [issuer, type] of pairs) {
        const stored = await registry.termsOf(body, issuer, type);
        const rebuilt = model.terms.get(ReplayedRegistry.termsKey(body, issuer, type)) ?? [];
        expect(stored.map((t) => [...t])).to.deep.equal(
          rebuilt.map((t) => [
            t.validFrom,
            t.validUntil,
            t.withdrawnFrom,
            t.suspendedSince,
            t.recordedAt,
            t.evidenceCid,
            t.issuerName,
            t.issuerDomain,
          ]),
        );
        for (const [index, term] of rebuilt.entries()) {
          const closed = await registry.suspensionsOf(body, issuer, type, index);
          expect(closed.map((s) => [...s])).to.deep.equal(term.closed);
        }
      }
    }
  });

  it("rebuilds every body's record and scope", async () => {
    const { registry, bodies } = await loadFixture(scenario);
    const { model } = await replay(registry);
    for (const body of bodies) {
      const rebuilt = model.bodies.get(body)!;
      expect([...(await registry.bodyOf(body))]).to.deep.equal([
        rebuilt.appointedAt,
        rebuilt.removedAt,
        rebuilt.metadataCid,
        rebuilt.name,
        rebuilt.jurisdiction,
      ]);
      for (const type of [DEGREE, DIPLOMA, MICRO]) {
        const active = rebuilt.removedAt === 0n;
        expect(await registry.inScope(body, type), `${body} ${type}`).to.equal(
          active && rebuilt.scope.has(type.toLowerCase()),
        );
      }
    }
  });

  it("rebuilds every issuer's accreditors, in order of first accreditation", async () => {
    const { registry, pairs } = await loadFixture(scenario);
    const { model } = await replay(registry);
    for (const [issuer, type] of pairs) {
      expect(await registry.accreditorsOf(issuer, type)).to.deep.equal(
        model.accreditors.get(ReplayedRegistry.pairKey(issuer, type)) ?? [],
      );
    }
  });
});
