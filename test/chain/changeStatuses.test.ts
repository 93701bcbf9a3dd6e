// Status changes across batches: every target checked before anything is sent, one bulk
// transaction per batch, and a credential file's proof binding its index to its root.
import { randomBytes } from "node:crypto";
import { expect } from "chai";
import hre, { network } from "hardhat";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193Provider,
  getAddress,
  type Hex,
  type PublicClient,
} from "viem";
import { hardhat } from "viem/chains";
import {
  anchorBatch,
  changeStatuses,
  createChainClient,
  deployRegistries,
  type RegistryWriter,
  readCredentialStatuses,
  revokeAnchoredBatch,
} from "../../src/chain/index.ts";
import { buildMerkleTree } from "../../src/merkle/index.ts";

const connection = await network.create();
const provider = connection.provider as unknown as EIP1193Provider;
const chain = createChainClient({ provider });
const [governance, issuer] = (
  (await provider.request({ method: "eth_accounts" })) as Address[]
).map((a) => getAddress(a));
const TYPE = `0x${"ab".repeat(20)}` as Hex;
const CID = `0x01551220${"cd".repeat(32)}` as Hex;

function writerFor(account: Address): RegistryWriter {
  return {
    wallet: createWalletClient({ account, chain: hardhat, transport: custom(provider) }),
    reader: createPublicClient({ transport: custom(provider) }) as PublicClient,
  };
}

const read = async (name: string) => (await hre.artifacts.readArtifact(name)).bytecode as Hex;
const deployed = await deployRegistries(writerFor(governance!), {
  bytecode: {
    AccreditationRegistry: await read("AccreditationRegistry"),
    CredentialRegistry: await read("CredentialRegistry"),
  },
  adminDelay: 0n,
});
const registry = deployed.contracts.CredentialRegistry.address;

/** Anchors a batch of `size` random digests as the issuer; returns its root, digests and tree. */
async function anchored(size: number) {
  const digests = Array.from({ length: size }, () => `0x${randomBytes(32).toString("hex")}` as Hex);
  const tree = await buildMerkleTree(digests);
  await anchorBatch(writerFor(issuer!), {
    registry,
    issuer: issuer!,
    root: tree.root,
    leafCount: size,
    credentialType: TYPE,
    manifestCid: CID,
  });
  return { root: tree.root, digests, tree };
}

const request = { chainId: 31337, registry, reason: 1 };

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as { code: string; message: string },
  );
}

after(() => connection.close());

describe("chain/changeStatuses", () => {
  it("sends one transaction per batch for targets spread over two batches", async () => {
    const a = await anchored(8);
    const b = await anchored(4);
    const done = await changeStatuses(chain, writerFor(issuer!), {
      ...request,
      action: "revoke",
      targets: [
        { root: a.root, index: 5, source: "--index 5" },
        { root: b.root, index: 1, source: "b line 1" },
        { root: a.root, index: 2, source: "--index 2" },
        { root: a.root, index: 5, source: "again" },
      ],
    });
    expect(done.map((d) => [d.root, d.indices, d.transactions.length])).to.deep.equal([
      [a.root, [2, 5], 1],
      [b.root, [1], 1],
    ]);
    const statuses = await readCredentialStatuses(
      chain,
      { registry, issuer: issuer!, root: a.root },
      [2, 3, 5],
    );
    expect(statuses.map((s) => s.revoked)).to.deep.equal([true, false, true]);
  });

  it("checks every batch before sending: an index outside the second stops the run", async () => {
    const a = await anchored(4);
    const b = await anchored(2);
    const error = await rejection(
      changeStatuses(chain, writerFor(issuer!), {
        ...request,
        action: "suspend",
        targets: [
          { root: a.root, index: 0, source: "first" },
          { root: b.root, index: 2, source: "list.txt line 2" },
        ],
      }),
    );
    expect(error.code).to.equal("INDEX_OUT_OF_RANGE");
    expect(error.message).to.include("list.txt line 2");
    const [first] = await readCredentialStatuses(
      chain,
      { registry, issuer: issuer!, root: a.root },
      [0],
    );
    expect(first!.suspended).to.equal(false);
  });

  it("refuses a root the issuer never anchored, naming what pointed at it", async () => {
    const error = await rejection(
      changeStatuses(chain, writerFor(issuer!), {
        ...request,
        action: "revoke",
        targets: [{ root: `0x${"11".repeat(32)}`, index: 0, source: "--batch 0x11…" }],
      }),
    );
    expect(error.code).to.equal("BATCH_NOT_ANCHORED");
  });

  it("refuses a credential file whose index was altered, since its proof no longer leads to the root", async () => {
    const a = await anchored(4);
    const credential = {
      chainId: 31337,
      registry,
      credentialDigest: a.digests[1]!,
      merkleProof: a.tree.proof(1),
    };
    const error = await rejection(
      changeStatuses(chain, writerFor(issuer!), {
        ...request,
        action: "revoke",
        targets: [{ root: a.root, index: 2, source: "holder-1.json", credential }],
      }),
    );
    expect(error.code).to.equal("CREDENTIAL_PROOF_MISMATCH");
    const done = await changeStatuses(chain, writerFor(issuer!), {
      ...request,
      action: "revoke",
      targets: [{ root: a.root, index: 1, source: "holder-1.json", credential }],
    });
    expect(done[0]!.indices).to.deep.equal([1]);
  });

  it("refuses a credential file of another chain", async () => {
    const a = await anchored(2);
    const error = await rejection(
      changeStatuses(chain, writerFor(issuer!), {
        ...request,
        action: "revoke",
        targets: [
          {
            root: a.root,
            index: 0,
            source: "elsewhere.json",
            credential: { chainId: 8453, registry, credentialDigest: a.digests[0]! },
          },
        ],
      }),
    );
    expect(error.code).to.equal("CREDENTIAL_CHAIN_MISMATCH");
  });
});

describe("chain/revokeAnchoredBatch", () => {
  it("revokes a whole anchored batch and refuses one never anchored", async () => {
    const a = await anchored(3);
    const revoked = await revokeAnchoredBatch(chain, writerFor(issuer!), {
      registry,
      issuer: issuer!,
      root: a.root,
      reason: 9,
    });
    expect(revoked.leafCount).to.equal(3);
    const [status] = await readCredentialStatuses(
      chain,
      { registry, issuer: issuer!, root: a.root },
      [0],
    );
    expect(status!.batchRevoked).to.equal(true);
    const error = await rejection(
      revokeAnchoredBatch(chain, writerFor(issuer!), {
        registry,
        issuer: issuer!,
        root: `0x${"22".repeat(32)}`,
        reason: 9,
      }),
    );
    expect(error.code).to.equal("BATCH_NOT_ANCHORED");
  });
});
