import { rmSync } from "node:fs";
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { expect } from "chai";
import { type Address, createPublicClient, type Hex, http, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { anchorBatch } from "../../src/chain/anchorBatch.ts";
import { declareSigningKey, OPERATOR_RIGHTS, setOperator } from "../../src/chain/index.ts";
import { credentialTypeId } from "../../src/credential/credentialType.ts";
import { attachAnchor, attachEncryptedCopy, attachSignature } from "../../src/credential/index.ts";
import { publicKeyFromDidKey, verifyEddsaProof } from "../../src/dataIntegrity/index.ts";
import { CredanchorError } from "../../src/errors.ts";
import { anchorRoot } from "../../src/issuer/anchorRoot.ts";
import {
  CREDENTIALS_DIR,
  formatIssueReport,
  type IssueCredentialsOptions,
  type IssueEvent,
  issueCredentials,
  JournalError,
  loadColumnMapping,
} from "../../src/issuer/index.ts";
import { resolveIssuePlan } from "../../src/issuer/issuePlan.ts";
import { issuerKeyOf } from "../../src/issuer/issuerKey.ts";
import { recoverProofs } from "../../src/recovery/index.ts";
import { createEmbeddedStore, type EmbeddedStore, openEnvelope } from "../../src/storage/index.ts";
import { type Eip1193, startRpcServer } from "../helpers/rpcServer.ts";
import {
  anchorEvents,
  csvLine,
  graduatesCsv,
  holderProblem,
  inProcessChain,
  listTree,
  readHolderFiles,
  removeDir,
  spearmanRho,
  TEST_SIGNING_KEY,
  TEST_SIGNING_SEED,
  tempDir,
  writeTemp,
} from "./fixtures.ts";

const chain = await inProcessChain();
const { reader } = chain;

describe("issuer/issueCredentials on the in-process chain and an embedded store", function () {
  this.timeout(120_000);
  let dir: string;
  let store: EmbeddedStore;
  let registry: Address;
  let issuer: Address;

  before(async () => {
    dir = await tempDir("pipeline");
    store = await createEmbeddedStore({ directory: join(dir, "ipfs") });
    ({ registry, issuer } = await chain.deployRegistry());
  });
  after(async () => {
    await store.close();
    await removeDir(dir);
  });

  function options(name: string, extra: Partial<IssueCredentialsOptions>): IssueCredentialsOptions {
    return {
      input: join(dir, `${name}.csv`),
      outDir: join(dir, `${name}-out`),
      credentialType: "BachelorDegree",
      issuerProfile: { name: "Northwind Polytechnic", url: "https://northwind-poly.example" },
      chainId: 31337,
      registry,
      writer: chain.writerFor(issuer),
      store,
      signingSeed: TEST_SIGNING_SEED,
      threads: 2,
      ...extra,
    };
  }

  it("issues every row: each holder file verifies on chain and opens its encrypted copy", async () => {
    const input = await writeTemp(dir, "all.csv", graduatesCsv(40));
    const report = await issueCredentials(options("all", { input }));

    expect(report.input).to.include({ rows: 40, issued: 40, rejected: 0 });
    expect(report.batches).to.have.length(1);
    expect(report.batches[0]!.status).to.equal("anchored");
    expect(Number(report.batches[0]!.gasUsed)).to.be.within(30_000, 50_000);
    const holders = await readHolderFiles(join(dir, "all-out", CREDENTIALS_DIR));
    expect(holders.map((h) => h.id).sort()).to.deep.equal(
      Array.from({ length: 40 }, (_, i) => `S${100000 + i}`).sort(),
    );
    for (const { credential } of holders) {
      expect(await holderProblem(credential, reader)).to.equal(undefined);
      const [anchorProof, signature] = credential.proof;
      const copy = anchorProof.encryptedCopy!;
      const body = openEnvelope(await store.get(copy.cid), Buffer.from(copy.key.slice(2), "hex"));
      // The encrypted copy is the credential before anchoring and signing.
      const stored = JSON.parse(new TextDecoder().decode(body));
      const anchored = attachAnchor(stored, {
        ...anchorProof.anchor!,
        blockTime: anchorProof.created!,
      });
      const rebuilt = attachEncryptedCopy(attachSignature(anchored, signature!), copy);
      expect(rebuilt).to.deep.equal(credential);
    }
    const row7 = holders.find((h) => h.id === "S100007")!.credential;
    expect(row7.credentialSubject.identifier?.[0]?.identityHash).to.equal(
      "Graduate 7 Example-Name",
    );
    expect(await listTree(join(dir, "all-out"))).to.include.members([
      "journal.jsonl",
      "report.json",
      "report.txt",
    ]);
  });

  it("signs every file: proof [anchor, DataIntegrityProof] by the did:key, dated by the anchor", async () => {
    const input = await writeTemp(dir, "signed.csv", graduatesCsv(8));
    const events: IssueEvent[] = [];
    const report = await issueCredentials(
      options("signed", { input, onEvent: (e) => events.push(e) }),
    );
    const anchorBlock = await reader.getBlock({
      blockNumber: BigInt(report.batches[0]!.blockNumber!),
    });
    const anchoredAt = `${new Date(Number(anchorBlock.timestamp) * 1000).toISOString().slice(0, 19)}Z`;
    expect(report.signingKey).to.include({ didKey: TEST_SIGNING_KEY.didKey, state: "declared" });
    for (const { credential } of await readHolderFiles(join(dir, "signed-out", CREDENTIALS_DIR))) {
      expect(credential.issuer.id).to.equal(TEST_SIGNING_KEY.didKey);
      expect(credential.proof.map((p) => p.type)).to.deep.equal([
        "CredanchorMerkleProof",
        "DataIntegrityProof",
      ]);
      const [anchorProof, signature] = credential.proof;
      expect(anchorProof.created).to.equal(anchoredAt);
      expect(signature).to.include({
        cryptosuite: "eddsa-rdfc-2022",
        created: anchoredAt,
        verificationMethod: TEST_SIGNING_KEY.verificationMethod,
        proofPurpose: "assertionMethod",
      });
      const { proof: _, ...unsigned } = credential;
      const publicKey = publicKeyFromDidKey(credential.issuer.id);
      expect(await verifyEddsaProof(unsigned, signature!, { publicKey })).to.equal(true);
      const tampered = { ...unsigned, name: `${unsigned.name} (forged)` };
      expect(await verifyEddsaProof(tampered, signature!, { publicKey })).to.equal(false);
    }
  });

  it("names one status list per batch under the status base, defaulting under the issuer url", async () => {
    const input = await writeTemp(dir, "lists.csv", graduatesCsv(25));
    const base = "https://status.northwind-poly.example/lists";
    const report = await issueCredentials(
      options("lists", { input, batchSize: 10, statusBase: `${base}/` }),
    );
    expect(report.statusBase).to.equal(base);
    const urls = report.batches.map((b) => b.statusListCredential!);
    for (const url of urls)
      expect(url).to.match(
        /^https:\/\/status\.northwind-poly\.example\/lists\/[0-9a-f]{32}\.json$/,
      );
    expect(new Set(urls).size).to.equal(3);
    const holders = await readHolderFiles(join(dir, "lists-out", CREDENTIALS_DIR));
    for (const { id, credential } of holders) {
      const batch = Math.floor((Number(id.slice(1)) - 100000) / 10);
      const status = credential.credentialStatus;
      expect(status.statusListCredential, id).to.equal(urls[batch]);
      expect(status.id).to.equal(`${urls[batch]}#${status.batchIndex}`);
      expect(status.statusListIndex).to.equal(String(status.batchIndex));
    }

    const byDefault = await issueCredentials(
      options("lists-default", {
        input: await writeTemp(dir, "lists-default.csv", graduatesCsv(2)),
      }),
    );
    expect(byDefault.statusBase).to.equal("https://northwind-poly.example/credanchor/status");
    const noUrl = await issueCredentials(
      options("lists-none", { input, issuerProfile: { name: "Northwind Polytechnic" } }),
    ).catch((error: unknown) => error);
    expect(noUrl).to.be.instanceOf(CredanchorError);
    expect((noUrl as CredanchorError).message).to.contain("--status-base is missing");
    const plain = await issueCredentials(
      options("lists-http", { input, statusBase: "http://northwind-poly.example/lists" }),
    ).catch((error: unknown) => error);
    expect((plain as CredanchorError).message).to.contain("--status-base");
  });

  const chainNow = async () => {
    const block = (await reader.request({
      method: "eth_getBlockByNumber",
      params: ["latest", false],
    } as never)) as { timestamp: string };
    return Number(block.timestamp);
  };

  it("refuses an operator whose key the issuer never declared, before storing or anchoring", async () => {
    const accounts = (await reader.request({ method: "eth_accounts" } as never)) as Address[];
    const operator = accounts[5]!;
    await setOperator(chain.writerFor(issuer), {
      registry,
      operator,
      // From the chain's clock: earlier tests on this chain move it ahead of the wall clock.
      expiresAt: (await chainNow()) + 86_400,
      rights: OPERATOR_RIGHTS.anchor,
    });
    const seed = new Uint8Array(32).fill(9);
    const input = await writeTemp(dir, "operator.csv", graduatesCsv(4));
    const before = (await anchorEvents(reader, registry, issuer)).length;
    const asOperator = options("operator", {
      input,
      issuer,
      writer: chain.writerFor(operator),
      signingSeed: seed,
    });
    const dry = await issueCredentials({ ...asOperator, dryRun: true, store: undefined });
    expect(dry.signingKey.state).to.equal("undeclared");
    const refused = await issueCredentials(asOperator).catch((error: unknown) => error);
    expect((refused as CredanchorError).code).to.equal("SIGNER_NOT_ISSUER");
    expect((refused as CredanchorError).message).to.contain("credanchor signing-key declare");
    expect((await anchorEvents(reader, registry, issuer)).length).to.equal(before);
    expect(await listTree(join(dir, "operator-out"))).to.deep.equal(["journal.jsonl"]);

    // Once the issuer declares the key, the operator's rerun issues with it.
    await declareSigningKey(chain.writerFor(issuer), {
      registry,
      publicKey: issuerKeyOf(seed).publicKey,
    });
    const report = await issueCredentials(asOperator);
    expect(report.signingKey.state).to.equal("declared");
    const holders = await readHolderFiles(join(dir, "operator-out", CREDENTIALS_DIR));
    expect(holders).to.have.length(4);
    for (const { credential } of holders) {
      expect(credential.issuer.id).to.equal(issuerKeyOf(seed).didKey);
      expect(await holderProblem(credential, reader)).to.equal(undefined);
    }
  });

  it("leaves a manifest from which every proof is rebuilt", async () => {
    const input = await writeTemp(dir, "manifest.csv", graduatesCsv(13));
    const report = await issueCredentials(options("manifest", { input }));
    const holders = await readHolderFiles(join(dir, "manifest-out", CREDENTIALS_DIR));
    const indices = holders.map((h) => h.credential.credentialStatus.batchIndex);
    const recovered = await recoverProofs(store, report.batches[0]!.manifestCid!, indices);
    recovered.forEach((proof, i) => {
      const anchor = holders[i]!.credential.proof[0].anchor!;
      expect(proof.root).to.equal(anchor.merkleRoot);
      expect(proof.proof).to.deep.equal(anchor.merkleProof);
      expect(proof.credentialDigest).to.equal(holders[i]!.credential.proof[0].credentialDigest);
    });
    for (const { credential } of holders) {
      expect(credential.proof[0].anchor!.manifestCid).to.equal(report.batches[0]!.manifestCid);
    }
  });

  it("gives a batch's credentials indexes in a random order, each proof verifying", async () => {
    const rows = 1_000;
    const input = await writeTemp(dir, "shuffled.csv", graduatesCsv(rows));
    await issueCredentials(options("shuffled", { input }));
    const holders = await readHolderFiles(join(dir, "shuffled-out", CREDENTIALS_DIR));
    const indexOfRow = new Array<number>(rows);
    for (const { id, credential } of holders) {
      const index = credential.credentialStatus.batchIndex;
      expect(credential.proof[0].anchor!.leafIndex, id).to.equal(index);
      indexOfRow[Number(id.slice(1)) - 100000] = index;
    }
    expect([...indexOfRow].sort((a, b) => a - b)).to.deep.equal(
      Array.from({ length: rows }, (_, i) => i),
    );
    expect(indexOfRow).not.to.deep.equal(Array.from({ length: rows }, (_, i) => i));
    // Uniform: rho's standard deviation is 1/sqrt(999) ~ 0.032, so 0.15 is ~4.7 of them.
    expect(Math.abs(spearmanRho(indexOfRow))).to.be.below(0.15);
    for (const { id, credential } of holders) {
      expect(await holderProblem(credential, reader), id).to.equal(undefined);
    }
  });

  it("draws another order on each run of the same input", async () => {
    const input = await writeTemp(dir, "twice.csv", graduatesCsv(40));
    const indexes = async (name: string) => {
      await issueCredentials(options(name, { input }));
      const holders = await readHolderFiles(join(dir, `${name}-out`, CREDENTIALS_DIR));
      const byId = holders.map((h) => [h.id, h.credential.credentialStatus.batchIndex] as const);
      return Object.fromEntries(byId.sort(([a], [b]) => a.localeCompare(b)));
    };
    expect(await indexes("twice-a")).not.to.deep.equal(await indexes("twice-b"));
  });

  it("leaves the output readable by its owner only: folders 0700, files 0600", async () => {
    const input = await writeTemp(dir, "private.csv", graduatesCsv(6));
    const out = join(dir, "private-out");
    await mkdir(out, { mode: 0o755 }); // as a registrar's `mkdir out` makes it
    const report = await issueCredentials(options("private", { input }));

    const entries = await readdir(out, { recursive: true, withFileTypes: true });
    expect(entries.filter((e) => e.isFile())).to.have.length(6 + 3);
    expect((await stat(out)).mode & 0o777).to.equal(0o700);
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      const mode = (await stat(path)).mode & 0o777;
      expect(mode.toString(8), path).to.equal(entry.isDirectory() ? "700" : "600");
    }
    const summary = await readFile(join(out, "report.txt"), "utf8");
    expect(summary).to.contain(`${report.output!.directory} and everything in it are readable`);
    expect(summary).to.contain("(folders 0700, files 0600)");
  });

  it("splits rows beyond the batch size into several anchored batches", async () => {
    const before = (await anchorEvents(reader, registry, issuer)).length;
    const input = await writeTemp(dir, "split.csv", graduatesCsv(25));
    const report = await issueCredentials(options("split", { input, batchSize: 10 }));

    expect(report.batches.map((b) => [b.first, b.count])).to.deep.equal([
      [0, 10],
      [10, 10],
      [20, 5],
    ]);
    expect(new Set(report.batches.map((b) => b.root)).size).to.equal(3);
    expect((await anchorEvents(reader, registry, issuer)).length - before).to.equal(3);
    const holders = await readHolderFiles(join(dir, "split-out", CREDENTIALS_DIR));
    expect(holders).to.have.length(25);
    for (const { credential } of holders) {
      expect(await holderProblem(credential, reader)).to.equal(undefined);
      expect(credential.credentialStatus.batchIndex).to.be.below(10);
    }
  });

  it("holds each batch's digests from building to its manifest, reading none back", async () => {
    const input = await writeTemp(dir, "held.csv", graduatesCsv(12));
    const out = join(dir, "held-out");
    const report = await issueCredentials(
      options("held", {
        input,
        batchSize: 5,
        onEvent: (event) => {
          // Were the manifest made from the digest files, it would fail without them.
          if (event.type === "checkpoint" && event.checkpoint === "built") {
            rmSync(join(out, ".staging", `batch-0000${event.batch}.digests`));
          }
        },
      }),
    );
    expect(report.batches.map((b) => b.count)).to.deep.equal([5, 5, 2]);
    const holders = await readHolderFiles(join(out, CREDENTIALS_DIR));
    for (const { credential } of holders) {
      expect(await holderProblem(credential, reader)).to.equal(undefined);
    }
    const second = holders.filter(
      (h) => h.credential.proof[0].anchor!.merkleRoot === report.batches[1]!.root,
    );
    const indices = second.map((h) => h.credential.credentialStatus.batchIndex);
    const recovered = await recoverProofs(store, report.batches[1]!.manifestCid!, indices);
    recovered.forEach((proof, i) => {
      expect(proof.proof).to.deep.equal(second[i]!.credential.proof[0].anchor!.merkleProof);
    });
  });

  it("settles the options once into a frozen plan that the run reads", async () => {
    const plan = resolveIssuePlan(options("plan", { outDir: "relative-out" }));
    expect(Object.isFrozen(plan)).to.equal(true);
    expect(Object.isFrozen(plan.input)).to.equal(true);
    expect(plan).to.include({
      batchSize: 100_000,
      dryRun: false,
      pinBodies: true,
      outDir: resolve("relative-out"),
      statusBase: "https://northwind-poly.example/credanchor/status",
    });
    expect(plan.input.format).to.equal("csv");
    expect(plan.key.didKey).to.equal(TEST_SIGNING_KEY.didKey);
  });

  it("maps an export's own columns, constants and date format through a mapping file", async () => {
    const input = await writeTemp(
      dir,
      "export.csv",
      [
        csvLine(["Student number", "Surname", "Full name", "Award date", "Programme", "Tags"]),
        csvLine([
          "2021-0045",
          "Okafor",
          "Ada Okafor",
          "31/07/2025",
          "MSc Data Science",
          "ml; stats",
        ]),
        csvLine(["2021-0046", "Lind", "Bo Lind", "1/8/2025", "MSc Data Science", ""]),
      ].join("\r\n"),
    );
    const mappingFile = await writeTemp(
      dir,
      "export.mapping.json",
      JSON.stringify({
        id: "Student number",
        credentialType: "MasterDegree",
        issuer: { name: "Northwind Polytechnic" },
        fields: {
          holderName: "Full name",
          validFrom: { column: "Award date", type: "date", format: "D/M/YYYY" },
          "achievement.name": "Programme",
          "achievement.description": { value: "A one-year taught master's programme." },
          "achievement.criteria": { value: "Pass 90 ECTS including a thesis." },
          "achievement.tags": "Tags",
          "identifiers[0].identityType": { value: "sisSourcedId" },
          "identifiers[0].value": "Student number",
        },
      }),
    );
    const mapping = await loadColumnMapping(mappingFile);
    const report = await issueCredentials({
      ...options("export", { input, mapping }),
      credentialType: undefined,
      issuerProfile: undefined,
      statusBase: "https://northwind-poly.example/lists",
    });

    expect(report.credentialType).to.equal("MasterDegree");
    const holders = await readHolderFiles(join(dir, "export-out", CREDENTIALS_DIR));
    const ada = holders.find((h) => h.id === "2021-0045")!.credential;
    expect(ada.validFrom).to.equal("2025-07-31T00:00:00Z");
    expect(ada.credentialSubject.achievement.tag).to.deep.equal(["ml", "stats"]);
    expect(ada.issuer.name).to.equal("Northwind Polytechnic");
    const bo = holders.find((h) => h.id === "2021-0046")!.credential;
    expect(bo.validFrom).to.equal("2025-08-01T00:00:00Z");
    expect(bo.credentialSubject.achievement.tag).to.equal(undefined);
    for (const { credential } of holders) {
      expect(await holderProblem(credential, reader)).to.equal(undefined);
    }
  });

  it("reads a JSON array and JSON Lines as well as CSV", async () => {
    const record = (i: number) => ({
      id: `J${i}`,
      holderName: `Json Holder ${i}`,
      achievement: {
        name: "Certificate in Statistics",
        description: "Short course.",
        criteria: "Pass the exam.",
      },
      validFrom: "2025-03-01",
    });
    const array = await writeTemp(
      dir,
      "records.json",
      JSON.stringify([record(1), record(2)], null, 2),
    );
    const lines = await writeTemp(
      dir,
      "records.jsonl",
      `${JSON.stringify(record(3))}\n\n${JSON.stringify(record(4))}\n`,
    );
    const fromArray = await issueCredentials(
      options("json", { input: array, outDir: join(dir, "json-out") }),
    );
    const fromLines = await issueCredentials(
      options("jsonl", { input: lines, outDir: join(dir, "jsonl-out") }),
    );
    expect(fromArray.input.issued).to.equal(2);
    expect(fromLines.input.issued).to.equal(2);
    const ids = (await readHolderFiles(join(dir, "jsonl-out", CREDENTIALS_DIR))).map((h) => h.id);
    expect(ids.sort()).to.deep.equal(["J3", "J4"]);
  });

  it("estimates gas on a dry run and stores, anchors and writes nothing", async () => {
    const before = (await anchorEvents(reader, registry, issuer)).length;
    const input = await writeTemp(dir, "dry.csv", graduatesCsv(12));
    const events: IssueEvent[] = [];
    const report = await issueCredentials(
      options("dry", { input, dryRun: true, store: undefined, onEvent: (e) => events.push(e) }),
    );
    expect(report.dryRun).to.equal(true);
    expect(Number(report.batches[0]!.estimatedGas)).to.be.within(30_000, 60_000);
    expect(events.some((e) => e.type === "estimate")).to.equal(true);
    expect((await anchorEvents(reader, registry, issuer)).length).to.equal(before);
    expect(await listTree(dir)).not.to.include.members(["dry-out/journal.jsonl"]);
    await readFile(join(dir, "dry-out", "journal.jsonl")).then(
      () => expect.fail("a dry run wrote a journal"),
      (error) => expect(error.code).to.equal("ENOENT"),
    );
  });

  it("says a finished run was already issued when it is run again, anchoring nothing", async () => {
    const input = await writeTemp(dir, "again.csv", graduatesCsv(5));
    const first = await issueCredentials(options("again", { input }));
    const before = (await anchorEvents(reader, registry, issuer)).length;
    const again = await issueCredentials(options("again", { input }));
    expect(again).to.deep.equal({ ...first, alreadyIssued: true });
    expect(formatIssueReport(again)).to.match(
      /^Nothing to do: all 5 BachelorDegree credentials from .* were already issued by a run that finished at .*; nothing was sent or written now\./,
    );
    expect((await anchorEvents(reader, registry, issuer)).length).to.equal(before);
  });

  it("refuses an output folder that holds a run of other input", async () => {
    const input = await writeTemp(dir, "mine.csv", graduatesCsv(3));
    await issueCredentials(options("mine", { input }));
    const other = await writeTemp(dir, "other.csv", graduatesCsv(4));
    try {
      await issueCredentials(options("mine", { input: other }));
      expect.fail("resumed another run");
    } catch (error) {
      expect(error).to.be.instanceOf(JournalError);
      expect((error as JournalError).code).to.equal("JOURNAL_MISMATCH");
      expect((error as JournalError).message).to.contain("input file");
    }
  });

  it("finds the anchor a killed attempt sent through a node that refuses wide log ranges", async () => {
    const refused: string[] = [];
    const node = await startRpcServer(refusingWideLogRanges(reader, 8, refused));
    try {
      const writer = chain.writerFor(issuer);
      const request = {
        registry,
        issuer,
        root: `0x${"ab".repeat(32)}` as Hex,
        leafCount: 3,
        credentialType: credentialTypeId("BachelorDegree"),
        manifestCid: `0x01551220${"11".repeat(32)}` as Hex,
      };
      const fromBlock = await reader.getBlockNumber();
      const killedAttempt = await anchorBatch(writer, request);
      await reader.request({ method: "hardhat_mine", params: ["0x40"] } as never);
      const throughNode = createPublicClient({ chain: hardhat, transport: http(node.url) });
      const outcome = await anchorRoot(
        { ...writer, reader: throughNode as PublicClient },
        request,
        fromBlock,
      );
      expect(killedAttempt.status).to.equal("anchored");
      expect(outcome.status).to.equal("already-anchored");
      expect(outcome.txHash).to.equal(
        killedAttempt.status === "anchored" ? killedAttempt.txHash : "",
      );
      expect(refused, "eth_getLogs ranges the node refused").not.to.be.empty;
    } finally {
      await node.close();
    }
  });
});

/** A node that answers eth_getLogs over at most `maxBlocks` blocks, as public RPCs do. */
function refusingWideLogRanges(
  reader: PublicClient,
  maxBlocks: number,
  refused: string[],
): Eip1193 {
  return {
    async request(args) {
      if (args.method === "eth_getLogs") {
        const [filter] = args.params as [{ fromBlock: Hex; toBlock: Hex }];
        const span = BigInt(filter.toBlock) - BigInt(filter.fromBlock) + 1n;
        if (span > BigInt(maxBlocks)) {
          refused.push(`${filter.fromBlock}..${filter.toBlock}`);
          throw Object.assign(new Error(`block range exceeds ${maxBlocks} blocks`), {
            code: -32005,
          });
        }
      }
      return reader.request(args as never);
    },
  };
}
