// `credanchor shred`: the issuer takes down the encrypted copies of some or all credentials of an
// output folder (the embedded IPFS node or Kubo, and remote pinning services) and removes their
// keys from its copies of the holder files, over the SDK's shredCredentials. The report says what
// was done per CID and what no command can reach.
import { stat } from "node:fs/promises";
import path from "node:path";
import { type Command, Option } from "commander";
import { CredanchorError } from "../../errors.ts";
import type { ShreddedCredential, ShredReport, StoreTakedown } from "../../issuer/shred.ts";
import type { ContentStore } from "../../storage/contentStore.ts";
import type { PinningServiceClient } from "../../storage/index.ts";
import { issueStoreOptions } from "../contentStore.ts";
import { openContentStore } from "../context.ts";
import { PINNING_TOKEN_VARIABLE, pinningServiceOf } from "../pinningService.ts";
import {
  readShareRecords,
  shareRecordFileOf,
  type TakenDownShare,
  takeDownShares,
} from "../shareRecords.ts";
import { outputOf } from "./report.ts";

interface ShredOptions {
  out: string;
  id?: string[];
  all?: boolean;
  ipfsDir?: string;
  kubo?: string;
  pinService?: string[];
  /** The option's name before share, pin and deliver settled on --pin-service; kept hidden. */
  pinningService?: string[];
  deleteFiles?: boolean;
  dryRun?: boolean;
}

export function register(program: Command): void {
  program
    .command("shred [files...]")
    .description(
      "issuer: take down the encrypted copies of credentials (unpin and delete on the IPFS node, delete pins on pinning services) and remove their keys from the output folder; targets are credential files, --id, or --all",
    )
    .requiredOption(
      "--out <dir>",
      "the output folder the credentials were issued into (issue --out)",
    )
    .option("--id <ids...>", "row ids (file name before .credential.json) or credential ids")
    .option("--all", "every credential in the output folder")
    .option(
      "--ipfs-dir <dir>",
      "data folder of the embedded IPFS node (default: the one issue used, <out>/ipfs)",
    )
    .option(
      "--kubo <url>",
      "the bodies are on a Kubo node's RPC API instead, e.g. http://127.0.0.1:5001 (pin/rm, block/rm)",
    )
    .option(
      "--pin-service <url...>",
      `also delete the pins on these IPFS Pinning Service API endpoints (token in ${PINNING_TOKEN_VARIABLE})`,
    )
    .addOption(new Option("--pinning-service <url...>").hideHelp())
    .option(
      "--delete-files",
      "delete the issuer's copies of the holder files instead of removing the key from them",
    )
    .option("--dry-run", "list what would be done; change nothing")
    .addHelpText(
      "after",
      "\nNever touched: the public batch manifests and on-chain roots (salted digests, no personal data; proofs are rebuilt from them). Out of reach: copies peers or gateways cached, and the holders' own files, which keep their key.",
    )
    .action(async (files: string[], options: ShredOptions, command: Command) => {
      const out = outputOf(command);
      const services = [...(options.pinService ?? []), ...(options.pinningService ?? [])].map(
        (url) => ({
          url,
          client: pinningServiceOf(url, "--pin-service", process.env, "nothing was shredded"),
        }),
      );
      const { shredCredentials } = await import("../../issuer/shred.ts");
      const storeOptions = issueStoreOptions(options, options.out);
      if (storeOptions.kubo === undefined) await requireIpfsDir(storeOptions.ipfsDir!, options);
      let store: ContentStore | undefined;
      let report: ShredReport;
      try {
        store = await openContentStore(storeOptions);
        report = await shredCredentials({
          outDir: options.out,
          files,
          ids: options.id ?? [],
          all: options.all === true,
          stores: [store],
          pinningServices: services.map((s) => s.client),
          deleteFiles: options.deleteFiles === true,
          dryRun: options.dryRun === true,
        });
      } finally {
        await store?.close();
      }
      // After the issuer's store is closed: a shared copy may sit on that same node.
      const sharedCopies = await takeDownSharedCopies(report, services);
      out.result({ ...report, sharedCopies }, formatShredReport);
    });
}

/** Opening the embedded node creates its folder: a mistyped one must not pass for "erased". */
async function requireIpfsDir(ipfsDir: string, options: ShredOptions): Promise<void> {
  const dir = path.resolve(ipfsDir);
  const found = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!found) {
    throw new CredanchorError(
      "OPTION_INVALID",
      `${options.ipfsDir === undefined ? "The embedded IPFS node's folder" : "--ipfs-dir"} ${dir} does not exist: give the --ipfs-dir (or --kubo) that issue stored the copies on; nothing was shredded.`,
      { option: "--ipfs-dir", value: dir },
    );
  }
}

/** A copy the holder file's `.shares.json` recorded (share, deliver), taken down or to be. */
export interface SharedCopyTakedown extends TakenDownShare {
  file: string;
}

/**
 * The copies `share` and `deliver` made of the shredded credentials (recorded beside each holder
 * file) come down too, and their keys with their records: an erasure leaves no readable copy that
 * credanchor knows of. A dry run lists them.
 */
async function takeDownSharedCopies(
  report: ShredReport,
  services: readonly { url: string; client: PinningServiceClient }[],
): Promise<SharedCopyTakedown[]> {
  const all: SharedCopyTakedown[] = [];
  const tokenSet = process.env[PINNING_TOKEN_VARIABLE]?.trim();
  for (const credential of report.credentials) {
    const recordFile = shareRecordFileOf(credential.file);
    const records = await readShareRecords(recordFile);
    if (records.length === 0) continue;
    // Pins the record names are deleted too when the token is set (one token for every service).
    const recorded = new Set(records.flatMap((r) => (r.pinService ? [r.pinService.url] : [])));
    const clients = [...services];
    for (const url of recorded) {
      if (tokenSet && !clients.some((s) => s.url === url)) {
        clients.push({ url, client: pinningServiceOf(url) });
      }
    }
    const done = report.dryRun
      ? records.map((r) => ({
          cid: r.cid,
          store: "kubo" in r.store ? r.store.kubo : r.store.ipfsDir,
          pinsDeleted: 0,
        }))
      : await takeDownShares(
          recordFile,
          records.map((r) => r.cid),
          { services: clients },
        );
    all.push(...done.map((d) => ({ ...d, file: credential.file })));
  }
  return all;
}

export function formatShredReport(
  report: ShredReport & { sharedCopies?: SharedCopyTakedown[] },
): string {
  const verb = report.dryRun ? "Would shred" : "Shredded";
  const acted = report.credentials.filter((c) => c.state !== "no-copy-recorded");
  const lines = [
    `${verb} ${acted.length} credential(s) of ${report.outDir}${report.dryRun ? " (dry run: nothing changed)" : ""}:`,
  ];
  for (const c of report.credentials) lines.push(`  ${credentialLine(c, report.dryRun)}`);
  const { folder } = report;
  if (folder.stagingRemoved !== null) {
    lines.push(
      `${report.dryRun ? "Would remove" : "Removed"} ${folder.stagingRemoved}, left by the completed run (staged credentials with keys).`,
    );
  }
  if (folder.temporaryFilesRemoved > 0) {
    lines.push(`Removed ${folder.temporaryFilesRemoved} temporary file(s) of a killed write.`);
  }
  if (folder.journalKept !== null) {
    lines.push(
      `Kept ${folder.journalKept}: roots, manifest CIDs, transactions and counts; no credential keys or text.`,
    );
  }
  for (const m of report.manifestsKept) {
    lines.push(
      `Not touched: batch manifest ${m.cid} (root ${m.root}): public, salted digests and no personal data; proofs are rebuilt from it.`,
    );
  }
  for (const copy of report.sharedCopies ?? []) {
    lines.push(
      `${report.dryRun ? "Would take down" : "Took down"} shared copy ${copy.cid} of ${copy.file} (share or deliver) from ${copy.store}${report.dryRun ? "" : `, ${copy.pinsDeleted} pin(s) deleted`}; ${report.dryRun ? "and forget its key" : "its key is forgotten"}.`,
    );
  }
  lines.push("Out of reach of this command:");
  for (const item of report.beyondReach) lines.push(`  - ${item}`);
  return lines.join("\n");
}

function credentialLine(c: ShreddedCredential, dryRun: boolean): string {
  const name = `${c.file} (${c.credentialId})`;
  if (c.state === "no-copy-recorded") {
    return `${name}: records no encrypted copy (shredded before?); nothing to do`;
  }
  const parts = [
    ...c.stores.map(storeText),
    ...c.pinningServices.map(
      (p) =>
        `${p.service}: ${p.requestIds.length} pin request(s) ${dryRun ? "to delete" : "deleted"}${p.requestIds.length > 0 ? ` (${p.requestIds.join(", ")})` : ""}`,
    ),
  ];
  if (c.fileDeleted) parts.push(`file ${dryRun ? "to delete" : "deleted"}`);
  for (const file of c.keyRemovedFrom)
    parts.push(`key ${dryRun ? "to remove" : "removed"} from ${file}`);
  return `${name} ${c.cid ?? ""}: ${parts.join("; ")}`;
}

function storeText(s: StoreTakedown): string {
  switch (s.action) {
    case "would-remove":
      return `${s.store}: ${s.held ? "holds it: would unpin and delete its blocks" : "does not hold it"}`;
    case "unpinned":
      return `${s.store}: unpinned`;
    case "removed": {
      const kept = s.blocksKept > 0 ? `, ${s.blocksKept} kept (other pins use them)` : "";
      const missing = s.blocksMissing > 0 ? `, ${s.blocksMissing} not held` : "";
      return `${s.store}: ${s.unpinned ? "unpinned, " : "not pinned, "}${s.blocksDeleted} block(s) deleted${kept}${missing}`;
    }
  }
}
