// The systems users would pick instead, on the same in-process chain and the same workload as
// ours: OpenAttestation's DocumentStore and the Ethereum Attestation Service, deployed from the
// artifacts their npm packages publish. Workload: a batch of 10,000 credentials; anchor it,
// revoke one, revoke 1,000 random ones, and count the eth_calls a verifier makes per credential.
// Ratios are theirs / ours: how many times cheaper (or fewer reads) ours is.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  AbiCoder,
  type Contract,
  type ContractTransactionResponse,
  concat,
  keccak256,
  ZeroAddress,
  ZeroHash,
} from "ethers";
import { MerkleTree } from "merkletreejs";
import type { BenchContext, BenchModule } from "./harness.ts";
import {
  type BenchChain,
  benchChain,
  countingProvider,
  gasUsed,
  sendInChunks,
} from "./lib/chain.ts";
import {
  documentStoreArtifact,
  easContractArtifact,
  type PublishedArtifact,
  schemaRegistryArtifact,
} from "./lib/peerArtifacts.ts";
import {
  anchorGas,
  bulkRevokeGas,
  CREDENTIAL_TYPE,
  type RegistryFixture,
  registryFixture,
} from "./lib/registryWorkload.ts";
import { seededBytes32, seededCid, seededIndices } from "./lib/seeded.ts";

const GAS = "gas";
const BATCH = 10_000;
const REVOKED = 1_000;
const VERIFIED_INDEX = 17;
const PER_CREDENTIAL = "gas/credential";
const CALLS = "eth_call/credential";
const RATIO = "x (theirs/ours)";

const bench: BenchModule = {
  name: "peers",
  async run(ctx) {
    const chain = await benchChain();
    const fx = await registryFixture(chain);
    const ours = {
      anchor: await anchorGas(fx, "peer comparison anchor", BATCH),
      bulkRevoke: (await bulkRevokeGas(fx)).perCredential,
      verifyCalls: await ourVerifyCalls(fx),
    };
    ctx.record("verify.ethCalls", ours.verifyCalls, CALLS);

    const documentStore = await documentStoreFigures(ctx, chain, fx);
    const eas = await easFigures(ctx, chain, fx);

    ctx.record("anchor.vsDocumentStore.ratio", documentStore.issue / ours.anchor, RATIO);
    ctx.record("anchor.vsEasTimestamp.ratio", eas.timestamp / ours.anchor, RATIO);
    ctx.record(
      "revoke.bulk.vsDocumentStore.ratio",
      documentStore.bulkRevoke / ours.bulkRevoke,
      RATIO,
    );
    ctx.record("revoke.bulk.vsEas.ratio", eas.multiRevoke / ours.bulkRevoke, RATIO);
    ctx.record(
      "verify.ethCalls.vsDocumentStore.ratio",
      documentStore.verifyCalls / ours.verifyCalls,
      RATIO,
    );
  },
};
export default bench;

async function deploy(
  chain: BenchChain,
  artifact: PublishedArtifact,
  args: unknown[],
  fx: RegistryFixture,
) {
  const factory = await chain.ethers.getContractFactory(
    artifact.abi as never[],
    artifact.bytecode,
    fx.issuer,
  );
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  return contract as Contract;
}

function call(contract: Contract, name: string, ...args: unknown[]) {
  return contract.getFunction(name)(...args) as Promise<ContractTransactionResponse>;
}

/** Our verifier reads everything about a credential with one credentialStatus call. */
async function ourVerifyCalls(fx: RegistryFixture) {
  const values: [number, string][] = [];
  for (let i = 0; i < BATCH; i++) values.push([i, seededBytes32("our digests", i)]);
  const tree = StandardMerkleTree.of(values, ["uint256", "bytes32"]);
  const root = tree.root;
  await gasUsed(
    fx.credentialRegistry
      .connect(fx.issuer)
      .anchor(root, BATCH, CREDENTIAL_TYPE, seededCid("our verified batch")),
  );
  const counting = countingProvider(fx.chain);
  const registry = fx.credentialRegistry.connect(counting.provider);
  const status = await registry.credentialStatus(fx.issuer.address, root, VERIFIED_INDEX);
  const [index, digest] = values[VERIFIED_INDEX]!;
  const included = StandardMerkleTree.verify(
    root,
    ["uint256", "bytes32"],
    [index, digest],
    tree.getProof(VERIFIED_INDEX),
  );
  if (status.anchoredAt === 0n || status.revoked || !included)
    throw new Error("our credential did not verify");
  return counting.ethCalls();
}

// ---------------------------------------------------------------- OpenAttestation DocumentStore

/** OpenAttestation's batch tree: leaves and pairs sorted, keccak256, odd nodes promoted. */
function openAttestationTree(targetHashes: string[]) {
  return new MerkleTree(targetHashes, keccak256, { sort: true });
}

function combineSorted(a: string, b: string) {
  return a.toLowerCase() < b.toLowerCase() ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

async function documentStoreFigures(ctx: BenchContext, chain: BenchChain, fx: RegistryFixture) {
  const store = await deploy(
    chain,
    documentStoreArtifact(),
    ["credanchor bench", fx.issuer.address],
    fx,
  );
  const targetHashes = Array.from({ length: BATCH }, (_, i) => seededBytes32("oa documents", i));
  const tree = openAttestationTree(targetHashes);
  const root = tree.getHexRoot();

  const issue = await gasUsed(call(store, "issue", root));
  ctx.record("peer.documentStore.issue.gas", issue, GAS);
  ctx.record(
    "peer.documentStore.revoke.gas",
    await gasUsed(call(store, "revoke", targetHashes[4_321])),
    GAS,
  );

  const revoked = seededIndices("bulk revocation", REVOKED, BATCH).map((i) => targetHashes[i]!);
  const bulk = await sendInChunks(
    revoked,
    (chunk) => store.getFunction("bulkRevoke").estimateGas(chunk),
    (chunk) => call(store, "bulkRevoke", chunk),
  );
  const bulkRevoke = bulk.gas / REVOKED;
  ctx.record("peer.documentStore.bulkRevoke1000.gasPerCredential", bulkRevoke, PER_CREDENTIAL);
  ctx.record("peer.documentStore.bulkRevoke1000.transactions", bulk.transactions, "tx");

  const verifyCalls = await openAttestationVerifyCalls(
    chain,
    store,
    tree,
    targetHashes[VERIFIED_INDEX]!,
  );
  ctx.record("peer.documentStore.verify.ethCalls", verifyCalls, CALLS);
  return { issue, bulkRevoke, verifyCalls };
}

/**
 * The reads oa-verify's document-store status check makes for one v2 document: isIssued(root),
 * then isRevoked for the target hash and every intermediate hash up to the root (so revoking a
 * subtree revokes all of its documents).
 */
async function openAttestationVerifyCalls(
  chain: BenchChain,
  store: Contract,
  tree: MerkleTree,
  targetHash: string,
) {
  const counting = countingProvider(chain);
  const reader = store.connect(counting.provider) as Contract;
  const root = tree.getHexRoot();
  const proof = tree.getHexProof(targetHash);
  if (!(await reader.getFunction("isIssued")(root)))
    throw new Error("OpenAttestation root not issued");
  const hashes = [targetHash];
  for (const sibling of proof) hashes.push(combineSorted(hashes.at(-1)!, sibling));
  if (hashes.at(-1) !== root) throw new Error("OpenAttestation proof does not reach the root");
  const revoked = await Promise.all(hashes.map((h) => reader.getFunction("isRevoked")(h)));
  if (revoked.some(Boolean)) throw new Error("OpenAttestation document unexpectedly revoked");
  return counting.ethCalls();
}

// ---------------------------------------------------------------- Ethereum Attestation Service

async function easFigures(ctx: BenchContext, chain: BenchChain, fx: RegistryFixture) {
  const schemaRegistry = await deploy(chain, schemaRegistryArtifact(), [], fx);
  const eas = await deploy(chain, easContractArtifact(), [await schemaRegistry.getAddress()], fx);
  // The smallest useful schema: one credential digest per attestation, revocable.
  const schemaText = "bytes32 credentialDigest";
  await gasUsed(call(schemaRegistry, "register", schemaText, ZeroAddress, true));
  const schema = keccak256(concat([new TextEncoder().encode(schemaText), ZeroAddress, "0x01"]));
  const coder = AbiCoder.defaultAbiCoder();
  const request = (digest: string) => ({
    recipient: ZeroAddress,
    expirationTime: 0n,
    revocable: true,
    refUID: ZeroHash,
    data: coder.encode(["bytes32"], [digest]),
    value: 0n,
  });
  const uidsOf = (receipts: { logs: readonly unknown[] }[]) =>
    receipts.flatMap((r) =>
      r.logs
        .map((log) => eas.interface.parseLog(log as { topics: string[]; data: string }))
        .filter((parsed) => parsed?.name === "Attested")
        .map((parsed) => parsed!.args.getValue("uid") as string),
    );

  const timestamp = await gasUsed(call(eas, "timestamp", seededBytes32("eas batch root", 0)));
  ctx.record("peer.eas.timestamp.gas", timestamp, GAS);

  const single = await (
    await call(eas, "attest", { schema, data: request(seededBytes32("eas single", 0)) })
  ).wait();
  ctx.record("peer.eas.attest.gas", Number(single!.gasUsed), GAS);
  const [singleUid] = uidsOf([single!]);
  ctx.record(
    "peer.eas.revoke.gas",
    await gasUsed(call(eas, "revoke", { schema, data: { uid: singleUid, value: 0n } })),
    GAS,
  );

  // EAS revokes attestations, so the 10,000 credentials of the batch would be 10,000 of them;
  // attesting the 1,000 that get revoked is enough to measure multiRevoke.
  const digests = seededIndices("bulk revocation", REVOKED, BATCH).map((i) =>
    seededBytes32("eas credentials", i),
  );
  const attested = await sendInChunks(
    digests,
    (chunk) => eas.getFunction("multiAttest").estimateGas([{ schema, data: chunk.map(request) }]),
    (chunk) => call(eas, "multiAttest", [{ schema, data: chunk.map(request) }]),
  );
  ctx.record("peer.eas.multiAttest1000.gasPerCredential", attested.gas / REVOKED, PER_CREDENTIAL);
  const uids = uidsOf(attested.receipts);
  if (uids.length !== REVOKED)
    throw new Error(`expected ${REVOKED} EAS attestations, got ${uids.length}`);

  const verifyCalls = await easVerifyCalls(chain, eas, uids[VERIFIED_INDEX]!);
  ctx.record("peer.eas.verify.ethCalls", verifyCalls, CALLS);

  const revokedAll = await sendInChunks(
    uids,
    (chunk) =>
      eas
        .getFunction("multiRevoke")
        .estimateGas([{ schema, data: chunk.map((uid) => ({ uid, value: 0n })) }]),
    (chunk) =>
      call(eas, "multiRevoke", [{ schema, data: chunk.map((uid) => ({ uid, value: 0n })) }]),
  );
  const multiRevoke = revokedAll.gas / REVOKED;
  ctx.record("peer.eas.multiRevoke1000.gasPerCredential", multiRevoke, PER_CREDENTIAL);
  ctx.record("peer.eas.multiRevoke1000.transactions", revokedAll.transactions, "tx");
  return { timestamp, multiRevoke };
}

/** An EAS verifier reads the attestation (attester, schema, revocation time) with one call. */
async function easVerifyCalls(chain: BenchChain, eas: Contract, uid: string) {
  const counting = countingProvider(chain);
  const attestation = await (eas.connect(counting.provider) as Contract).getFunction(
    "getAttestation",
  )(uid);
  if (attestation.uid !== uid || attestation.revocationTime !== 0n)
    throw new Error("EAS attestation not valid");
  return counting.ethCalls();
}
