// Gas of every registry operation an issuer or a verifier pays for, on the in-process chain
// (Osaka rules): anchoring by each path, revoking and suspending one or many credentials, and
// the status and verify views, the status view also with 100 terms piled on the issuer by a
// hostile body. Gas is deterministic (seeded roots and indices): one run each.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { BenchContext, BenchModule } from "./harness.ts";
import { benchChain, gasUsed } from "./lib/chain.ts";
import {
  anchoredRoot,
  anchorGas,
  bulkRevokeGas,
  CREDENTIAL_TYPE,
  pileHostileTerms,
  type RegistryFixture,
  registryFixture,
} from "./lib/registryWorkload.ts";
import { seededBytes32, seededCid } from "./lib/seeded.ts";

const GAS = "gas";
/** A fixed deadline (2100-01-01) keeps the calldata, and so the gas, the same on every run. */
const DEADLINE = 4_102_444_800n;

const bench: BenchModule = {
  name: "contracts",
  async run(ctx) {
    const fx = await registryFixture(await benchChain());
    ctx.record("deploy.AccreditationRegistry.gas", Number(fx.gasUsed.AccreditationRegistry), GAS);
    ctx.record("deploy.CredentialRegistry.gas", Number(fx.gasUsed.CredentialRegistry), GAS);
    await anchoring(ctx, fx);
    await statusChanges(ctx, fx);
    await views(ctx, fx);
  },
};
export default bench;

async function anchoring(ctx: BenchContext, fx: RegistryFixture) {
  const { credentialRegistry: registry, issuer, operator } = fx;
  ctx.record("anchor.gas", await anchorGas(fx, "anchor", 1_000), GAS, { max: 50_000 });

  ctx.record(
    "anchorFor.gas",
    await gasUsed(
      registry
        .connect(operator)
        .anchorFor(
          issuer.address,
          seededBytes32("anchorFor", 0),
          1_000,
          CREDENTIAL_TYPE,
          seededCid("anchorFor"),
        ),
    ),
    GAS,
  );

  // The first signature of a signer pays for its nonce slot (zero to non-zero); later ones don't.
  const first = await anchorWithSig(fx, "anchorWithSig first");
  const steady = await anchorWithSig(fx, "anchorWithSig");
  ctx.record("anchorWithSig.gas", steady, GAS);
  ctx.record("anchorWithSig.firstBySigner.gas", first, GAS);

  // The anchor is one slot whatever the batch size: only leafCount's calldata bytes change.
  for (const leaves of [10, 1_000, 100_000, 1_000_000]) {
    ctx.record(
      `anchor.${leaves}.gas`,
      await anchorGas(fx, `anchor scaling ${leaves}`, leaves),
      GAS,
    );
  }
}

async function anchorWithSig(fx: RegistryFixture, label: string) {
  const { credentialRegistry: registry, issuer, relayer, chain } = fx;
  const root = seededBytes32(label, 0);
  const manifestCid = seededCid(label);
  const leafCount = 1_000;
  const nonce = await registry.nonces(issuer.address);
  const { chainId } = await chain.ethers.provider.getNetwork();
  const signature = await issuer.signTypedData(
    {
      name: "credanchor CredentialRegistry",
      version: "1",
      chainId,
      verifyingContract: await registry.getAddress(),
    },
    {
      Anchor: [
        { name: "issuer", type: "address" },
        { name: "root", type: "bytes32" },
        { name: "leafCount", type: "uint32" },
        { name: "credentialType", type: "bytes20" },
        { name: "manifestCid", type: "bytes" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    {
      issuer: issuer.address,
      root,
      leafCount,
      credentialType: CREDENTIAL_TYPE,
      manifestCid,
      nonce,
      deadline: DEADLINE,
    },
  );
  return gasUsed(
    registry
      .connect(relayer)
      .anchorWithSig(
        issuer.address,
        root,
        leafCount,
        CREDENTIAL_TYPE,
        manifestCid,
        issuer.address,
        DEADLINE,
        signature,
      ),
  );
}

async function statusChanges(ctx: BenchContext, fx: RegistryFixture) {
  const { credentialRegistry: registry, issuer } = fx;
  const root = await anchoredRoot(fx, "status changes", 10_000);
  const as = registry.connect(issuer);
  // Each single change lands in a status word nothing has touched yet: the worst case.
  ctx.record(
    "revoke.one.gas",
    await gasUsed(as.revokeCredential(issuer.address, root, 4_321, 1)),
    GAS,
  );
  ctx.record(
    "suspend.one.gas",
    await gasUsed(as.suspendCredential(issuer.address, root, 7_777, 2)),
    GAS,
  );
  ctx.record(
    "unsuspend.one.gas",
    await gasUsed(as.unsuspendCredential(issuer.address, root, 7_777, 2)),
    GAS,
  );

  const bulk = await bulkRevokeGas(fx);
  ctx.record("revoke.bulk1000of10000.gas", bulk.gas, GAS);
  ctx.record("revoke.bulk1000of10000.gasPerCredential", bulk.perCredential, GAS, { max: 1_200 });
}

async function views(ctx: BenchContext, fx: RegistryFixture) {
  const { credentialRegistry: registry, issuer } = fx;
  const leafCount = 10_000;
  const values: [number, string][] = [];
  for (let i = 0; i < leafCount; i++) values.push([i, seededBytes32("credential digest", i)]);
  const tree = StandardMerkleTree.of(values, ["uint256", "bytes32"]);
  await gasUsed(
    registry
      .connect(issuer)
      .anchor(tree.root, leafCount, CREDENTIAL_TYPE, seededCid("verified batch")),
  );

  // Includes the 21,000 of a transaction, as eth_estimateGas reports it; the accredited issuer
  // makes the view consult the AccreditationRegistry twice (at anchoring and now).
  ctx.record(
    "status.view.gas",
    Number(await registry.credentialStatus.estimateGas(issuer.address, tree.root, 4_321)),
    GAS,
  );

  const index = 4_321;
  const [, digest] = values[index]!;
  const proof = tree.getProof(index);
  const [valid] = await registry.verify(issuer.address, tree.root, index, digest, proof);
  if (!valid) throw new Error("the benchmark's own credential did not verify");
  ctx.record(
    "verify.view.gas",
    Number(await registry.verify.estimateGas(issuer.address, tree.root, index, digest, proof)),
    GAS,
  );
  ctx.record("verify.view.proofLength", proof.length, "hashes");

  // The same status read after a hostile body in scope piled 100 terms on the issuer (after the
  // batch was anchored, so none of them counts at anchoring or now): the lookup is a binary
  // search, so the pile adds a few storage reads, not one per term.
  await pileHostileTerms(fx, 100);
  ctx.record(
    "status.view.piled100.gas",
    Number(await registry.credentialStatus.estimateGas(issuer.address, tree.root, 4_321)),
    GAS,
  );
}
