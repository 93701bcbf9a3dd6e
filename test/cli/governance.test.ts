// Governance and accreditation bodies at the command line: appoint, scope and remove bodies;
// accredit, suspend, reinstate and withdraw an issuer; list what the registry holds.
import { expect } from "chai";
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

interface BodyListing {
  bodies: {
    body: string;
    active: boolean;
    removedAt: string | null;
    scope: string[];
    metadataCid: string | null;
  }[];
}
interface AccreditationListing {
  accreditations: {
    issuer: string;
    credentialType: string;
    body: string;
    term: number;
    state: string;
    validUntil: string;
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

  it("appoints a body and lists it with its scope and metadata", async () => {
    const run = await governance(
      "body",
      "add",
      ACCOUNTS.body,
      "--scope",
      "BachelorDegree",
      "MasterDegree",
      "--metadata",
      METADATA,
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf(run)).to.include({ action: "appoint-body", body: ACCOUNTS.body });
    expect(jsonOf(run).txHash).to.match(/^0x[0-9a-f]{64}$/);

    const { bodies } = await list<BodyListing>("body", "list");
    expect(bodies).to.have.length(1);
    expect(bodies[0]).to.include({
      body: ACCOUNTS.body,
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

  it("refuses anyone but governance with exit 4 naming the contract error", async () => {
    const run = await asBody("body", "add", ACCOUNTS.stranger, "--scope", "Diploma");
    expect(run.code).to.equal(4);
    const error = jsonError(run);
    expect(error.code).to.equal("REGISTRY_REVERTED");
    expect(error.message).to.include("AccessControlUnauthorizedAccount");
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
      "--valid-until",
      "forever",
      "--evidence",
      EVIDENCE,
    );
    expect(accredited.code, accredited.stderr).to.equal(0);
    expect(jsonOf(accredited)).to.include({ term: 0, validUntil: "forever", body: ACCOUNTS.body });
    expect(await state()).to.have.length(1);
    expect((await state())[0]).to.include({ state: "active", accreditedNow: true, term: 0 });

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

  it("lists terms by body and type, and none for an issuer never accredited", async () => {
    const mine = await list<AccreditationListing>("accreditations", "--body", ACCOUNTS.body);
    expect(mine.accreditations.map((a) => a.credentialType)).to.deep.equal(["BachelorDegree"]);
    const none = await list<AccreditationListing>("accreditations", "--issuer", ACCOUNTS.stranger);
    expect(none.accreditations).to.deep.equal([]);
  });

  it("refuses a credential type outside the body's scope with exit 4", async () => {
    const run = await asBody(
      "accredit",
      ACCOUNTS.university,
      "--type",
      "MasterDegree",
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
      (await governance("body", "add", ACCOUNTS.stranger, "--scope", "Diploma")).code,
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
