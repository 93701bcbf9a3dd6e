// The packages as a user meets them: packed by `npm pack`, installed from the tarballs alone into
// a new project in the system's temporary folder (no workspace link, nothing resolving into the
// repository), then used there: a Node ESM script verifies an issued credential with the SDK's
// `verify`, a TypeScript consumer of the public types type-checks under nodenext, and the
// installed `credanchor` bin prints its help and verifies the holder's file. The chain is a
// `hardhat node` the test deploys to and anchors on from the repository side.
import { lstat, mkdtemp, readFile, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { PROJECT_ROOT } from "../deploy/hardhatNode.ts";
import { type AnchoredChain, ISSUER_NAME, startAnchoredChain } from "./anchoredCredential.ts";
import { buildPackages } from "./buildPackages.ts";
import {
  type ConsumerProject,
  createConsumerProject,
  packWorkspaces,
  succeeded,
  type WorkspacePackage,
  workspacePackages,
} from "./consumerProject.ts";

const TSC = path.join(PROJECT_ROOT, "node_modules/typescript/bin/tsc");

describe("package: installed from the packed tarballs", function () {
  // Building the packages (tsc) and installing their dependencies (npm cache) take a minute or two.
  this.timeout(600_000);
  let packDir: string;
  let sdk: WorkspacePackage;
  let cli: WorkspacePackage;
  /** An employer's project: the SDK alone. */
  let sdkProject: ConsumerProject;
  /** A registrar's project: the CLI alone. */
  let cliProject: ConsumerProject;
  let anchored: AnchoredChain;
  /** Where `verify` is imported from: the SDK's verifier entry. */
  let verifierSpecifier: string;

  before(async () => {
    const packages = await workspacePackages();
    const withVerifier = packages.filter((p) => "./verifier" in p.exports);
    const withBin = packages.filter((p) => "credanchor" in p.bin);
    expect(withVerifier, "the workspace exporting ./verifier").to.have.length(1);
    expect(withBin, "the workspace with the credanchor bin").to.have.length(1);
    sdk = withVerifier[0]!;
    cli = withBin[0]!;
    verifierSpecifier = `${sdk.name}/verifier`;
    packDir = await mkdtemp(path.join(tmpdir(), "credanchor-pack-"));
    // `npm pack` does not build: build first, as `npm publish` does.
    const [tarballs, chain] = await Promise.all([
      buildPackages().then(() => packWorkspaces(packDir)),
      startAnchoredChain(),
    ]);
    anchored = chain;
    // Each package installed on its own, so neither lends the other a dependency.
    [sdkProject, cliProject] = await Promise.all([
      createConsumerProject([tarballs.get(sdk.name)!]),
      createConsumerProject([tarballs.get(cli.name)!]),
    ]);
  });

  after(async () => {
    await sdkProject?.remove();
    await cliProject?.remove();
    await anchored?.chain.stop();
    if (packDir !== undefined) await rm(packDir, { recursive: true, force: true });
  });

  it("installs real copies of each package, none linked into the repository", async () => {
    for (const [pkg, project] of [
      [sdk, sdkProject],
      [cli, cliProject],
    ] as const) {
      const installed = path.join(project.dir, "node_modules", pkg.name);
      const stat = await lstat(installed);
      expect(
        stat.isSymbolicLink(),
        `${installed} -> ${stat.isSymbolicLink() ? await readlink(installed) : ""}`,
      ).to.equal(false);
      const manifest = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8"));
      expect(manifest.version).to.equal(pkg.version);
    }
    const resolved = await sdkProject.node([
      "--input-type=module",
      "-e",
      `console.log(import.meta.resolve(${JSON.stringify(verifierSpecifier)}))`,
    ]);
    succeeded("import.meta.resolve", resolved);
    expect(resolved.stdout.trim()).to.match(/^file:/);
    expect(new URL(resolved.stdout.trim()).pathname.startsWith(sdkProject.dir)).to.equal(true);
  });

  /** Runs verify-one.mjs in the SDK's project: verify() on `file`, trusting `trusted` registries. */
  async function verifyFromNode(file: string, trusted: readonly string[]) {
    const script = await sdkProject.write(
      "verify-one.mjs",
      [
        `import { readFile } from "node:fs/promises";`,
        `import { verify } from ${JSON.stringify(verifierSpecifier)};`,
        `const [file, rpcUrl, ...registries] = process.argv.slice(2);`,
        `const credential = JSON.parse(await readFile(file, "utf8"));`,
        `const report = await verify(credential, {`,
        `  rpcUrls: [rpcUrl],`,
        `  retryCount: 0,`,
        `  trust: registries.map((credentialRegistry) => ({`,
        `    chainId: 31337,`,
        `    credentialRegistry,`,
        `    label: "local node",`,
        `  })),`,
        `});`,
        `console.log(JSON.stringify(report));`,
        "",
      ].join("\n"),
    );
    const ran = await sdkProject.node([script, file, anchored.chain.node.url, ...trusted]);
    return JSON.parse(succeeded("node verify-one.mjs", ran).stdout);
  }

  it("verifies an issued credential as valid with verify() from a Node ESM script", async () => {
    const report = await verifyFromNode(anchored.files[0]!, [anchored.chain.registry]);
    expect(report.status, JSON.stringify(report.cause)).to.equal("valid");
    expect(report.issuer.registeredName).to.equal(ISSUER_NAME);
    expect(report.trust).to.deep.include({
      label: "local node",
      registry: anchored.chain.registry,
    });
  });

  it("does not trust the registry the credential names unless it is given", async () => {
    const report = await verifyFromNode(anchored.files[0]!, []);
    expect(report.status).to.equal("untrusted-registry");
  });

  it("type-checks a TypeScript consumer of the public types with nodenext resolution", async () => {
    await sdkProject.write(
      "consumer.ts",
      [
        `import {`,
        `  type TrustedRegistry,`,
        `  type VerificationReport,`,
        `  type VerificationStatus,`,
        `  verify,`,
        `} from ${JSON.stringify(verifierSpecifier)};`,
        ``,
        `const trust: TrustedRegistry = {`,
        `  chainId: 31337,`,
        `  credentialRegistry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",`,
        `  label: "local node",`,
        `};`,
        `export async function statusOf(file: unknown): Promise<VerificationStatus> {`,
        `  const report: VerificationReport = await verify(file, { rpcUrls: ["http://127.0.0.1:8545"], trust: [trust] });`,
        `  return report.status;`,
        `}`,
        `// The types are real, not any: a wrong status and a wrong option are errors.`,
        `// @ts-expect-error not a VerificationStatus`,
        `export const wrong: VerificationStatus = "probably-fine";`,
        `// @ts-expect-error trust entries need a chainId`,
        `export const partial: TrustedRegistry = { credentialRegistry: "0x00", label: "x" };`,
        ``,
      ].join("\n"),
    );
    await sdkProject.write(
      "tsconfig.json",
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2023", "DOM"],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        files: ["consumer.ts"],
      }),
    );
    succeeded("tsc --noEmit", await sdkProject.node([TSC, "--noEmit", "-p", "tsconfig.json"]));
  });

  it("prints the help of the installed credanchor bin", async () => {
    const help = succeeded(
      "npx credanchor --help",
      await cliProject.run("npx", ["--no-install", "credanchor", "--help"]),
    );
    expect(help.stdout).to.match(/Usage: credanchor/);
    expect(help.stdout).to.match(/\bverify\b/);
  });

  it("verifies the holder's file with the installed `credanchor verify`: exit 0, valid", async () => {
    const run = await cliProject.run("npx", [
      "--no-install",
      "credanchor",
      "verify",
      anchored.files[0]!,
      "--rpc-url",
      anchored.chain.node.url,
      "--trust",
      anchored.trustEntry,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/holder-0\.json\s+valid\s.*\sNorthwind Polytechnic/);
    expect(run.stdout).to.contain("1 credential: 1 valid");
  });
});
