// Files exactly as `credanchor issue` writes them, judged by the verifiers the field already uses:
// Digital Bazaar's vc (eddsa-rdfc-2022) and DCC's verifier-core say verified, and revoked after
// `credanchor revoke` + `status publish`; every file and every disclosed copy is valid
// under 1EdTech's two OB 3.0 AchievementCredential schemas and W3C's VC 2.0 schema and expands in
// JSON-LD safe mode. Runs against a `hardhat node` the test starts, through the real CLI.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { type CliChain, FROM, startCliChain } from "../cli/support.ts";
import {
  expandsInSafeMode,
  type JsonObject,
  statusListsFromFolder,
  validateWithSchemas,
  verifyWithDigitalBazaar,
  verifyWithVerifierCore,
} from "./standardVerifiers.ts";

const STATUS_BASE = "https://northwind-poly.example/credanchor/status";

describe("files credanchor issue writes, judged by the field's verifiers", function () {
  this.timeout(300_000);
  let chain: CliChain;
  let files: string[];
  const credentials = new Map<string, JsonObject>();

  const university = (...args: string[]) =>
    chain.cli([...args, "--network", "testnode", "--from", FROM.university]);
  const publish = async () => {
    const run = await chain.cli([
      "status",
      "publish",
      "issued",
      "--out",
      "public",
      "--network",
      "testnode",
    ]);
    expect(run.code, run.stderr).to.equal(0);
    return statusListsFromFolder(path.join(chain.dir, "public"), STATUS_BASE);
  };

  before(async () => {
    chain = await startCliChain();
    await writeFile(
      path.join(chain.dir, "graduates.csv"),
      [
        "id,holderName,validFrom,achievement.name,achievement.description,achievement.criteria,identifiers[0].identityType,identifiers[0].value,results[0].name,results[0].value",
        "S-1,Ada Lovelace,2025-07-14,BEng Mechatronics,Bachelor of Engineering in Mechatronics.,Earn 180 ECTS.,emailAddress,ada@mail.example,Classification,First class",
        "S-2,Zoë O'Brien,2025-07-14,BEng Mechatronics,Bachelor of Engineering in Mechatronics.,Earn 180 ECTS.,emailAddress,zoe@mail.example,Classification,Upper second",
        "S-3,Alan Turing,2025-07-14,BEng Mechatronics,Bachelor of Engineering in Mechatronics.,Earn 180 ECTS.,emailAddress,alan@mail.example,Classification,First class",
      ].join("\n"),
    );
    const issued = await university(
      "issue",
      "graduates.csv",
      "--out",
      "issued",
      "--type",
      "BachelorDegree",
      "--issuer-name",
      "Northwind Polytechnic",
      "--issuer-url",
      "https://northwind-poly.example",
      "--status-base",
      STATUS_BASE,
      "--ipfs-dir",
      path.join(chain.dir, "ipfs"),
      "--no-progress",
    );
    expect(issued.code, issued.stderr).to.equal(0);
    const folder = path.join(chain.dir, "issued", "credentials");
    files = (await readdir(folder)).filter((n) => n.endsWith(".credential.json")).sort();
    expect(files).to.have.length(3);
    for (const name of files) {
      const text = await readFile(path.join(folder, name), "utf8");
      credentials.set(name, JSON.parse(text) as JsonObject);
    }
  });

  after(async () => {
    await chain?.stop();
  });

  it("writes v2 files: a did:key issuer, a Bitstring status entry and a proof set", () => {
    for (const credential of credentials.values()) {
      expect((credential.issuer as JsonObject).id).to.match(/^did:key:z6Mk/);
      expect((credential.credentialStatus as JsonObject).type).to.equal("BitstringStatusListEntry");
      const proofs = credential.proof as JsonObject[];
      expect(proofs.map((p) => p.type)).to.deep.equal([
        "CredanchorMerkleProof",
        "DataIntegrityProof",
      ]);
    }
  });

  it("is verified by Digital Bazaar's vc and by DCC's verifier-core, then revoked after a revocation is published", async () => {
    const lists = await publish();
    for (const credential of credentials.values()) {
      const bazaar = await verifyWithDigitalBazaar(credential, { statusLists: lists });
      expect(bazaar.verified, bazaar.errors.join("; ")).to.equal(true);
      expect(bazaar.revoked).to.equal(false);
      const core = await verifyWithVerifierCore(credential, { statusLists: lists });
      expect(core.verified, core.errors.join("; ")).to.equal(true);
      expect(core.revoked).to.equal(false);
    }

    const [revokedName, keptName] = files as [string, string];
    const revoke = await university(
      "revoke",
      path.join("issued", "credentials", revokedName),
      "--reason",
      "issued-in-error",
    );
    expect(revoke.code, revoke.stderr).to.equal(0);
    const after = await publish();

    const revoked = credentials.get(revokedName)!;
    const bazaar = await verifyWithDigitalBazaar(revoked, { statusLists: after });
    expect(bazaar.revoked).to.equal(true);
    const core = await verifyWithVerifierCore(revoked, { statusLists: after });
    expect(core.revoked).to.equal(true);

    const kept = credentials.get(keptName)!;
    const keptCore = await verifyWithVerifierCore(kept, { statusLists: after });
    expect(keptCore.verified, keptCore.errors.join("; ")).to.equal(true);
    expect(keptCore.revoked).to.equal(false);
  });

  it("is valid under both OB 3.0 schemas and the VC 2.0 schema, full and disclosed, and expands in safe mode", async () => {
    for (const [name, credential] of credentials) {
      const copyFile = path.join("issued", `${name}.disclosed.json`);
      const disclosed = await chain.cli([
        "disclose",
        path.join("issued", "credentials", name),
        "--reveal",
        "/credentialSubject/result",
        "--hide",
        "/credentialSubject/result/0/value",
        "--out",
        copyFile,
      ]);
      expect(disclosed.code, disclosed.stderr).to.equal(0);
      const copy = JSON.parse(await readFile(path.join(chain.dir, copyFile), "utf8")) as JsonObject;
      expect((copy.proof as JsonObject[]).map((p) => p.type)).to.deep.equal([
        "CredanchorMerkleProof",
      ]);
      for (const [form, document] of [
        ["full", credential],
        ["disclosed", copy],
      ] as const) {
        for (const [schema, verdict] of Object.entries(validateWithSchemas(document))) {
          expect(verdict.valid, `${name} ${form} under ${schema}: ${verdict.errors.join("; ")}`).to
            .be.true;
        }
        const expansion = await expandsInSafeMode(document);
        expect(expansion.safeModeError, `${name} ${form}`).to.equal(undefined);
        expect(expansion.dropped, `${name} ${form}`).to.deep.equal([]);
      }
    }
  });
});
