// The holder at the command line: `disclose` writes a copy showing only some claims, and
// `recover` rebuilds a lost proof from the batch manifest on IPFS (and the chain, for what the
// file no longer says), on real files of a batch anchored on a `hardhat node`.
import { access, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { type CredanchorCredential, verifyIntegrity } from "../../src/credential/index.ts";
import { deadRpcUrl } from "../helpers/rpcServer.ts";
import {
  type CliChain,
  type IssuedBatch,
  issueBatch,
  jsonError,
  jsonOf,
  startCliChain,
} from "./support.ts";

async function readCredential(file: string): Promise<CredanchorCredential> {
  return JSON.parse(await readFile(file, "utf8")) as CredanchorCredential;
}

/** `credential` as recover writes it back: its anchor names the manifest the proof came from. */
function withManifest(credential: CredanchorCredential, manifestCid: string): CredanchorCredential {
  const anchor = { ...credential.proof.anchor!, manifestCid };
  return { ...credential, proof: { ...credential.proof, anchor } };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

describe("credanchor holder commands", function () {
  this.timeout(180_000);
  let chain: CliChain;
  let batch: IssuedBatch;
  let other: IssuedBatch;
  let ipfsDir: string;

  before(async () => {
    chain = await startCliChain();
    ipfsDir = path.join(chain.dir, "ipfs");
    batch = await issueBatch(chain, { size: 5, folder: path.join(chain.dir, "batch"), ipfsDir });
    other = await issueBatch(chain, {
      size: 2,
      folder: path.join(chain.dir, "other"),
      ipfsDir,
      label: "other ",
    });
  });

  after(async () => {
    await chain?.stop();
  });

  describe("disclose", () => {
    it("writes a copy that shows the revealed claims and hides the rest, with the same digest", async () => {
      const out = path.join(chain.dir, "for-employer.json");
      const run = await chain.cli([
        "--json",
        "disclose",
        batch.files[0]!,
        "--reveal",
        "/credentialSubject/result",
        "--out",
        out,
      ]);
      expect(run.code, run.stderr).to.equal(0);
      expect(jsonOf(run)).to.include({ file: out, credentialId: batch.credentials[0]!.id });

      const copy = await readCredential(out);
      expect(copy.credentialSubject.result).to.deep.equal(
        batch.credentials[0]!.credentialSubject.result,
      );
      expect(copy.credentialSubject.identifier).to.equal(undefined);
      expect(copy.proof.anchor).to.deep.equal(batch.credentials[0]!.proof.anchor);
      const integrity = verifyIntegrity(copy);
      expect(integrity.ok).to.equal(true);
      expect(integrity.credentialDigest).to.equal(batch.credentials[0]!.proof.credentialDigest);
      expect(jsonOf<{ hiddenClaims: number }>(run).hiddenClaims).to.be.greaterThan(0);
    });

    it("writes <file>.disclosed.json by default and refuses to overwrite it without --force", async () => {
      const args = ["disclose", batch.files[1]!, "--reveal", "/credentialSubject/identifier/0"];
      const first = await chain.cli(args);
      expect(first.code, first.stderr).to.equal(0);
      const written = batch.files[1]!.replace(/\.json$/, ".disclosed.json");
      expect(first.stdout).to.include(written);
      expect(await exists(written)).to.equal(true);

      const again = await chain.cli(args);
      expect(again.code).to.equal(2);
      expect(again.stderr).to.include("[FILE_EXISTS]").and.to.include("--force");
      expect((await chain.cli([...args, "--force"])).code).to.equal(0);
    });

    it("hides the award date with --hide /validFrom, keeping only its digest", async () => {
      const out = path.join(chain.dir, "no-year.json");
      const run = await chain.cli([
        "--json",
        "disclose",
        batch.files[3]!,
        "--reveal",
        "/credentialSubject/result",
        "--hide",
        "/validFrom",
        "--out",
        out,
      ]);
      expect(run.code, run.stderr).to.equal(0);
      const copy = await readCredential(out);
      expect(copy).to.not.have.property("validFrom");
      expect(copy.proof.claims["/validFrom"]).to.have.property("digest");
      expect(verifyIntegrity(copy).credentialDigest).to.equal(
        batch.credentials[3]!.proof.credentialDigest,
      );
    });

    it("refuses to hide a claim every copy must show, naming it, and writes nothing", async () => {
      const out = path.join(chain.dir, "no-issuer.json");
      const run = await chain.cli([
        "--json",
        "disclose",
        batch.files[3]!,
        "--reveal",
        "",
        "--hide",
        "/issuer/name",
        "--out",
        out,
      ]);
      expect(run.code).to.equal(2);
      expect(jsonError(run).message).to.include("/issuer/name");
      expect(await exists(out)).to.equal(false);
    });

    it("lists every field with its human label and whether it can be hidden (--list)", async () => {
      const run = await chain.cli(["--json", "disclose", batch.files[0]!, "--list"]);
      expect(run.code, run.stderr).to.equal(0);
      const { fields } = jsonOf<{
        fields: { pointer: string; label: string; shown: boolean; hideable: string }[];
      }>(run);
      const byPointer = new Map(fields.map((f) => [f.pointer, f]));
      expect(byPointer.get("/credentialSubject/identifier/0/identityHash")).to.include({
        label: "Holder's name",
        hideable: "yes",
        shown: true,
      });
      expect(byPointer.get("/validFrom")).to.include({ label: "Award date", hideable: "yes" });
      expect(byPointer.get("/issuer/name")).to.include({ hideable: "always" });
      for (const f of fields) expect(f.label, f.pointer).to.not.include("/");

      const table = await chain.cli(["disclose", batch.files[0]!, "--list", "--lang", "fr"]);
      expect(table.code, table.stderr).to.equal(0);
      expect(table.stdout).to.match(/Nom du titulaire\s+\S.*peut être masqué/);
      expect(table.stdout).to.match(/Nom de l'émetteur.*toujours affiché/);
    });

    it("hides only what --hide names when --reveal is left out, and says the anchoring date stays", async () => {
      const out = path.join(chain.dir, "no-name-no-year.json");
      const run = await chain.cli([
        "disclose",
        batch.files[2]!,
        "--hide",
        "/credentialSubject/identifier/0",
        "/validFrom",
        "--out",
        out,
      ]);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.include("hidden: Holder's name").and.to.include("hidden: Award date");
      expect(run.stdout).to.match(/the (anchoring date|time the batch was anchored)/);
      const copy = await readCredential(out);
      expect(copy).to.not.have.property("validFrom");
      expect(copy.credentialSubject.identifier?.[0] ?? null).to.equal(null);
      expect(copy.credentialSubject.result).to.deep.equal(
        batch.credentials[2]!.credentialSubject.result,
      );
      expect(verifyIntegrity(copy).credentialDigest).to.equal(
        batch.credentials[2]!.proof.credentialDigest,
      );
    });

    it("refuses to hide the achievement by its label, naming what can be hidden, and writes nothing", async () => {
      const out = path.join(chain.dir, "no-achievement.json");
      const run = await chain.cli([
        "disclose",
        batch.files[2]!,
        "--hide",
        "/credentialSubject/achievement/name",
        "--out",
        out,
      ]);
      expect(run.code).to.equal(2);
      expect(run.stderr)
        .to.include("Achievement (/credentialSubject/achievement/name) is always shown")
        .and.to.include("You can hide:")
        .and.to.include("Award date")
        .and.to.include("[DISCLOSURE_CLAIM_MANDATORY]");
      expect(await exists(out)).to.equal(false);
    });

    it("asks what to show when given neither --reveal, --hide nor --list", async () => {
      const run = await chain.cli(["disclose", batch.files[2]!]);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.include("--reveal").and.to.include("--list");
    });

    it("names the pointer that matches no claim and writes nothing", async () => {
      const out = path.join(chain.dir, "never.json");
      const run = await chain.cli([
        "--json",
        "disclose",
        batch.files[2]!,
        "--reveal",
        "/credentialSubject/shoeSize",
        "--out",
        out,
      ]);
      expect(run.code).to.equal(2);
      const error = jsonError(run);
      expect(error.code).to.equal("DISCLOSURE_POINTER_UNKNOWN");
      expect(error.message).to.include("/credentialSubject/shoeSize");
      expect(await exists(out)).to.equal(false);
    });
  });

  describe("reading credential files", () => {
    it("discloses from a file saved with a byte-order mark, as Windows Notepad saves it", async () => {
      const file = path.join(chain.dir, "notepad.json");
      await writeFile(file, `\uFEFF${JSON.stringify(batch.credentials[3], null, 2)}`);
      const out = path.join(chain.dir, "notepad-for-employer.json");
      const run = await chain.cli([
        "disclose",
        file,
        "--reveal",
        "/credentialSubject/result",
        "--out",
        out,
      ]);
      expect(run.code, run.stderr).to.equal(0);
      expect(verifyIntegrity(await readCredential(out)).ok).to.equal(true);
    });

    it("refuses a file that names a member twice, naming the member, and writes nothing", async () => {
      const file = path.join(chain.dir, "two-names.json");
      const text = JSON.stringify(batch.credentials[3], null, 2).replace(
        '"name": "Northwind Polytechnic"',
        '"name": "Acme Diploma Mill", "name": "Northwind Polytechnic"',
      );
      await writeFile(file, text);
      const out = path.join(chain.dir, "two-names-for-employer.json");
      const run = await chain.cli([
        "--json",
        "disclose",
        file,
        "--reveal",
        "/credentialSubject/result",
        "--out",
        out,
      ]);
      expect(run.code).to.equal(2);
      const error = jsonError(run);
      expect(error.code).to.equal("CREDENTIAL_FILE_INVALID");
      expect(error.message).to.include(file).and.to.include('member "name" appears twice');
      expect(error.details).to.include({ problem: "DUPLICATE_MEMBER", member: "name" });
      expect(await exists(out)).to.equal(false);
    });
  });

  describe("verify by the employer", () => {
    it("reads the registry of a deployment named with --trust from ./deployments, and of no other", async () => {
      const file = path.join(chain.dir, "holder-copy.json");
      await writeFile(file, JSON.stringify(batch.credentials[4], null, 2));
      // The university anchored without being accredited on this node: the chain was read.
      const trusted = await chain.cli(["--json", "verify", file, "--trust", "testnode"]);
      const [report] = jsonOf<{ status: string; trust: { label: string } | null }[]>(trusted);
      expect(report!.status, trusted.stderr).to.equal("not-accredited");
      expect(report!.trust).to.deep.include({ label: "testnode", registry: chain.registry });

      const untrusted = await chain.cli(["verify", file]);
      expect(untrusted.code).to.equal(1);
      expect(untrusted.stderr).to.contain("Trusting no registry");
      expect(untrusted.stdout).to.match(/holder-copy\.json\s+untrusted-registry\s/);
    });
  });

  describe("recover", () => {
    it("prints the proof of any index from the manifest alone, without a chain", async () => {
      const run = await chain.cli([
        "--json",
        "recover",
        "--manifest",
        batch.manifestCid,
        "--index",
        "3",
        "--ipfs-dir",
        ipfsDir,
      ]);
      expect(run.code, run.stderr).to.equal(0);
      expect(jsonOf(run)).to.deep.include({
        root: batch.root,
        index: 3,
        proof: batch.credentials[3]!.proof.anchor!.merkleProof,
        credentialDigest: batch.credentials[3]!.proof.credentialDigest,
      });
    });

    it("writes a lost proof back into the file, finding the manifest through the chain", async () => {
      const file = path.join(chain.dir, "lost-proof.json");
      const { anchor: _lost, ...proof } = batch.credentials[2]!.proof;
      await writeFile(file, JSON.stringify({ ...batch.credentials[2]!, proof }));

      const run = await chain.cli([
        "--json",
        "recover",
        file,
        "--ipfs-dir",
        ipfsDir,
        "--network",
        "testnode",
      ]);
      expect(run.code, run.stderr).to.equal(0);
      expect(jsonOf(run)).to.include({ file, manifestCid: batch.manifestCid, index: 2 });
      expect(await readCredential(file)).to.deep.equal(
        withManifest(batch.credentials[2]!, batch.manifestCid),
      );
    });

    it("rebuilds a file that lost its batch root too, from --manifest and the anchoring event", async () => {
      const file = path.join(chain.dir, "lost-root.json");
      const out = path.join(chain.dir, "restored.json");
      const original = batch.credentials[4]!;
      const { anchor: _anchor, ...proof } = original.proof;
      const { batchRoot: _root, ...status } = original.credentialStatus;
      await writeFile(file, JSON.stringify({ ...original, credentialStatus: status, proof }));

      const run = await chain.cli([
        "recover",
        file,
        "--manifest",
        batch.manifestCid,
        "--ipfs-dir",
        ipfsDir,
        "--out",
        out,
        "--network",
        "testnode",
      ]);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.include(out);
      expect(await readCredential(out)).to.deep.equal(withManifest(original, batch.manifestCid));
    });

    it("refuses a manifest that does not hold this credential and leaves the file alone", async () => {
      const file = path.join(chain.dir, "other-batch.json");
      await writeFile(file, JSON.stringify(other.credentials[1]));
      const before = await readFile(file, "utf8");
      const run = await chain.cli([
        "--json",
        "recover",
        file,
        "--manifest",
        batch.manifestCid,
        "--ipfs-dir",
        ipfsDir,
      ]);
      expect(run.code).to.equal(2);
      expect(jsonError(run).code).to.equal("RECOVERED_PROOF_MISMATCH");
      expect(await readFile(file, "utf8")).to.equal(before);
    });

    it("exits 3 when the only gateway cannot be reached", async () => {
      const run = await chain.cli([
        "--json",
        "recover",
        "--manifest",
        batch.manifestCid,
        "--index",
        "0",
        "--gateway",
        await deadRpcUrl(),
      ]);
      expect(run.code).to.equal(3);
      expect(jsonError(run).message).to.include(batch.manifestCid);
    });

    it("rebuilds a deleted credential file from the link and key of its encrypted copy", async () => {
      await writeFile(
        path.join(chain.dir, "graduates.csv"),
        [
          "id,holderName,validFrom,achievement.name,achievement.description,achievement.criteria",
          "S-1,Ada Lovelace,2025-07-14,BEng Mechatronics,Bachelor of Engineering.,Earn 180 ECTS.",
          "S-2,Alan Turing,2025-07-14,BEng Mechatronics,Bachelor of Engineering.,Earn 180 ECTS.",
        ].join("\n"),
      );
      const issued = await chain.cli([
        "issue",
        "graduates.csv",
        "--out",
        "issued",
        "--type",
        "BachelorDegree",
        "--issuer-name",
        "Northwind Polytechnic",
        "--status-base",
        "https://northwind-poly.example/status",
        "--ipfs-dir",
        ipfsDir,
        "--no-progress",
        "--network",
        "testnode",
        "--from",
        "2",
      ]);
      expect(issued.code, issued.stderr).to.equal(0);
      const file = path.join(chain.dir, "issued/credentials/S-1.credential.json");
      const original = await readFile(file, "utf8");
      const signed = JSON.parse(original);
      const { encryptedCopy, anchor } = signed.proof[0];
      await rm(file);

      const run = await chain.cli([
        "recover",
        file,
        "--copy",
        encryptedCopy.cid,
        "--key",
        encryptedCopy.key,
        "--manifest",
        anchor.manifestCid,
        "--ipfs-dir",
        ipfsDir,
        "--network",
        "testnode",
      ]);
      expect(run.code, run.stderr).to.equal(0);
      // The encrypted copy holds the credential as built, before it was signed: the rebuilt file
      // is the original with its anchor proof only, like a disclosed copy.
      const rebuilt = JSON.parse(await readFile(file, "utf8"));
      expect(rebuilt).to.deep.equal({ ...signed, proof: [signed.proof[0]] });
      expect(verifyIntegrity(rebuilt).ok).to.equal(true);
    });

    it("asks for the key with --copy, and refuses a key that is not 32 bytes", async () => {
      const file = path.join(chain.dir, "never-written.json");
      const cid = batch.manifestCid;
      const noKey = await chain.cli(["recover", file, "--copy", cid, "--network", "testnode"]);
      expect(noKey.code).to.equal(2);
      expect(noKey.stderr).to.include("--key");
      const shortKey = await chain.cli(["recover", file, "--copy", cid, "--key", "0x12"]);
      expect(shortKey.code).to.equal(2);
      expect(shortKey.stderr).to.include('--key "0x12"');
      expect(await exists(file)).to.equal(false);
    });
  });
});
