// `credanchor status publish` on a `hardhat node`: after revocations, each batch's signed
// BitstringStatusListCredential holds exactly the revoked credentials (every one when the batch is
// revoked), signed by the issuer's did:key, in the folder named by --out.
//
// STAND-IN: until `credanchor issue` writes v2 files, the input is the v1 batch issueBatch anchored
// here, reshaped into the v2 layout (did:key issuer, BitstringStatusListEntry status, proof set).
// Its digests no longer match its claims: publish reads only where the batch is anchored, the list
// URL and the issuer's did:key, never the digests, so the test still pins what publish does.
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import {
  developmentSeed,
  SIGNING_KEY_VARIABLE,
  signingKeyFromSeed,
} from "../../src/cli/signingKey.ts";
import type { CredanchorCredential } from "../../src/credential/index.ts";
import {
  type DataIntegrityProof,
  decodeStatusList,
  encodeStatusList,
  publicKeyFromDidKey,
  verifyEddsaProof,
} from "../../src/dataIntegrity/index.ts";
import {
  ACCOUNTS,
  type CliChain,
  FROM,
  type IssuedBatch,
  issueBatch,
  jsonError,
  jsonOf,
  startCliChain,
} from "./support.ts";

const STATUS_BASE = "https://northwind-poly.example/credanchor/status";
const UNIVERSITY_KEY = signingKeyFromSeed(developmentSeed(ACCOUNTS.university), "development");

interface PublishReport {
  out: string;
  lists: {
    batchRoot: string;
    url: string;
    file: string;
    leafCount: number;
    batchRevoked: boolean;
    revoked: number;
  }[];
}

/** A v1 credential of an anchored batch in the v2 layout (see STAND-IN above). */
function asV2(credential: CredanchorCredential, listUrl: string, didKey: string) {
  const { proof, credentialStatus: status, issuer, ...rest } = credential;
  return {
    ...rest,
    "@context": [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
      "https://w3id.org/credanchor/v2",
    ],
    issuer: { ...issuer, id: didKey },
    credentialStatus: {
      id: `${listUrl}#${status.batchIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(status.batchIndex),
      statusListCredential: listUrl,
      chainId: status.chainId,
      registryAddress: status.registryAddress,
      issuerAddress: status.issuerAddress,
      credentialType: status.credentialType,
      batchIndex: status.batchIndex,
      batchRoot: status.batchRoot,
    },
    proof: [
      {
        ...proof,
        type: "CredanchorMerkleProof",
        cryptosuite: "credanchor-keccak-jcs-v2",
        created: "2026-12-04T11:00:00Z",
      },
    ],
  };
}

/** Writes a batch as `credanchor issue` lays out its output folder: credentials/ and report.json. */
async function writeIssueFolder(
  folder: string,
  batches: { batch: IssuedBatch; listId: string; didKey?: string }[],
): Promise<string[][]> {
  await mkdir(path.join(folder, "credentials"), { recursive: true });
  const files: string[][] = [];
  for (const { batch, listId, didKey } of batches) {
    const written: string[] = [];
    for (const credential of batch.credentials) {
      const v2 = asV2(credential, `${STATUS_BASE}/${listId}.json`, didKey ?? UNIVERSITY_KEY.didKey);
      const id = String(credential.id).replace(/^urn:uuid:/, "");
      const file = path.join(folder, "credentials", `${id}.credential.json`);
      await writeFile(file, `${JSON.stringify(v2, null, 2)}\n`);
      written.push(file);
    }
    files.push(written);
  }
  await writeFile(
    path.join(folder, "report.json"),
    JSON.stringify({
      batches: batches.map(({ batch }, i) => ({ batch: i, root: batch.root, status: "anchored" })),
    }),
  );
  return files;
}

/** The indices set in a decoded list, read the W3C way (most significant bit first). */
function setIndices(bits: Uint8Array): number[] {
  const indices: number[] = [];
  for (let i = 0; i < bits.length * 8; i++) {
    if (bits[i >> 3]! & (0x80 >> (i & 7))) indices.push(i);
  }
  return indices;
}

describe("credanchor status publish", function () {
  this.timeout(240_000);
  let chain: CliChain;
  let first: IssuedBatch;
  let second: IssuedBatch;
  let runFolder: string;
  let secondFiles: string[];

  before(async () => {
    chain = await startCliChain();
    const ipfsDir = path.join(chain.dir, "ipfs");
    first = await issueBatch(chain, { size: 8, folder: path.join(chain.dir, "v1-first"), ipfsDir });
    second = await issueBatch(chain, {
      size: 3,
      folder: path.join(chain.dir, "v1-second"),
      ipfsDir,
      label: "second ",
    });
    runFolder = path.join(chain.dir, "run");
    [, secondFiles] = (await writeIssueFolder(runFolder, [
      { batch: first, listId: "0123456789abcdef0123456789abcdef" },
      { batch: second, listId: "fedcba9876543210fedcba9876543210" },
    ])) as [string[], string[]];
  });

  after(async () => {
    await chain?.stop();
  });

  const university = (...args: string[]) =>
    chain.cli(["--json", ...args, "--network", "testnode", "--from", FROM.university]);
  const publish = (args: string[], env: Record<string, string> = {}) =>
    chain.cli(["--json", "status", "publish", ...args, "--network", "testnode"], env);
  const readList = async (file: string) =>
    JSON.parse(await readFile(file, "utf8")) as {
      id: string;
      issuer: string;
      type: string[];
      credentialSubject: { encodedList: string; statusPurpose: string };
      proof: DataIntegrityProof;
    };

  it("writes a signed list per batch of an issue folder, with exactly the revoked credentials set", async () => {
    const revoked = await university("revoke", first.files[1]!, first.files[4]!);
    expect(revoked.code, revoked.stderr).to.equal(0);

    const out = path.join(chain.dir, "public");
    const run = await publish([runFolder, "--out", out]);
    expect(run.code, run.stderr).to.equal(0);
    const report = jsonOf<PublishReport>(run);
    expect(
      report.lists.map((l) => [l.batchRoot, l.revoked, l.batchRevoked, l.leafCount]),
    ).to.have.deep.members([
      [first.root, 2, false, 8],
      [second.root, 0, false, 3],
    ]);

    const list = await readList(path.join(out, "0123456789abcdef0123456789abcdef.json"));
    expect(list.id).to.equal(`${STATUS_BASE}/0123456789abcdef0123456789abcdef.json`);
    expect(list.issuer).to.equal(UNIVERSITY_KEY.didKey);
    expect(list.type).to.deep.equal(["VerifiableCredential", "BitstringStatusListCredential"]);
    expect(list.credentialSubject.statusPurpose).to.equal("revocation");
    const bits = await decodeStatusList(list.credentialSubject.encodedList);
    expect(bits.length * 8).to.equal(131_072);
    expect(setIndices(bits)).to.deep.equal([1, 4]);

    const { proof, ...unsigned } = list;
    expect(proof.verificationMethod).to.equal(UNIVERSITY_KEY.verificationMethod);
    const publicKey = publicKeyFromDidKey(list.issuer);
    expect(await verifyEddsaProof(unsigned, proof, { publicKey })).to.equal(true);
    const cleared = await encodeStatusList(new Uint8Array(131_072 / 8));
    const forged = {
      ...unsigned,
      credentialSubject: { ...unsigned.credentialSubject, encodedList: cleared },
    };
    expect(await verifyEddsaProof(forged, proof, { publicKey })).to.equal(false);
  });

  it("sets every credential of a revoked batch, from credential files given one by one", async () => {
    const revoked = await university("revoke", "--batch", second.root, "--all");
    expect(revoked.code, revoked.stderr).to.equal(0);
    const out = path.join(chain.dir, "public-files");
    const run = await publish([secondFiles[0]!, secondFiles[2]!, "--out", out]);
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf<PublishReport>(run).lists).to.have.length(1);
    const list = await readList(path.join(out, "fedcba9876543210fedcba9876543210.json"));
    expect(setIndices(await decodeStatusList(list.credentialSubject.encodedList))).to.deep.equal([
      0, 1, 2,
    ]);
  });

  it("refuses to sign with a key other than the credentials' did:key, and writes nothing", async () => {
    const out = path.join(chain.dir, "public-refused");
    const run = await publish([runFolder, "--out", out], {
      [SIGNING_KEY_VARIABLE]: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    });
    expect(run.code).to.equal(2);
    const error = jsonError(run);
    expect(error.code).to.equal("SIGNING_KEY_MISMATCH");
    expect(error.message).to.include(UNIVERSITY_KEY.didKey);
    expect(await stat(out).catch(() => null)).to.equal(null);
  });

  it("refuses a v1 credential file, which has no list to publish", async () => {
    const run = await publish([first.files[0]!, "--out", path.join(chain.dir, "public-v1")]);
    expect(run.code).to.equal(2);
    expect(jsonError(run).code).to.equal("CREDENTIAL_FILE_INVALID");
  });
});
