// `credanchor verify` against a forger who needs no bug: a stranger deploys this project's own
// registries on the same chain, appoints itself body, accredits its own account under the real
// university's name and anchors a credential that copies it. The employer runs the README's
// command line in a child process, over real JSON-RPC (in front of the in-process chain), and
// the CLI must trust only the registries the employer named with --trust.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { Address } from "viem";
import { ABI_VERSION } from "../../scripts/lib/deployment.ts";
import { deployRegistries } from "../../scripts/lib/deployRegistries.ts";
import { CSV_COLUMNS, type VerificationReport } from "../../src/verifier/index.ts";
import { startRpcServer, type TestRpcServer } from "../helpers/rpcServer.ts";
import { type CliResult, runCli } from "../helpers/runCli.ts";
import {
  BODY_JURISDICTION,
  BODY_NAME,
  connection,
  ethers,
  FOREVER,
  ISSUER_NAME,
  issueBatch,
  networkHelpers,
  record,
  registries,
  TYPE_ID,
} from "../verifier/fixtures.ts";

/** What the forger's credential calls its issuer, with a right-to-left override inside. */
const REVERSED_NAME = "Northwind \u202Eetinhcylop";

/** The genuine registries with a genuine batch, and a stranger's copy with a forged one. */
async function genuineAndForged() {
  const env = await registries();
  const genuine = await issueBatch(env, { issuer: env.university, records: [record(0)] });
  const reversed = await issueBatch(env, {
    issuer: env.university,
    records: [record(1)],
    issuerName: REVERSED_NAME,
  });
  const stranger = await ethers.getSigner(env.impostor);
  const fake = await deployRegistries(ethers, { deployer: stranger, adminDelay: 0n });
  await (
    await fake.accreditationRegistry.appointBody(
      env.impostor,
      [TYPE_ID],
      "0x",
      BODY_NAME,
      BODY_JURISDICTION,
    )
  ).wait();
  const now = await networkHelpers.time.latest();
  await (
    await fake.accreditationRegistry.accredit(
      env.impostor,
      TYPE_ID,
      now,
      FOREVER,
      "0x",
      ISSUER_NAME,
      "northwind-poly.example",
    )
  ).wait();
  const forged = await issueBatch(
    { ...env, registry: fake.contracts.CredentialRegistry.address as Address },
    { issuer: env.impostor, records: [record(0, { holderName: "Mallory Forger" })] },
  );
  return {
    env,
    genuine: genuine.credentials[0]!,
    reversed: reversed.credentials[0]!,
    forged: forged.credentials[0]!,
    fakeRegistry: fake.contracts.CredentialRegistry.address as Address,
    fakeAccreditationRegistry: fake.contracts.AccreditationRegistry.address as Address,
  };
}

/** A deployments/<name>.json record as scripts/deploy.ts writes it. */
function deploymentRecord(
  network: string,
  credentialRegistry: Address,
  accreditationRegistry: Address,
) {
  const contract = (address: Address) => ({
    address,
    deployBlock: 1,
    txHash: `0x${"00".repeat(32)}`,
  });
  return {
    network,
    chainId: 31337,
    caip2: "eip155:31337",
    contracts: {
      AccreditationRegistry: contract(accreditationRegistry),
      CredentialRegistry: contract(credentialRegistry),
    },
    abiVersion: ABI_VERSION,
    deployedAt: "2026-01-01T00:00:00.000Z",
    deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    governance: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    adminDelay: 0,
    solcVersion: "0.8.30+commit.73712a01",
  };
}

describe("credanchor verify --trust", () => {
  let server: TestRpcServer;
  let dir: string;
  let scenario: Awaited<ReturnType<typeof genuineAndForged>>;
  let genuine: string;
  let forged: string;
  let reversed: string;
  let genuineEntry: string;

  /** Runs the CLI in the temporary folder, as an employer would from a shell there. */
  function credanchor(args: string[]): Promise<CliResult> {
    return runCli(args, {}, dir);
  }

  beforeEach(async () => {
    scenario = await networkHelpers.loadFixture(genuineAndForged);
    server = await startRpcServer(connection.provider);
    dir = await mkdtemp(path.join(tmpdir(), "credanchor-trust-"));
    genuine = path.join(dir, "for-employer.json");
    forged = path.join(dir, "forged.json");
    reversed = path.join(dir, "reversed.json");
    await writeFile(genuine, JSON.stringify(scenario.genuine, null, 2));
    await writeFile(forged, JSON.stringify(scenario.forged, null, 2));
    await writeFile(reversed, JSON.stringify(scenario.reversed, null, 2));
    genuineEntry = `eip155:31337:${scenario.env.registry}`;
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe("the stranger's registry", () => {
    it("makes the forged file untrusted-registry, exit 1, with the README's command line", async () => {
      const run = await credanchor(["verify", forged, "--rpc-url", server.url]);
      expect(run.code, run.stderr).to.equal(1);
      expect(run.stderr).to.contain("Trusting no registry");
      const row = run.stdout.split("\n")[1]!;
      expect(row).to.match(/forged\.json\s+untrusted-registry\s/);
      expect(row).to.contain(`"${ISSUER_NAME}" (unproven)`);
      expect(row).to.contain(`--trust eip155:31337:${scenario.fakeRegistry}`);
      expect(run.stdout).to.contain("1 credential: 1 untrusted-registry");
      expect(server.calls).to.deep.equal([]);
    });

    it("stays untrusted-registry when the real body is given with --trusted-body", async () => {
      const run = await credanchor([
        "verify",
        forged,
        "--rpc-url",
        server.url,
        "--trusted-body",
        scenario.env.body.address,
      ]);
      expect(run.code).to.equal(1);
      expect(run.stdout).to.match(/forged\.json\s+untrusted-registry\s/);
    });

    it("stays untrusted-registry when the genuine registry is trusted", async () => {
      const run = await credanchor([
        "verify",
        forged,
        "--rpc-url",
        server.url,
        "--trust",
        genuineEntry,
        "--trusted-body",
        scenario.env.body.address,
      ]);
      expect(run.code).to.equal(1);
      expect(run.stdout).to.match(/forged\.json\s+untrusted-registry\s/);
      expect(run.stdout).not.to.match(/forged\.json\s+\S+\s+Northwind Polytechnic \(/);
    });

    it("is refused when a deployment record pairs the genuine registry with the stranger's accreditation registry", async () => {
      const record = path.join(dir, "mixed.json");
      await writeFile(
        record,
        JSON.stringify(
          deploymentRecord("mixed", scenario.env.registry, scenario.fakeAccreditationRegistry),
        ),
      );
      const run = await credanchor(["verify", genuine, "--rpc-url", server.url, "--trust", record]);
      expect(run.code).to.equal(1);
      expect(run.stdout).to.match(/for-employer\.json\s+untrusted-registry\s.*trust: /);
    });
  });

  describe("the genuine registry", () => {
    it("verifies the genuine file as valid, showing the registry's legal name and the body", async () => {
      const run = await credanchor([
        "verify",
        genuine,
        "--rpc-url",
        server.url,
        "--trust",
        `${genuineEntry}=Testland registries`,
      ]);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stderr).to.equal("Trusting: Testland registries on eip155:31337\n");
      const row = run.stdout.split("\n")[1]!;
      expect(row).to.match(/for-employer\.json\s+valid\s.*\sNorthwind Polytechnic \(0x3C44…93BC\)/);
      expect(row).to.contain(`${BODY_NAME} (${BODY_JURISDICTION})`);
      expect(row).not.to.contain("unproven");
    });

    it("reports the genuine file untrusted-registry without --trust, saying how to trust it", async () => {
      const run = await credanchor(["verify", genuine, "--rpc-url", server.url]);
      expect(run.code).to.equal(1);
      expect(run.stdout).to.match(/for-employer\.json\s+untrusted-registry\s/);
      expect(run.stdout).to.contain(`--trust ${genuineEntry}`);
      expect(run.stdout).to.contain(`"${ISSUER_NAME}" (unproven)`);
    });

    it("trusts a deployment record file given by path", async () => {
      const file = path.join(dir, "testland.json");
      const accreditation = scenario.env.trust.accreditationRegistry!;
      await writeFile(
        file,
        JSON.stringify(deploymentRecord("testland", scenario.env.registry, accreditation)),
      );
      const run = await credanchor(["verify", genuine, "--rpc-url", server.url, "--trust", file]);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stderr).to.equal("Trusting: testland on eip155:31337\n");
    });

    it("trusts deployments/<name>.json of the current folder by name", async () => {
      const accreditation = scenario.env.trust.accreditationRegistry!;
      await mkdir(path.join(dir, "deployments"));
      await writeFile(
        path.join(dir, "deployments", "localhost.json"),
        JSON.stringify(deploymentRecord("localhost", scenario.env.registry, accreditation)),
      );
      const run = await credanchor([
        "verify",
        genuine,
        forged,
        "--rpc-url",
        server.url,
        "--trust",
        "localhost",
      ]);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.equal("Trusting: localhost on eip155:31337\n");
      expect(run.stdout).to.match(/for-employer\.json\s+valid\s/);
      expect(run.stdout).to.match(/forged\.json\s+untrusted-registry\s/);
    });

    it("keeps --json an array of reports, each naming its trust entry, with nothing on stderr", async () => {
      const run = await credanchor([
        "--json",
        "verify",
        genuine,
        forged,
        "--rpc-url",
        server.url,
        "--trust",
        genuineEntry,
      ]);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.equal("");
      const reports = JSON.parse(run.stdout) as VerificationReport[];
      expect(reports.map((r) => r.status)).to.deep.equal(["valid", "untrusted-registry"]);
      expect(reports[0]!.trust).to.deep.include({ chain: "eip155:31337" });
      expect(reports[0]!.issuer.registeredName).to.equal(ISSUER_NAME);
      expect(reports[1]!.trust).to.equal(null);
    });

    it("writes the registry's names, the trust label and warnings to --csv", async () => {
      const csv = path.join(dir, "hr.csv");
      const run = await credanchor([
        "verify",
        genuine,
        reversed,
        "--rpc-url",
        server.url,
        "--trust",
        `${genuineEntry}=Testland registries`,
        "--csv",
        csv,
      ]);
      expect(run.code, run.stdout).to.equal(0);
      const rows = (await readFile(csv, "utf8")).trimEnd().split("\r\n");
      expect(rows[0]).to.equal(CSV_COLUMNS.join(","));
      const at = (row: number, name: string) => rows[row]!.split(",")[CSV_COLUMNS.indexOf(name)];
      expect(at(1, "issuer_registered_name")).to.equal(ISSUER_NAME);
      expect(at(1, "accreditor_name")).to.equal(BODY_NAME);
      expect(at(1, "accreditor_jurisdiction")).to.equal(BODY_JURISDICTION);
      expect(at(1, "trust_label")).to.equal("Testland registries");
      expect(at(1, "warnings")).to.equal("");
      expect(at(2, "warnings")!.split(";")).to.include("ISSUER_NAME_DIFFERS");
    });
  });

  describe("--trust values", () => {
    for (const [value, named] of [
      ["nowhere", '--trust "nowhere"'],
      ["eip155:31337:0x1234", "eip155:31337:0x1234"],
      ["./missing.json", '--trust "./missing.json"'],
    ] as const) {
      it(`exits 2 naming ${value}, asking nothing of the chain`, async () => {
        const run = await credanchor([
          "verify",
          genuine,
          "--rpc-url",
          server.url,
          "--trust",
          value,
        ]);
        expect(run.code).to.equal(2);
        expect(run.stderr).to.contain(named);
        expect(server.calls).to.deep.equal([]);
      });
    }

    it("exits 2 naming a file that is not a deployment record", async () => {
      const run = await credanchor(["verify", genuine, "--rpc-url", server.url, "--trust", forged]);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain(forged);
      expect(run.stderr).to.contain("DEPLOYMENT_INVALID");
    });

    it("refuses the removed --trusted-registry, pointing at --trust", async () => {
      const run = await credanchor([
        "verify",
        genuine,
        "--rpc-url",
        server.url,
        "--trusted-registry",
        scenario.env.registry,
      ]);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain(`--trust eip155:<chain id>:${scenario.env.registry}`);
    });

    it("says in --help what --trust takes and what it replaced", async () => {
      const run = await credanchor(["verify", "--help"]);
      expect(run.code).to.equal(0);
      expect(run.stdout).to.contain("--trust <registry>");
      expect(run.stdout).to.contain("replaces --trusted-registry");
      expect(run.stdout).not.to.contain("--trusted-registry <address>");
    });
  });

  describe("files", () => {
    it("verifies a file saved with a UTF-8 byte-order mark", async () => {
      await writeFile(genuine, `\uFEFF${JSON.stringify(scenario.genuine, null, 2)}`);
      const run = await credanchor([
        "verify",
        genuine,
        "--rpc-url",
        server.url,
        "--trust",
        genuineEntry,
      ]);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.match(/for-employer\.json\s+valid\s/);
    });

    it("reports a file naming its issuer twice invalid, whichever name comes last", async () => {
      const text = JSON.stringify(scenario.genuine, null, 2).replace(
        `"name": "${ISSUER_NAME}"`,
        `"name": "Acme Diploma Mill", "name": "${ISSUER_NAME}"`,
      );
      expect(text).to.contain("Acme Diploma Mill");
      await writeFile(genuine, text);
      const run = await credanchor([
        "verify",
        genuine,
        "--rpc-url",
        server.url,
        "--trust",
        genuineEntry,
      ]);
      expect(run.code).to.equal(1);
      expect(run.stdout).to.match(
        /for-employer\.json\s+invalid\s.*structure: .*"name" appears twice/,
      );
      expect(run.stderr).to.contain(`${genuine}: member "name" appears twice`);
    });

    it("shows a right-to-left override in the issuer's name as <U+202E>, never raw", async () => {
      const run = await credanchor(["verify", reversed, "--rpc-url", server.url]);
      expect(run.code).to.equal(1);
      expect(run.stdout).to.contain('"Northwind <U+202E>etinhcylop" (unproven)');
      expect(run.stdout + run.stderr).not.to.contain("\u202E");
    });

    it("warns loudly under the table when the file's issuer name is not the registered one", async () => {
      const run = await credanchor([
        "verify",
        reversed,
        "--rpc-url",
        server.url,
        "--trust",
        genuineEntry,
      ]);
      expect(run.stdout).to.match(/reversed\.json\s+valid\s.*\sNorthwind Polytechnic \(/);
      const warning = run.stdout.split("\n").find((l) => l.includes("ISSUER_NAME_DIFFERS"));
      expect(warning).to.match(/^!! WARNING .*reversed\.json: .*Northwind <U\+202E>etinhcylop/);
      expect(run.stdout + run.stderr).not.to.contain("\u202E");
    });

    it("writes the override as an escape in --json, which reads back as the same text", async () => {
      const run = await credanchor(["--json", "verify", reversed, "--rpc-url", server.url]);
      expect(run.stdout).not.to.contain("\u202E");
      expect(run.stdout).to.contain("\\u202e");
      const [report] = JSON.parse(run.stdout) as VerificationReport[];
      expect(report!.issuer.name).to.equal(REVERSED_NAME);
    });
  });
});
