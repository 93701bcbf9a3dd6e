// Governance and accreditation bodies at the command line: appoint bodies under their names,
// change their profile, scope and metadata, remove them; accredit an issuer under its legal name,
// suspend, reinstate and withdraw it; store evidence files; list what the registry holds.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { createEmbeddedStore } from "../../src/storage/index.ts";
import {
  ACCOUNTS,
  type CliChain,
  EVIDENCE,
  FROM,
  jsonError,
  jsonOf,
  startCliChain,
  startRangeLimitedRpc,
} from "./support.ts";

const METADATA = "bafkreie7q3iidccmpvszul7kudcvvuavuo7u6gzlbobczuk5nqk3b4akba";
const COUNCIL = ["--name", "Accreditation Council of Ruritania", "--jurisdiction", "RU-MOW"];
const NORTHWIND = ["--legal-name", "Northwind Polytechnic"];

interface BodyListing {
  bodies: {
    body: string;
    name: string;
    jurisdiction: string;
    active: boolean;
    removedAt: string | null;
    scope: string[];
    metadataCid: string | null;
  }[];
}
interface AccreditationListing {
  accreditations: {
    issuer: string;
    issuerName: string;
    issuerDomain: string | null;
    credentialType: string;
    body: string;
    term: number;
    state: string;
    validFrom: string;
    validUntil: string;
    recordedAt: string;
    effectiveFrom: string;
    evidenceCid: string | null;
    withdrawnFrom: string | null;
    accreditedNow: boolean;
  }[];
}

describe("credanchor governance and accreditation commands", function () {
  this.timeout(180_000);
  let chain: CliChain;

  before(async () => {
    chain = await startCliChain();
  });

  after(async () => {
    await chain?.stop();
  });

  const governance = (...args: string[]) =>
    chain.cli(["--json", ...args, "--network", "testnode", "--from", FROM.governance]);
  const asBody = (...args: string[]) =>
    chain.cli(["--json", ...args, "--network", "testnode", "--from", FROM.body]);
  const list = async <T>(...args: string[]) => {
    const run = await chain.cli(["--json", ...args, "--network", "testnode"]);
    expect(run.code, run.stderr).to.equal(0);
    return jsonOf<T>(run);
  };

  it("appoints a body and lists it with its name, jurisdiction, scope and metadata", async () => {
    const run = await governance(
      "body",
      "add",
      ACCOUNTS.body,
      "--scope",
      "BachelorDegree",
      "MasterDegree",
      ...COUNCIL,
      "--metadata",
      METADATA,
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf(run)).to.include({
      action: "appoint-body",
      body: ACCOUNTS.body,
      name: "Accreditation Council of Ruritania",
      jurisdiction: "RU-MOW",
    });
    expect(jsonOf(run).txHash).to.match(/^0x[0-9a-f]{64}$/);

    const { bodies } = await list<BodyListing>("body", "list");
    expect(bodies).to.have.length(1);
    expect(bodies[0]).to.include({
      body: ACCOUNTS.body,
      name: "Accreditation Council of Ruritania",
      jurisdiction: "RU-MOW",
      active: true,
      removedAt: null,
      metadataCid: METADATA,
    });
    expect(bodies[0]!.scope).to.deep.equal(["BachelorDegree", "MasterDegree"]);
  });

  it("changes a body's scope and metadata", async () => {
    const scoped = await governance(
      "body",
      "scope",
      ACCOUNTS.body,
      "--allow",
      "Diploma",
      "--disallow",
      "MasterDegree",
    );
    expect(scoped.code, scoped.stderr).to.equal(0);
    expect(jsonOf<{ transactions: unknown[] }>(scoped).transactions).to.have.length(2);
    const described = await governance("body", "metadata", ACCOUNTS.body, EVIDENCE);
    expect(described.code, described.stderr).to.equal(0);

    const { bodies } = await list<BodyListing>("body", "list");
    expect(bodies[0]).to.include({ metadataCid: EVIDENCE });
    expect(bodies[0]!.scope).to.deep.equal(["BachelorDegree", "Diploma"]);
  });

  it("changes a body's name and jurisdiction, shown by the list", async () => {
    const run = await governance(
      "body",
      "profile",
      ACCOUNTS.body,
      "--name",
      "Ruritanian Accreditation Council",
      "--jurisdiction",
      "ru",
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf(run)).to.include({ action: "set-body-profile", jurisdiction: "RU" });
    const { bodies } = await list<BodyListing>("body", "list");
    expect(bodies[0]).to.include({ name: "Ruritanian Accreditation Council", jurisdiction: "RU" });

    const human = await chain.cli(["body", "list", "--network", "testnode"]);
    expect(human.stdout).to.include('"Ruritanian Accreditation Council" (RU, Russia)');
  });

  it("refuses anyone but governance with exit 4 naming the contract error", async () => {
    for (const run of [
      await asBody("body", "add", ACCOUNTS.stranger, "--scope", "Diploma", ...COUNCIL),
      await asBody("body", "profile", ACCOUNTS.body, ...COUNCIL),
    ]) {
      expect(run.code, run.stderr).to.equal(4);
      const error = jsonError(run);
      expect(error.code).to.equal("REGISTRY_REVERTED");
      expect(error.message).to.include("AccessControlUnauthorizedAccount");
    }
  });

  it("exits 2 naming --name when it is missing, and --help marks it required", async () => {
    const run = await governance(
      "body",
      "add",
      ACCOUNTS.stranger,
      "--scope",
      "Diploma",
      "--jurisdiction",
      "DE",
    );
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("--name");

    const help = await chain.cli(["body", "add", "--help"]);
    expect(help.stdout).to.match(markedRequired("--name <name>"));
    expect(help.stdout).to.match(markedRequired("--jurisdiction <code>"));
  });

  it("refuses a blank name, a name with a bidirectional override and a jurisdiction that is no ISO code, before sending anything", async () => {
    const blank = await governance(
      "body",
      "add",
      ACCOUNTS.stranger,
      "--scope",
      "Diploma",
      "--name",
      "  ",
      "--jurisdiction",
      "DE",
    );
    expect(blank.code).to.equal(2);
    expect(jsonError(blank)).to.deep.include({
      code: "OPTION_INVALID",
      details: { option: "--name", value: "  " },
    });
    const spoofed = await governance(
      "body",
      "add",
      ACCOUNTS.stranger,
      "--scope",
      "Diploma",
      "--name",
      "Council \u202Eof Ruritania",
      "--jurisdiction",
      "DE",
    );
    expect(spoofed.code).to.equal(2);
    expect(jsonError(spoofed).message).to.include("--name").and.to.include("U+202E");
    for (const code of ["Germany", "XX", "US-CALIF"]) {
      const run = await governance(
        "body",
        "profile",
        ACCOUNTS.body,
        "--name",
        "A",
        "--jurisdiction",
        code,
      );
      expect(run.code, code).to.equal(2);
      expect(jsonError(run).message).to.include("--jurisdiction").and.to.include(code);
    }
    const { bodies } = await list<BodyListing>("body", "list");
    expect(bodies.map((b) => b.body)).to.deep.equal([ACCOUNTS.body]);
  });

  it("lets the body accredit, suspend, reinstate and withdraw an issuer, each visible in the list", async () => {
    const state = async () =>
      (
        await list<AccreditationListing>(
          "accreditations",
          "--issuer",
          ACCOUNTS.university,
          "--type",
          "BachelorDegree",
        )
      ).accreditations;

    const accredited = await asBody(
      "accredit",
      ACCOUNTS.university,
      "--type",
      "BachelorDegree",
      ...NORTHWIND,
      "--domain",
      "northwind.example",
      "--valid-until",
      "forever",
      "--evidence",
      EVIDENCE,
    );
    expect(accredited.code, accredited.stderr).to.equal(0);
    expect(jsonOf(accredited)).to.include({
      term: 0,
      validUntil: "forever",
      body: ACCOUNTS.body,
      issuerName: "Northwind Polytechnic",
      issuerDomain: "northwind.example",
      evidenceCid: EVIDENCE,
    });
    expect(await state()).to.have.length(1);
    expect((await state())[0]).to.include({
      state: "active",
      accreditedNow: true,
      term: 0,
      issuerName: "Northwind Polytechnic",
      issuerDomain: "northwind.example",
      recordedAt: jsonOf<{ recordedAt: string }>(accredited).recordedAt,
    });

    expect(
      (await asBody("accreditation", "suspend", ACCOUNTS.university, "--type", "BachelorDegree"))
        .code,
    ).to.equal(0);
    expect((await state())[0]).to.include({ state: "suspended", accreditedNow: false });

    expect(
      (await asBody("accreditation", "reinstate", ACCOUNTS.university, "--type", "BachelorDegree"))
        .code,
    ).to.equal(0);
    expect((await state())[0]).to.include({ state: "active", accreditedNow: true });

    const withdrawn = await asBody(
      "accreditation",
      "withdraw",
      ACCOUNTS.university,
      "--type",
      "BachelorDegree",
      "--effective",
      "2025-01-01",
    );
    expect(withdrawn.code, withdrawn.stderr).to.equal(0);
    expect((await state())[0]).to.include({
      state: "withdrawn",
      withdrawnFrom: "2025-01-01T00:00:00Z",
      accreditedNow: false,
    });
  });

  it("records an earlier --valid-from as given but counts the grant from when it was recorded", async () => {
    const run = await asBody(
      "accredit",
      ACCOUNTS.university,
      "--type",
      "BachelorDegree",
      ...NORTHWIND,
      "--valid-from",
      "2025-01-01",
      "--valid-until",
      "2099-01-01",
      "--evidence",
      EVIDENCE,
    );
    expect(run.code, run.stderr).to.equal(0);
    const report = jsonOf<{ validFrom: string; recordedAt: string; effectiveFrom: string }>(run);
    expect(report.validFrom).to.equal("2025-01-01T00:00:00Z");
    expect(report.effectiveFrom).to.equal(report.recordedAt);
    expect(Date.parse(report.recordedAt)).to.be.greaterThan(Date.parse(report.validFrom));

    const human = await chain.cli([
      "accreditations",
      "--issuer",
      ACCOUNTS.university,
      "--network",
      "testnode",
    ]);
    expect(human.stdout)
      .to.include('"Northwind Polytechnic"')
      .and.to.include(`recorded ${report.recordedAt}`);
    const help = await chain.cli(["accredit", "--help"]);
    expect(help.stdout.replace(/\s+/g, " "))
      .to.include("counts from when it is recorded")
      .and.to.include("no personal data");
    expect(help.stdout).to.match(markedRequired("--legal-name <name>"));
    expect(help.stdout).to.match(markedRequired("--evidence <file|cid>"));
  });

  it("stores an evidence file on the content store and records its CID", async () => {
    const report = path.join(chain.dir, "review-report.pdf");
    const bytes = Buffer.from("%PDF-1.7\nInstitutional review of Northwind Polytechnic, 2026\n");
    await writeFile(report, bytes);
    const ipfsDir = path.join(chain.dir, "evidence-ipfs");
    const run = await asBody(
      "accredit",
      ACCOUNTS.operator,
      "--type",
      "Diploma",
      "--legal-name",
      "Eastbrook College",
      "--valid-until",
      "forever",
      "--evidence",
      report,
      "--ipfs-dir",
      ipfsDir,
    );
    expect(run.code, run.stderr).to.equal(0);
    const accredited = jsonOf<{ evidenceCid: string; evidence: { file: string } }>(run);
    expect(accredited.evidence.file).to.equal(report);

    const [term] = (
      await list<AccreditationListing>("accreditations", "--issuer", ACCOUNTS.operator)
    ).accreditations;
    expect(term!.evidenceCid).to.equal(accredited.evidenceCid);
    const store = await createEmbeddedStore({ directory: ipfsDir });
    try {
      expect(Buffer.from(await store.get(term!.evidenceCid!))).to.deep.equal(bytes);
    } finally {
      await store.close();
    }
  });

  it("exits 2 naming the option and the path when --evidence is neither a file nor a CID", async () => {
    const run = await asBody(
      "accredit",
      ACCOUNTS.stranger,
      "--type",
      "Diploma",
      "--legal-name",
      "Nobody",
      "--valid-until",
      "forever",
      "--evidence",
      "reviews/missing-report.pdf",
    );
    expect(run.code).to.equal(2);
    const error = jsonError(run);
    expect(error.code).to.equal("OPTION_INVALID");
    expect(error.message)
      .to.include("--evidence")
      .and.to.include(path.join(chain.dir, "reviews/missing-report.pdf"));
    const none = await list<AccreditationListing>("accreditations", "--issuer", ACCOUNTS.stranger);
    expect(none.accreditations).to.deep.equal([]);
  });

  it("stores a body's metadata file and records its CID", async () => {
    const file = path.join(chain.dir, "body.json");
    await writeFile(file, JSON.stringify({ name: "Ruritanian Accreditation Council" }));
    const run = await governance(
      "body",
      "metadata",
      ACCOUNTS.body,
      file,
      "--ipfs-dir",
      path.join(chain.dir, "metadata-ipfs"),
    );
    expect(run.code, run.stderr).to.equal(0);
    const { metadataCid } = jsonOf<{ metadataCid: string }>(run);
    expect(metadataCid).to.match(/^bafkrei/);
    const { bodies } = await list<BodyListing>("body", "list");
    expect(bodies[0]).to.include({ metadataCid });
  });

  it("lists terms by body and type, and none for an issuer never accredited", async () => {
    const mine = await list<AccreditationListing>(
      "accreditations",
      "--body",
      ACCOUNTS.body,
      "--type",
      "BachelorDegree",
    );
    expect(mine.accreditations.map((a) => [a.credentialType, a.term])).to.deep.equal([
      ["BachelorDegree", 0],
      ["BachelorDegree", 1],
    ]);
    const none = await list<AccreditationListing>("accreditations", "--issuer", ACCOUNTS.stranger);
    expect(none.accreditations).to.deep.equal([]);
  });

  it("refuses a credential type outside the body's scope with exit 4", async () => {
    const run = await asBody(
      "accredit",
      ACCOUNTS.university,
      "--type",
      "MasterDegree",
      ...NORTHWIND,
      "--valid-until",
      "2030-01-01",
      "--evidence",
      EVIDENCE,
    );
    expect(run.code).to.equal(4);
    expect(jsonError(run).message).to.include("CredentialTypeOutOfScope");
  });

  it("rejects a date that does not exist, naming the option, before sending anything", async () => {
    const run = await asBody(
      "accredit",
      ACCOUNTS.university,
      "--type",
      "Diploma",
      ...NORTHWIND,
      "--valid-until",
      "2030-02-30",
      "--evidence",
      EVIDENCE,
    );
    expect(run.code).to.equal(2);
    const error = jsonError(run);
    expect(error.code).to.equal("OPTION_INVALID");
    expect(error.message).to.include("--valid-until").and.to.include("2030-02-30");
  });

  it("removes a body, which the list then shows as removed", async () => {
    expect(
      (await governance("body", "add", ACCOUNTS.stranger, "--scope", "Diploma", ...COUNCIL)).code,
    ).to.equal(0);
    const removed = await governance("body", "remove", ACCOUNTS.stranger);
    expect(removed.code, removed.stderr).to.equal(0);
    const { bodies } = await list<BodyListing>("body", "list");
    expect(bodies.find((b) => b.body === ACCOUNTS.stranger)).to.include({ active: false });
    const active = await list<BodyListing>("body", "list", "--active");
    expect(active.bodies.map((b) => b.body)).to.deep.equal([ACCOUNTS.body]);
  });

  it("lists from events through an RPC that refuses wide block ranges, in smaller ranges", async () => {
    const direct = await list<BodyListing>("body", "list");
    const limited = await startRangeLimitedRpc(chain.node.url, 4);
    try {
      const run = await chain.cli(["--json", "body", "list", "--network", "testnode"], {
        CREDANCHOR_RPC_URL: limited.url,
      });
      expect(run.code, run.stderr).to.equal(0);
      expect(jsonOf<BodyListing>(run).bodies).to.deep.equal(direct.bodies);
      expect(limited.refused()).to.be.greaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

/** The option's help entry, however commander wraps it, ending in "(required)". */
function markedRequired(flags: string): RegExp {
  const escaped = flags.replace(/[|()[\]{}.*+?^$\\]/g, "\\$&");
  return new RegExp(`${escaped}((?!--)[\\s\\S])*\\(required\\)`);
}
