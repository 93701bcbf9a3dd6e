// The issuer's Ed25519 signing key at the command line: where the key comes from (the environment,
// or the public development key on development chains only), and `signing-key show|declare|retire`
// on a `hardhat node`: the issuer declares and retires, an operator cannot.
import { verify } from "node:crypto";
import { expect } from "chai";
import { getBlock } from "viem/actions";
import {
  developmentSeed,
  resolveSigningKey,
  SIGNING_KEY_VARIABLE,
  signingKeyFromSeed,
} from "../../src/cli/signingKey.ts";
import {
  ACCOUNTS,
  type CliChain,
  FROM,
  jsonError,
  jsonOf,
  readerFor,
  startCliChain,
} from "./support.ts";

/** A seed used only by these tests (never a real key). */
const TEST_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

interface KeyReport {
  issuer: string;
  didKey: string;
  verificationMethod: string;
  publicKey: string;
  source: string;
  state?: string;
  declaredAt?: string | null;
  retiredAt?: string | null;
  txHash?: string;
  blockNumber?: number;
}

describe("issuer signing key", () => {
  it("derives the public development key from the issuer's address on a development chain", async () => {
    const key = await resolveSigningKey({ env: {}, chainId: 31337, issuer: ACCOUNTS.university });
    expect(key.source).to.equal("development");
    expect(key.didKey).to.match(/^did:key:z6Mk/);
    expect(key.verificationMethod).to.equal(`${key.didKey}#${key.didKey.slice("did:key:".length)}`);
    const other = await resolveSigningKey({ env: {}, chainId: 1337, issuer: ACCOUNTS.body });
    expect(other.didKey).to.not.equal(key.didKey);
    expect(key.didKey).to.equal(
      signingKeyFromSeed(developmentSeed(ACCOUNTS.university), "development").didKey,
    );
  });

  it("refuses the development key on any other chain, saying what to set", async () => {
    const refused = await resolveSigningKey({
      env: {},
      chainId: 84532,
      issuer: ACCOUNTS.university,
    }).catch((e: unknown) => e);
    expect(refused).to.include({ code: "SIGNING_KEY_MISSING" });
    expect((refused as Error).message).to.include(SIGNING_KEY_VARIABLE);
  });

  it("takes the seed from the environment and signs with it (node:crypto Ed25519)", async () => {
    const key = await resolveSigningKey({
      env: { [SIGNING_KEY_VARIABLE]: `0x${TEST_SEED}` },
      chainId: 84532,
      issuer: ACCOUNTS.university,
    });
    expect(key.source).to.equal("environment");
    // RFC 8032 test 1: this seed's public key.
    expect(key.publicKeyHex).to.equal(
      "0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    );
    const message = new TextEncoder().encode("credanchor");
    const signature = await key.sign(message);
    const spki = Buffer.concat([
      Buffer.from("302a300506032b6570032100", "hex"),
      Buffer.from(key.publicKey),
    ]);
    expect(verify(null, message, { key: spki, format: "der", type: "spki" }, signature)).to.equal(
      true,
    );
  });

  it("never shows the seed: not in JSON or inspection of the key, not in an error", async () => {
    const key = await resolveSigningKey({
      env: { [SIGNING_KEY_VARIABLE]: TEST_SEED },
      chainId: 31337,
      issuer: ACCOUNTS.university,
    });
    const { inspect } = await import("node:util");
    expect(JSON.stringify(key)).to.not.include(TEST_SEED.slice(0, 16));
    expect(inspect(key, { depth: 5 })).to.not.include(TEST_SEED.slice(0, 16));
    expect(Buffer.from(key.seedForWorkers()).toString("hex")).to.equal(TEST_SEED);

    const bad = `${TEST_SEED.slice(0, 60)}zzzz`;
    const error = await resolveSigningKey({
      env: { [SIGNING_KEY_VARIABLE]: bad },
      chainId: 31337,
      issuer: ACCOUNTS.university,
    }).catch((e: unknown) => e);
    expect(error).to.include({ code: "SIGNING_KEY_INVALID" });
    expect(
      JSON.stringify({ ...(error as object), message: (error as Error).message }),
    ).to.not.include(TEST_SEED.slice(0, 16));
  });
});

describe("credanchor signing-key", function () {
  this.timeout(240_000);
  let chain: CliChain;

  before(async () => {
    chain = await startCliChain();
  });

  after(async () => {
    await chain?.stop();
  });

  const signingKey = (from: string, args: string[], env: Record<string, string> = {}) =>
    chain.cli(["--json", "signing-key", ...args, "--network", "testnode", "--from", from], env);
  const blockTime = async (blockNumber: number) =>
    Number(
      (await getBlock(readerFor(chain).client, { blockNumber: BigInt(blockNumber) })).timestamp,
    );
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

  it("shows an issuer's development key as undeclared until the issuer declares it", async () => {
    const run = await signingKey(FROM.university, ["show"]);
    expect(run.code, run.stderr).to.equal(0);
    const expected = signingKeyFromSeed(developmentSeed(ACCOUNTS.university), "development");
    expect(jsonOf<KeyReport>(run)).to.include({
      issuer: ACCOUNTS.university,
      didKey: expected.didKey,
      verificationMethod: expected.verificationMethod,
      source: "development",
      state: "undeclared",
      declaredAt: null,
      retiredAt: null,
    });
  });

  it("declares the issuer's key, and show reports it declared at the block's time", async () => {
    const declared = await signingKey(FROM.university, ["declare"]);
    expect(declared.code, declared.stderr).to.equal(0);
    const report = jsonOf<KeyReport>(declared);
    expect(report).to.include({ issuer: ACCOUNTS.university, source: "development" });
    const at = await blockTime(report.blockNumber!);

    // Read-only, for anyone: --issuer, no signer.
    const shown = await chain.cli([
      "--json",
      "signing-key",
      "show",
      "--issuer",
      ACCOUNTS.university,
      "--network",
      "testnode",
    ]);
    expect(shown.code, shown.stderr).to.equal(0);
    expect(jsonOf<KeyReport>(shown)).to.include({
      didKey: report.didKey,
      state: "declared",
      declaredAt: iso(at),
      retiredAt: null,
    });
  });

  it("refuses to declare the same key twice, with exit 4 naming the contract error", async () => {
    const again = await signingKey(FROM.university, ["declare"]);
    expect(again.code).to.equal(4);
    const error = jsonError(again);
    expect(error.code).to.equal("REGISTRY_REVERTED");
    expect(error.message).to.include("SigningKeyAlreadyDeclared");
  });

  it("refuses an operator declaring a key for its issuer, saying who must sign", async () => {
    const added = await chain.cli([
      "--json",
      "operator",
      "add",
      ACCOUNTS.operator,
      "--expires",
      "30d",
      "--rights",
      "anchor,suspend,revoke",
      "--network",
      "testnode",
      "--from",
      FROM.university,
    ]);
    expect(added.code, added.stderr).to.equal(0);
    const run = await signingKey(FROM.operator, ["declare", "--issuer", ACCOUNTS.university]);
    expect(run.code).to.equal(2);
    const error = jsonError(run);
    expect(error.code).to.equal("SIGNER_NOT_ISSUER");
    expect(error.message).to.include(ACCOUNTS.university);
  });

  it("retires a key from a moment in the past, back to after its declaration", async () => {
    const env = { [SIGNING_KEY_VARIABLE]: TEST_SEED };
    const declared = await signingKey(FROM.university, ["declare"], env);
    expect(declared.code, declared.stderr).to.equal(0);
    const declaredAt = await blockTime(jsonOf<KeyReport>(declared).blockNumber!);
    const rpc = readerFor(chain).client;
    await rpc.request({ method: "evm_increaseTime", params: [3600] } as never);
    await rpc.request({ method: "evm_mine", params: [] } as never);

    const at = declaredAt + 600;
    const retired = await signingKey(FROM.university, ["retire", "--at", iso(at)], env);
    expect(retired.code, retired.stderr).to.equal(0);
    expect(jsonOf<KeyReport>(retired)).to.include({ source: "environment", retiredAt: iso(at) });

    const shown = await signingKey(FROM.university, ["show"], env);
    expect(jsonOf<KeyReport>(shown)).to.include({
      state: "retired",
      declaredAt: iso(declaredAt),
      retiredAt: iso(at),
    });
  });

  it("refuses a retirement in the future without sending anything", async () => {
    const run = await signingKey(FROM.university, ["retire", "--at", "2999-01-01"], {
      [SIGNING_KEY_VARIABLE]: TEST_SEED,
    });
    expect(run.code).to.equal(2);
    expect(jsonError(run).code).to.equal("OPTION_INVALID");
  });
});
