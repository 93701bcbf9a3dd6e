// The CLI's network and key context, as a user meets it: which chain and registries a command
// acts on, where the key comes from, and the errors (with their exit codes) when either is wrong.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { PROJECT_ROOT } from "../deploy/hardhatNode.ts";
import { deadRpcUrl } from "../helpers/rpcServer.ts";
import { ACCOUNTS, type CliChain, jsonError, jsonOf, startCliChain } from "./support.ts";

const COUNCIL = ["--name", "Accreditation Council", "--jurisdiction", "DE"];

const CI_VARIABLES = [
  "CI",
  "GITHUB_ACTIONS",
  "NOW",
  "DEPLOYMENT_ID",
  "CODEBUILD_BUILD_NUMBER",
  "CONTINUOUS_INTEGRATION",
  "BUILD_NUMBER",
  "RUN_ID",
];

describe("credanchor network and key context", function () {
  this.timeout(180_000);
  let chain: CliChain;

  before(async () => {
    chain = await startCliChain();
  });

  after(async () => {
    await chain?.stop();
  });

  it("prints the package's version with --version, and stops quietly when a reader closes the pipe", async () => {
    const run = (command: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile("bash", ["-c", command], { cwd: PROJECT_ROOT }, (error, stdout, stderr) =>
          resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
        );
      });
    const version = await run(`"${process.execPath}" src/cli/main.ts --version`);
    expect(version.code).to.equal(0);
    expect(version.stdout.trim()).to.match(/^\d+\.\d+\.\d+$/);
    const piped = await run(
      `set -o pipefail; "${process.execPath}" src/cli/main.ts --help | head -1`,
    );
    expect(piped.code, piped.stderr).to.equal(0);
    expect(piped.stderr).to.not.contain("EPIPE");
  });

  it("finds the deployment by chain id when given only an RPC URL", async () => {
    const run = await chain.cli(["--json", "body", "list", "--rpc-url", chain.node.url], {
      CREDANCHOR_RPC_URL: undefined,
    });
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf(run)).to.include({
      network: "testnode",
      chain: "eip155:31337",
      accreditationRegistry: chain.accreditationRegistry,
    });
  });

  it("signs with CREDANCHOR_PRIVATE_KEY from the environment and never prints the key", async () => {
    const key = chain.node.privateKey;
    const run = await chain.cli(
      [
        "--json",
        "body",
        "add",
        ACCOUNTS.operator,
        "--scope",
        "Diploma",
        ...COUNCIL,
        "--network",
        "testnode",
      ],
      { CREDANCHOR_PRIVATE_KEY: key },
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf(run)).to.include({ account: ACCOUNTS.governance, body: ACCOUNTS.operator });
    expect(run.stdout + run.stderr).to.not.include(key.slice(2));
  });

  it("exits 2 naming CREDANCHOR_PRIVATE_KEY, the keystore and --from when no key is given", async () => {
    const run = await chain.cli(["body", "remove", ACCOUNTS.operator, "--network", "testnode"]);
    expect(run.code).to.equal(2);
    expect(run.stderr)
      .to.include("CREDANCHOR_PRIVATE_KEY")
      .and.to.include("npx hardhat keystore set")
      .and.to.include("--from")
      .and.to.include("[KEY_MISSING]");
  });

  it("refuses a malformed key without echoing any of it", async () => {
    const bad = `0x${"ab".repeat(31)}zz`;
    const run = await chain.cli(["--json", "body", "remove", ACCOUNTS.operator], {
      CREDANCHOR_PRIVATE_KEY: bad,
    });
    expect(run.code).to.equal(2);
    expect(jsonError(run).code).to.equal("KEY_INVALID");
    expect(run.stderr).to.not.include("abab");
  });

  it("reads the key from the Hardhat development keystore with --keystore", async () => {
    const config = path.join(chain.dir, "hardhat-config-home");
    await mkdir(config, { recursive: true });
    const outsideCi = Object.fromEntries(CI_VARIABLES.map((name) => [name, undefined]));
    await setDevKeystoreKey(config, chain.node.privateKey, outsideCi);
    const run = await chain.cli(["--json", "operator", "list", "--keystore"], {
      XDG_CONFIG_HOME: config,
      ...outsideCi,
    });
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf(run)).to.include({ issuer: ACCOUNTS.governance });
  });

  it("reports an unfunded key as the sender's to fix (exit 2), not as a network fault", async () => {
    const unfunded = `0x${randomBytes(32).toString("hex")}`;
    const run = await chain.cli(
      ["--json", "operator", "add", ACCOUNTS.operator, "--expires", "1d", "--network", "testnode"],
      { CREDANCHOR_PRIVATE_KEY: unfunded },
    );
    expect(run.code).to.equal(2);
    expect(jsonError(run).code).to.equal("ACCOUNT_UNFUNDED");
    expect(run.stderr).to.not.include(unfunded.slice(2));
  });

  it("refuses --from an account the node does not hold", async () => {
    const run = await chain.cli([
      "body",
      "remove",
      ACCOUNTS.operator,
      "--from",
      "0x000000000000000000000000000000000000dEaD",
    ]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("[ACCOUNT_NOT_UNLOCKED]");
  });

  it("exits 3 when the RPC endpoint cannot be reached", async () => {
    const run = await chain.cli(["--json", "body", "list", "--rpc-url", await deadRpcUrl()]);
    expect(run.code).to.equal(3);
    expect(jsonError(run).code).to.equal("RPC_UNREACHABLE");
  });

  it("names the missing deployment record and the networks it knows", async () => {
    const run = await chain.cli(["body", "list", "--network", "base-sepolia"]);
    expect(run.code).to.equal(2);
    expect(run.stderr)
      .to.include("base-sepolia.json")
      .and.to.include("testnode")
      .and.to.include("[DEPLOYMENT_MISSING]");
  });

  it("finds a named deployment in --deployments <dir>, by default ./deployments of the working directory", async () => {
    const outside = { CREDANCHOR_DEPLOYMENTS_DIR: undefined };
    const pointed = await chain.cli(
      ["--json", "body", "list", "--network", "testnode", "--deployments", chain.deploymentsDir],
      outside,
    );
    expect(pointed.code, pointed.stderr).to.equal(0);
    expect(jsonOf(pointed)).to.include({ network: "testnode" });
    // The CLI runs in chain.dir, whose deployments/ holds testnode.json.
    const here = await chain.cli(["--json", "body", "list", "--network", "testnode"], outside);
    expect(here.code, here.stderr).to.equal(0);
    const elsewhere = await chain.cli(
      ["body", "list", "--network", "testnode", "--deployments", path.join(chain.dir, "none")],
      outside,
    );
    expect(elsewhere.code).to.equal(2);
    expect(elsewhere.stderr).to.include("[DEPLOYMENT_MISSING]");
  });

  it("refuses a registry address where no contract lives", async () => {
    const run = await chain.cli([
      "--json",
      "body",
      "list",
      "--registry",
      "0x000000000000000000000000000000000000dEaD",
    ]);
    expect(run.code).to.equal(2);
    const error = jsonError(run);
    expect(error.code).to.equal("REGISTRY_NO_CODE");
    expect(error.message).to.include("0x000000000000000000000000000000000000dEaD");
  });

  it("reads the AccreditationRegistry from the CredentialRegistry given by address", async () => {
    const run = await chain.cli(["--json", "body", "list", "--registry", chain.registry], {
      CREDANCHOR_DEPLOYMENTS_DIR: path.join(chain.dir, "no-records-here"),
    });
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf(run)).to.include({ accreditationRegistry: chain.accreditationRegistry });
  });

  it("dry-runs a write on the in-process chain and warns that its state vanishes", async () => {
    const run = await chain.cli(
      ["--json", "body", "add", ACCOUNTS.body, "--scope", "BachelorDegree", ...COUNCIL],
      { CREDANCHOR_RPC_URL: undefined, CREDANCHOR_DEPLOYMENTS_DIR: undefined },
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(jsonOf(run)).to.include({ network: "hardhat", action: "appoint-body" });
    expect(run.stderr).to.include("vanishes");
  });

  it("refuses to read recorded state from the in-process chain, which starts empty", async () => {
    const run = await chain.cli(
      [
        "status",
        "--batch",
        `0x${"11".repeat(32)}`,
        "--index",
        "0",
        "--issuer",
        ACCOUNTS.university,
      ],
      {
        CREDANCHOR_RPC_URL: undefined,
      },
    );
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("[NETWORK_EPHEMERAL]").and.to.include("--network localhost");
  });

  it("prints --help for every command and exits 0", async () => {
    const commands = [
      ["body", "add"],
      ["body", "profile"],
      ["body", "remove"],
      ["body", "scope"],
      ["body", "metadata"],
      ["body", "list"],
      ["accredit"],
      ["accreditation", "suspend"],
      ["accreditation", "reinstate"],
      ["accreditation", "withdraw"],
      ["accreditations"],
      ["operator", "add"],
      ["operator", "remove"],
      ["operator", "list"],
      ["revoke"],
      ["suspend"],
      ["unsuspend"],
      ["status"],
      ["disclose"],
      ["recover"],
    ];
    const runs = await Promise.all(commands.map((c) => chain.cli([...c, "--help"])));
    runs.forEach((run, i) => {
      expect(run.code, commands[i]!.join(" ")).to.equal(0);
      expect(run.stdout).to.include(`Usage: credanchor ${commands[i]!.join(" ")}`);
    });
  });
});

/** `npx hardhat keystore set --dev CREDANCHOR_PRIVATE_KEY`, answering the prompt on stdin. */
function setDevKeystoreKey(
  configHome: string,
  key: string,
  env: Record<string, string | undefined>,
): Promise<void> {
  const childEnv: Record<string, string> = { XDG_CONFIG_HOME: configHome };
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !(name in env) && name !== "XDG_CONFIG_HOME") childEnv[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [
        path.join(PROJECT_ROOT, "node_modules/hardhat/dist/src/cli.js"),
        "keystore",
        "set",
        "--dev",
        "CREDANCHOR_PRIVATE_KEY",
      ],
      { cwd: PROJECT_ROOT, env: childEnv },
      (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve()),
    );
    child.stdin!.end(`${key}\n`);
  });
}
