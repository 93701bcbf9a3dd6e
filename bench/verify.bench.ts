// Verifying credentials the way an employer does: over HTTP against a real `hardhat node` (a
// child process on a free port), 1,000 credentials of one batch through verifyMany, and one
// credential through verify. HTTP requests are counted by wrapping fetch, which viem's HTTP
// transport calls for every JSON-RPC request; each run makes a fresh client, so each pays the
// chain id check too. The time to a verdict is also measured through a proxy that delays every
// request by RPC_DELAY_MS, as a distant public RPC would: it shows the round trips a verdict takes.
// verify.crowd is how many credentials of the batch the status read hid the checked one among
// (the whole batch here: 1,000 credentials are 4 status words, within the default 16).
// verify.one.signed.s is the same for a v2 credential: its eddsa-rdfc-2022 signature is checked
// too (fast canonical N-Quads) and batchView also answers whether the issuer had declared the key.
import { ed25519 } from "@noble/curves/ed25519.js";
import { network } from "hardhat";
import type { Address, Hex } from "viem";
import { deployRegistries } from "../scripts/lib/deployRegistries.ts";
import {
  type AnyCredanchorCredential,
  attachAnchor,
  attachSignature,
  buildCredential,
  type CredanchorCredentialV2,
  type DataIntegrityProof as CredentialSignature,
  credentialTypeId,
} from "../src/credential/index.ts";
import {
  createEddsaProof,
  didKeyFromPublicKey,
  verificationMethodOf,
} from "../src/dataIntegrity/index.ts";
import { buildMerkleTree } from "../src/merkle/index.ts";
import { type TrustedRegistry, verify, verifyMany } from "../src/verifier/index.ts";
import { startHardhatNode } from "../test/deploy/hardhatNode.ts";
import { holderRecord } from "../test/helpers/issuedBatch.ts";
import { startRpcProxy } from "../test/helpers/rpcProxy.ts";
import type { BenchModule } from "./harness.ts";
import { seededCid } from "./lib/seeded.ts";

const BATCH = 1_000;
const TYPE_NAME = "BachelorDegree";
const FOREVER = 2n ** 48n - 1n;
/** Latency the delaying proxy adds to every HTTP request. */
const RPC_DELAY_MS = 100;

const bench: BenchModule = {
  name: "verify",
  async run(ctx) {
    const node = await startHardhatNode();
    try {
      ctx.log(`hardhat node on ${node.url}; issuing ${BATCH} credentials`);
      const { credentials, signed, trust, body } = await anchoredBatch(node.url);
      const requests = countRequests(node.url);
      const options = { rpcUrls: [node.url], retryCount: 0, trust: [trust] };

      const one = await verify(credentials[0], options);
      const many = await verifyMany(credentials, options);
      const notValid = [one, ...many].filter((r) => r.status !== "valid");
      if (notValid.length > 0) {
        throw new Error(`bench batch did not verify: ${JSON.stringify(notValid[0]!.cause)}`);
      }

      ctx.record("verify.crowd", one.privacy?.crowd ?? 0, "credentials");

      requests.reset();
      await verifyMany(credentials, options);
      ctx.record(`verify.${BATCH}.rpcRequests`, requests.http(), "requests");
      ctx.record(`verify.${BATCH}.ethCalls`, requests.ethCalls(), "eth_call", { max: 1 });

      await ctx.measure(`verify.${BATCH}.s`, "s", async () => {
        await verifyMany(credentials, options);
        return undefined;
      });
      await ctx.measure("verify.one.s", "s", async () => {
        await verify(credentials[1], options);
        return undefined;
      });
      const signedReport = await verify(signed[1], options);
      if (signedReport.status !== "valid") {
        throw new Error(`bench v2 batch did not verify: ${JSON.stringify(signedReport.cause)}`);
      }
      await ctx.measure("verify.one.signed.s", "s", async () => {
        await verify(signed[1], options);
        return undefined;
      });
      requests.restore();

      const delayed = await startRpcProxy(node.url, { delayMs: RPC_DELAY_MS });
      try {
        const distant = { ...options, rpcUrls: [delayed.url] };
        const rounds = (seconds: number) => seconds / (RPC_DELAY_MS / 1000);
        const one = await ctx.measure(`verify.one.rpc${RPC_DELAY_MS}ms.s`, "s", async () => {
          await verify(credentials[1], distant);
          return undefined;
        });
        ctx.record(
          `verify.one.rpc${RPC_DELAY_MS}ms.roundTrips`,
          Math.round(rounds(one.value)),
          "round trips",
          { max: 1 },
        );
        // Narrowed to a trusted body: the registry is asked about that body in the same call.
        await ctx.measure(`verify.one.trustedBody.rpc${RPC_DELAY_MS}ms.s`, "s", async () => {
          await verify(credentials[1], { ...distant, trustedBodies: [body] });
          return undefined;
        });
        await ctx.measure(`verify.${BATCH}.rpc${RPC_DELAY_MS}ms.s`, "s", async () => {
          await verifyMany(credentials, distant);
          return undefined;
        });
      } finally {
        await delayed.close();
      }
    } finally {
      await node.stop();
    }
  },
};
export default bench;

/** A fixed Ed25519 seed for the bench issuer's signing key (bench data, not a secret). */
const BENCH_SEED = new Uint8Array(32).fill(7);

/**
 * Deploys the registries on the node, accredits a university, and anchors two batches: v1
 * credentials, and v2 credentials signed by a key the university declared on chain.
 */
async function anchoredBatch(url: string): Promise<{
  credentials: AnyCredanchorCredential[];
  signed: CredanchorCredentialV2[];
  trust: TrustedRegistry;
  body: Address;
}> {
  const connection = await network.create({ network: "localhost", override: { url } });
  try {
    const { ethers } = connection;
    const [governance, body, university] = await ethers.getSigners();
    if (!governance || !body || !university) throw new Error("the node needs three accounts");
    const deployed = await deployRegistries(ethers, { deployer: governance, adminDelay: 0n });
    const typeId = credentialTypeId(TYPE_NAME);
    const accreditation = deployed.accreditationRegistry;
    await (
      await accreditation.appointBody(
        body.address,
        [typeId],
        "0x",
        "Bench Accreditation Council",
        "DE",
      )
    ).wait();
    const now = (await ethers.provider.getBlock("latest"))!.timestamp;
    await (
      await accreditation
        .connect(body)
        .accredit(university.address, typeId, now - 1, FOREVER, "0x", "Northwind Polytechnic", "")
    ).wait();

    const context = {
      chainId: deployed.chainId,
      registryAddress: deployed.contracts.CredentialRegistry.address as Address,
      issuerAddress: university.address as Address,
      credentialType: TYPE_NAME,
      issuerProfile: { name: "Northwind Polytechnic" },
    };
    const built = Array.from({ length: BATCH }, (_, index) =>
      buildCredential({ record: holderRecord(index), index, context }),
    );
    const tree = await buildMerkleTree(built.map((c) => c.proof.credentialDigest));
    const sent = await deployed.credentialRegistry
      .connect(university)
      .anchor(tree.root, BATCH, typeId, seededCid("verify bench manifest"));
    const receipt = (await sent.wait())!;
    const credentials = built.map((c, i) =>
      attachAnchor(c, {
        merkleRoot: tree.root,
        merkleProof: tree.proof(i),
        transactionHash: receipt.hash as Hex,
        blockNumber: receipt.blockNumber,
      }),
    );
    const publicKey = ed25519.getPublicKey(BENCH_SEED);
    const issuerDid = didKeyFromPublicKey(publicKey);
    await (
      await deployed.credentialRegistry
        .connect(university)
        .declareSigningKey(`0x${Buffer.from(publicKey).toString("hex")}`)
    ).wait();
    const contextV2 = {
      ...context,
      issuerDid,
      statusListCredential: "https://northwind-poly.example/credanchor/status/bench.json",
    };
    const builtV2 = Array.from({ length: BATCH }, (_, index) =>
      buildCredential({ record: holderRecord(index), index, context: contextV2 }),
    );
    const treeV2 = await buildMerkleTree(builtV2.map((c) => c.proof[0].credentialDigest));
    const sentV2 = await deployed.credentialRegistry
      .connect(university)
      .anchor(treeV2.root, BATCH, typeId, seededCid("verify bench v2 manifest"));
    const receiptV2 = (await sentV2.wait())!;
    const block = (await ethers.provider.getBlock(receiptV2.blockNumber))!;
    const blockTime = new Date(block.timestamp * 1000).toISOString().replace(".000Z", "Z");
    const signed: CredanchorCredentialV2[] = [];
    for (const [i, c] of builtV2.entries()) {
      const anchored = attachAnchor(c, {
        merkleRoot: treeV2.root,
        merkleProof: treeV2.proof(i),
        transactionHash: receiptV2.hash as Hex,
        blockNumber: receiptV2.blockNumber,
        leafCount: BATCH,
        blockTime,
      });
      const { proof: _unsigned, ...document } = anchored;
      const signature = await createEddsaProof(document, {
        verificationMethod: verificationMethodOf(issuerDid),
        created: blockTime,
        sign: (message) => ed25519.sign(message, BENCH_SEED),
      });
      signed.push(attachSignature(anchored, signature as CredentialSignature));
    }
    const trust: TrustedRegistry = {
      chainId: deployed.chainId,
      credentialRegistry: deployed.contracts.CredentialRegistry.address as Address,
      accreditationRegistry: deployed.contracts.AccreditationRegistry.address as Address,
      label: "bench registries",
    };
    return { credentials, signed, trust, body: body.address as Address };
  } finally {
    await connection.close();
  }
}

/** Counts HTTP requests to `url` and the eth_calls in them, by wrapping the global fetch. */
function countRequests(url: string) {
  const original = globalThis.fetch;
  let http = 0;
  let ethCalls = 0;
  globalThis.fetch = async (input, init) => {
    const target =
      typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (target.startsWith(url)) {
      http++;
      const body = typeof init?.body === "string" ? init.body : "";
      ethCalls += body.split('"eth_call"').length - 1;
    }
    return original(input, init);
  };
  return {
    http: () => http,
    ethCalls: () => ethCalls,
    reset() {
      http = 0;
      ethCalls = 0;
    },
    restore() {
      globalThis.fetch = original;
    },
  };
}
