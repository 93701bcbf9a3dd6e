// The interim `npm run demo` (until the issuer CLI's demo replaces it): on Hardhat's in-process
// chain, with nothing running, deploy the registries, accredit a university through an
// accreditation body, anchor 1,000 credentials as one Merkle root, verify one with the
// registry's `verify` view, revoke it and verify again. Credential digests are random stand-ins
// for real credentials; the manifest CID is computed but not stored (no IPFS here yet).
import { randomBytes } from "node:crypto";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type ContractTransactionResponse, hexlify } from "ethers";
import { network } from "hardhat";
import { toCaip2 } from "../src/chain/caip2.ts";
import { credentialTypeId } from "../src/credential/credentialType.ts";
import { encodeContent } from "../src/storage/encodeContent.ts";
import { deployRegistries } from "./lib/deployRegistries.ts";

const CREDENTIAL_TYPE = "BachelorDegree";
const BATCH_SIZE = 1_000;
const FOREVER = 2n ** 48n - 1n;
const REVOKED_FOR_ERROR = 1;

interface Step {
  label: string;
  gas?: bigint;
  ms: number;
  note?: string;
}

const started = performance.now();
const steps: Step[] = [];

async function step<T>(label: string, fn: () => Promise<T>, describe?: (r: T) => Partial<Step>) {
  const t0 = performance.now();
  const result = await fn();
  steps.push({ label, ms: performance.now() - t0, ...describe?.(result) });
  return result;
}

async function mined(sent: Promise<ContractTransactionResponse>) {
  const receipt = await (await sent).wait();
  if (receipt === null) throw new Error("transaction dropped");
  return { gas: receipt.gasUsed };
}

/** The CIDv1 an IPFS node would give these bytes, as the binary form the contracts store. */
async function cidOf(document: unknown) {
  const cid = await encodeContent(
    new TextEncoder().encode(JSON.stringify(document)),
    async () => {},
  );
  return { text: cid.toString(), bytes: hexlify(cid.bytes) };
}

const { ethers } = await network.getOrCreate();
const [governance, body, university] = await ethers.getSigners();
if (!governance || !body || !university) throw new Error("the in-process chain has no accounts");
const { chainId } = await ethers.provider.getNetwork();
const typeId = credentialTypeId(CREDENTIAL_TYPE);

const deployed = await step(
  "deploy AccreditationRegistry + CredentialRegistry",
  () => deployRegistries(ethers, { deployer: governance }),
  (d) => ({ gas: d.gasUsed.AccreditationRegistry + d.gasUsed.CredentialRegistry }),
);
const { accreditationRegistry, credentialRegistry } = deployed;

const bodyMetadata = await cidOf({ name: "Demo Higher Education Accreditation Agency" });
await step(
  "governance appoints the accreditation body",
  () =>
    mined(
      accreditationRegistry
        .connect(governance)
        .appointBody(body.address, [typeId], bodyMetadata.bytes),
    ),
  (r) => r,
);

const now = (await ethers.provider.getBlock("latest"))!.timestamp;
const evidence = await cidOf({ report: "Demo institutional review", issuer: university.address });
await step(
  `body accredits the university for ${CREDENTIAL_TYPE}`,
  () =>
    mined(
      accreditationRegistry
        .connect(body)
        .accredit(university.address, typeId, now, FOREVER, evidence.bytes),
    ),
  (r) => r,
);

const values: [number, string][] = Array.from({ length: BATCH_SIZE }, (_, i) => [
  i,
  hexlify(randomBytes(32)),
]);
const tree = await step(
  `build the Merkle tree of ${BATCH_SIZE.toLocaleString("en-US")} credential digests`,
  async () => StandardMerkleTree.of(values, ["uint256", "bytes32"]),
);
const manifest = await cidOf({
  root: tree.root,
  leafCount: BATCH_SIZE,
  credentialType: CREDENTIAL_TYPE,
  leaves: values.map(([i, digest]) => ({ index: i, digest })),
});
await step(
  `university anchors the batch root`,
  () =>
    mined(
      credentialRegistry.connect(university).anchor(tree.root, BATCH_SIZE, typeId, manifest.bytes),
    ),
  (r) => r,
);

const index = Math.floor(Math.random() * BATCH_SIZE);
const [, digest] = values[index]!;
const proof = tree.getProof(index);
const verify = () => credentialRegistry.verify(university.address, tree.root, index, digest, proof);

const before = await step(
  `verify credential #${index} (registry.verify view)`,
  async () => ({
    result: await verify(),
    gas: await credentialRegistry.verify.estimateGas(
      university.address,
      tree.root,
      index,
      digest,
      proof,
    ),
  }),
  ({ result: [valid, status], gas }) => ({
    gas,
    note: `${valid ? "VALID" : "NOT VALID"}, issuer ${status.accreditedAtAnchoring ? "accredited" : "not accredited"} at anchoring (view, estimated gas)`,
  }),
);
if (!before.result[0]) throw new Error(`credential #${index} should verify before revocation`);

await step(
  `university revokes credential #${index}`,
  () =>
    mined(
      credentialRegistry
        .connect(university)
        .revokeCredential(university.address, tree.root, index, REVOKED_FOR_ERROR),
    ),
  (r) => r,
);

const after = await step(
  `verify credential #${index} again`,
  async () => verify(),
  ([valid, status]) => ({
    note: `${valid ? "VALID" : "NOT VALID"}: revoked=${status.revoked}, batch revoked=${status.batchRevoked}`,
  }),
);
if (after[0] || !after[1].revoked) throw new Error(`credential #${index} should now be revoked`);

const neighbour = (index + 1) % BATCH_SIZE;
const [neighbourValid] = await credentialRegistry.verify(
  university.address,
  tree.root,
  neighbour,
  values[neighbour]![1],
  tree.getProof(neighbour),
);
if (!neighbourValid) throw new Error(`credential #${neighbour} should still verify`);

const fmtGas = (gas?: bigint) => (gas === undefined ? "" : gas.toLocaleString("en-US"));
const fmtMs = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const width = Math.max(...steps.map((s) => s.label.length));
console.log(
  [
    `credanchor demo on Hardhat's in-process chain (${toCaip2(Number(chainId))})`,
    "",
    `  AccreditationRegistry  ${deployed.contracts.AccreditationRegistry.address}`,
    `  CredentialRegistry     ${deployed.contracts.CredentialRegistry.address}`,
    `  governance             ${governance.address}`,
    `  accreditation body     ${body.address}  (metadata ${bodyMetadata.text})`,
    `  university (issuer)    ${university.address}`,
    `  credential type        ${CREDENTIAL_TYPE} = ${typeId}`,
    `  batch root             ${tree.root}  (${BATCH_SIZE.toLocaleString("en-US")} credentials, proof length ${proof.length})`,
    `  manifest CID           ${manifest.text}  (computed, not stored)`,
    "",
    `  ${"step".padEnd(width)}  ${"gas".padStart(9)}  ${"time".padStart(8)}`,
    ...steps.map(
      (s) =>
        `  ${s.label.padEnd(width)}  ${fmtGas(s.gas).padStart(9)}  ${fmtMs(s.ms).padStart(8)}${s.note ? `  ${s.note}` : ""}`,
    ),
    "",
    `  credential #${neighbour} of the same batch still verifies.`,
    `done in ${fmtMs(performance.now() - started)}`,
  ].join("\n"),
);
