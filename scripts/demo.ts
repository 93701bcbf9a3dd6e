// `npm run demo`: the main job end to end on Hardhat's in-process chain and an embedded IPFS node,
// with nothing running beforehand. Governance deploys the registries and appoints an accreditation
// body under its name and jurisdiction; the body accredits a university, under the legal name its
// credentials carry, for bachelor's degrees; the university issues the 1,000
// graduates of examples/graduates.csv (mapped by examples/graduates.mapping.json) as one anchored
// batch; an employer, trusting this demo's registry, verifies one credential and reads who issued
// and who accredited it from the registry; the holder discloses two fields and that copy
// verifies too; the university revokes one credential and it verifies as revoked, and
// `credanchor status publish` writes the batch's signed status list (what standard verifiers
// read) into the output folder. Credentials are format v2, signed by the university's public
// development key (the key `credanchor` derives on development chains when CREDANCHOR_SIGNING_KEY
// is unset), which the pipeline declares on chain first. Files go to .data/demo/ (replaced on
// every run; the chain they are anchored on ends with the demo).

import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { network } from "hardhat";
import {
  type Address,
  createWalletClient,
  custom,
  type EIP1193Provider,
  type Hex,
  type PublicClient,
  publicActions,
} from "viem";
import { getBlock } from "viem/actions";
import { hardhat } from "viem/chains";
import {
  ACCREDITATION_FOREVER,
  accreditIssuer,
  appointBody,
  changeCredentialStatus,
  createChainClient,
  type RegistryWriter,
  type SentTransaction,
  STATUS_REASONS,
} from "../src/chain/index.ts";
import { developmentSeed } from "../src/cli/signingKey.ts";
import {
  type CredanchorCredentialV2,
  credentialTypeId,
  disclose,
} from "../src/credential/index.ts";
import {
  CREDENTIALS_DIR,
  type IssueReport,
  issueCredentials,
  loadColumnMapping,
} from "../src/issuer/index.ts";
import { createEmbeddedStore } from "../src/storage/index.ts";
import { type TrustedRegistry, type VerificationReport, verify } from "../src/verifier/index.ts";
import { startRpcServer } from "../test/helpers/rpcServer.ts";
import { deployRegistries } from "./lib/deployRegistries.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const INPUT = path.join(ROOT, "examples/graduates.csv");
const MAPPING = path.join(ROOT, "examples/graduates.mapping.json");
const DEMO_DIR = path.join(ROOT, ".data/demo");
const CREDENTIAL_TYPE = "BachelorDegree";
const BODY_NAME = "Accreditation Council";
const BODY_JURISDICTION = "GB";
const DISCLOSED = [
  "/credentialSubject/identifier/0/identityHash",
  "/credentialSubject/result/0/value",
];

interface Step {
  label: string;
  ms: number;
  gas?: bigint;
  note?: string;
}
const steps: Step[] = [];
const started = performance.now();

async function step<T>(
  label: string,
  run: () => Promise<T>,
  describe: (result: T) => Omit<Step, "label" | "ms"> = () => ({}),
): Promise<T> {
  const t0 = performance.now();
  const result = await run();
  steps.push({ label, ms: performance.now() - t0, ...describe(result) });
  return result;
}

const gasOf = (sent: SentTransaction | SentTransaction[]) => ({
  gas: [sent].flat().reduce((sum, s) => sum + s.gasUsed, 0n),
});

await rm(DEMO_DIR, { recursive: true, force: true });
await mkdir(DEMO_DIR, { recursive: true });
const connection = await network.getOrCreate();
const { ethers } = connection;
const provider = connection.provider as unknown as EIP1193Provider;
const chain = createChainClient({ provider });
const [governance, body, university] = await ethers.getSigners();
if (!governance || !body || !university) throw new Error("the in-process chain has no accounts");
const writerFor = (account: string): RegistryWriter => ({
  wallet: createWalletClient({
    account: account as Address,
    chain: hardhat,
    transport: custom(provider),
  }),
  reader: chain.client.extend(publicActions) as PublicClient,
});
const typeId = credentialTypeId(CREDENTIAL_TYPE);
const mapping = await loadColumnMapping(MAPPING);
// The legal name the body records is the name the university's credentials carry: a verifier
// warns when the two differ.
const issuerName = mapping.mapping.issuer?.name;
if (issuerName === undefined) throw new Error(`${MAPPING} names no issuer`);
const issuerUrl = mapping.mapping.issuer?.url;
const store = await createEmbeddedStore({ directory: path.join(DEMO_DIR, "ipfs") });

try {
  const deployed = await step(
    "governance deploys AccreditationRegistry + CredentialRegistry",
    () => deployRegistries(ethers, { deployer: governance }),
    (d) => ({ gas: d.gasUsed.AccreditationRegistry + d.gasUsed.CredentialRegistry }),
  );
  const accreditationRegistry = deployed.contracts.AccreditationRegistry.address as Address;
  const registry = deployed.contracts.CredentialRegistry.address as Address;

  const cidBytes = async (document: unknown): Promise<{ text: string; bytes: Hex }> => {
    const cid = await store.put(new TextEncoder().encode(JSON.stringify(document)), { pin: true });
    return { text: cid.toString(), bytes: `0x${Buffer.from(cid.bytes).toString("hex")}` };
  };
  const bodyMetadata = await cidBytes({ name: BODY_NAME, jurisdiction: BODY_JURISDICTION });
  await step(
    "governance appoints the accreditation body",
    () =>
      appointBody(writerFor(governance.address), {
        accreditationRegistry,
        body: body.address as Address,
        scope: [typeId],
        metadataCid: bodyMetadata.bytes,
        name: BODY_NAME,
        jurisdiction: BODY_JURISDICTION,
      }),
    gasOf,
  );
  const evidence = await cidBytes({
    review: "Institutional review 2025",
    issuer: university.address,
  });
  const now = Number((await getBlock(chain.client)).timestamp);
  await step(
    `the body accredits the university for ${CREDENTIAL_TYPE}`,
    () =>
      accreditIssuer(writerFor(body.address), {
        accreditationRegistry,
        issuer: university.address as Address,
        credentialType: typeId,
        validFrom: now,
        validUntil: ACCREDITATION_FOREVER,
        evidenceCid: evidence.bytes,
        issuerName,
        issuerDomain: issuerUrl === undefined ? "" : new URL(issuerUrl).hostname,
      }),
    gasOf,
  );

  const outDir = path.join(DEMO_DIR, "out");
  const report: IssueReport = await step(
    `the university issues ${path.relative(ROOT, INPUT)}`,
    async () =>
      issueCredentials({
        input: INPUT,
        mapping,
        outDir,
        chainId: hardhat.id,
        registry,
        writer: writerFor(university.address),
        signingSeed: developmentSeed(university.address as Address),
        store,
        pinBodies: false,
      }),
    (r) => ({
      gas: BigInt(r.gas.used),
      note: `${r.input.issued.toLocaleString("en-US")} credentials, 1 anchor, signed by ${r.signingKey.didKey.slice(0, 24)}… (declared first; ${stageTimes(r)})`,
    }),
  );
  const batch = report.batches[0]!;
  const credentialsDir = path.join(outDir, CREDENTIALS_DIR);
  const holderId = "NP-2021-1007";
  const holderFile = path.join(credentialsDir, `${holderId}.credential.json`);
  const credential = JSON.parse(await readFile(holderFile, "utf8")) as CredanchorCredentialV2;
  // A development chain is never trusted by default: the employer chooses this registry.
  const trust: TrustedRegistry[] = [
    {
      chainId: hardhat.id,
      credentialRegistry: registry,
      accreditationRegistry,
      label: "the credanchor demo's registry",
      bodies: [body.address as Address],
    },
  ];
  const verifyOptions = { chain, trust };

  const first = await step(
    `an employer verifies ${holderId}`,
    () => verify(credential, { ...verifyOptions, source: holderFile }),
    (v) => ({ note: verdict(v) }),
  );
  expect(first.status === "valid", `${holderId} should verify as valid: ${verdict(first)}`);
  expect(
    first.warnings.length === 0,
    `${holderId} should verify without warnings: ${first.warnings.map((w) => w.message).join("; ")}`,
  );

  const disclosedFile = path.join(DEMO_DIR, `${holderId}.disclosed.json`);
  const disclosed = disclose(credential, DISCLOSED);
  await writeFile(disclosedFile, `${JSON.stringify(disclosed, null, 2)}\n`);
  const partial = await step(
    "the holder discloses name and classification only; verified",
    () => verify(disclosed, { ...verifyOptions, source: disclosedFile }),
    (v) => ({
      note: `${verdict(v)}; shows ${DISCLOSED.map((p) => JSON.stringify(v.disclosed[p])).join(", ")}, hides ${v.hidden.length} claims`,
    }),
  );
  expect(partial.status === "valid", `the disclosed copy should verify: ${verdict(partial)}`);

  const index = credential.credentialStatus.batchIndex;
  await step(
    `the university revokes ${holderId} (index ${index})`,
    () =>
      changeCredentialStatus(writerFor(university.address), {
        registry,
        issuer: university.address as Address,
        root: batch.root,
        leafCount: batch.count,
        action: "revoke",
        indices: [index],
        reason: STATUS_REASONS["issued-in-error"],
      }),
    gasOf,
  );
  const after = await step(
    `an employer verifies ${holderId} again`,
    () => verify(credential, { ...verifyOptions, source: holderFile }),
    (v) => ({ note: verdict(v) }),
  );
  expect(after.status === "revoked", `${holderId} should now be revoked: ${verdict(after)}`);

  const statusDir = path.join(outDir, "status");
  await step(
    "`credanchor status publish` writes the batch's signed status list",
    () => publishStatusLists(outDir, statusDir, registry),
    () => ({ note: `host ${path.relative(ROOT, statusDir)}/ at ${report.statusBase}/` }),
  );

  printSummary({
    accreditationRegistry,
    registry,
    governance: governance.address,
    body: `${body.address}  ${BODY_NAME} (${BODY_JURISDICTION}), metadata ${bodyMetadata.text}`,
    university: `${university.address}  ${issuerName}`,
    provenance: provenance(first),
    report,
    credentialsDir,
    disclosedFile,
  });
} finally {
  await store.close();
}

/**
 * Runs `credanchor status publish` as a registrar would, a child process reaching this demo's
 * in-process chain over a local JSON-RPC endpoint.
 */
async function publishStatusLists(issued: string, out: string, registry: Address): Promise<void> {
  const rpc = await startRpcServer(provider);
  try {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "src/cli/main.ts"),
        ...["status", "publish", issued, "--out", out, "--rpc-url", rpc.url],
        ...["--registry", registry],
      ],
      { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = (await once(child, "close")) as [number | null];
    expect(code === 0, `credanchor status publish failed (${code}): ${stderr}`);
  } finally {
    await rpc.close();
  }
}

function verdict(report: VerificationReport): string {
  const accredited = report.accreditor === null ? "issuer not accredited" : "accredited";
  return report.status === "valid"
    ? `VALID (${accredited} at anchoring)`
    : `${report.status.toUpperCase()}: ${report.cause?.message ?? ""}`;
}

/** "Issued by <name the registry records> (0x…), accredited by <body> (<jurisdiction>)". */
function provenance(report: VerificationReport): string {
  const issuer = `Issued by ${report.issuer.registeredName ?? "(no name on the registry)"} (${report.issuer.address})`;
  const accreditor = report.accreditor;
  return accreditor === null
    ? `${issuer}, not accredited`
    : `${issuer}, accredited by ${accreditor.name} (${accreditor.jurisdiction})`;
}

function stageTimes(r: IssueReport): string {
  const t = r.timings;
  const s = (v: number | undefined) => `${(v ?? 0).toFixed(1)} s`;
  return `validate ${s(t.validate)}, build+store ${s(t.build)}, anchor ${s(t.anchor)}, files ${s(t.files)}`;
}

function expect(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`demo: ${message}`);
}

function printSummary(x: {
  accreditationRegistry: string;
  registry: string;
  governance: string;
  body: string;
  university: string;
  provenance: string;
  report: IssueReport;
  credentialsDir: string;
  disclosedFile: string;
}) {
  const rel = (p: string) => path.relative(ROOT, p);
  const fmtGas = (gas?: bigint) => (gas === undefined ? "" : gas.toLocaleString("en-US"));
  const fmtMs = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
  const width = Math.max(...steps.map((s) => s.label.length));
  const totalGas = steps.reduce((sum, s) => sum + (s.gas ?? 0n), 0n);
  const batch = x.report.batches[0]!;
  console.log(
    [
      `credanchor demo on Hardhat's in-process chain (${x.report.chain.chainId}) and an embedded IPFS node`,
      "",
      `  AccreditationRegistry  ${x.accreditationRegistry}`,
      `  CredentialRegistry     ${x.registry}`,
      `  governance             ${x.governance}`,
      `  accreditation body     ${x.body}`,
      `  university (issuer)    ${x.university}`,
      `  credential type        ${CREDENTIAL_TYPE} = ${x.report.credentialTypeId}`,
      `  batch root             ${batch.root}  (${batch.count.toLocaleString("en-US")} credentials)`,
      `  anchor transaction     ${batch.txHash}`,
      `  batch manifest         ipfs://${batch.manifestCid}`,
      "",
      `  ${x.provenance}`,
      "",
      `  ${"step".padEnd(width)}  ${"gas".padStart(9)}  ${"time".padStart(8)}`,
      ...steps.map(
        (s) =>
          `  ${s.label.padEnd(width)}  ${fmtGas(s.gas).padStart(9)}  ${fmtMs(s.ms).padStart(8)}${s.note ? `  ${s.note}` : ""}`,
      ),
      `  ${"gas paid in all".padEnd(width)}  ${fmtGas(totalGas).padStart(9)}`,
      "",
      "  files",
      `    ${rel(x.credentialsDir)}/  ${x.report.output!.files.toLocaleString("en-US")} files <id>.credential.json, one per holder (credential, anchor proof, the university's signature, IPFS link and key)`,
      `    ${rel(path.join(x.report.output!.directory, "report.txt"))}  the issue report; journal.jsonl beside it`,
      `    ${rel(x.disclosedFile)}  the disclosed copy`,
      `    ${rel(path.join(x.report.output!.directory, "status"))}/  the signed status list, to host under ${x.report.statusBase}/`,
      `    ${rel(path.join(DEMO_DIR, "ipfs"))}/  the embedded IPFS node (encrypted bodies, manifest)`,
      "",
      `done in ${fmtMs(performance.now() - started)}`,
    ].join("\n"),
  );
}
