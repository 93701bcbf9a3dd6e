// `credanchor pin`: an issuer has a remote pinning service (IPFS Pinning Service API) keep what an
// issue run stored, so links and recovery work on the public IPFS network once its own node is
// off: the batch manifests and every encrypted copy named by the output folder's holder files.
// A CID the service already has a live pin request for is skipped, so a rerun asks for nothing
// twice. The service fetches the content itself: from `--origin` (the node that holds it) first.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { CredanchorError } from "../../errors.ts";
import { PINNING_TOKEN_VARIABLE, pinningServiceOf } from "../pinningService.ts";
import { readCredentialFile } from "./credentialFiles.ts";
import { outputOf } from "./report.ts";

/** The holder files `issue` writes: <folder>/credentials/<id>.credential.json. */
const HOLDER_FILE = /^[^.].*\.credential\.json$/;

export function register(program: Command): void {
  program
    .command("pin <folder>")
    .description(
      "issuer: have a remote pinning service keep the batch manifests and encrypted copies of an issue output folder",
    )
    .requiredOption(
      "--pin-service <url>",
      `the IPFS Pinning Service API endpoint (token in ${PINNING_TOKEN_VARIABLE})`,
    )
    .option(
      "--origin <multiaddrs...>",
      "addresses of the node holding the content (e.g. your Kubo node's /ip4/…/p2p/…), where the service fetches it first",
    )
    .action(
      async (
        folder: string,
        options: { pinService: string; origin?: string[] },
        command: Command,
      ) => {
        const service = { url: options.pinService, client: pinningServiceOf(options.pinService) };
        const contents = await contentsOf(folder);
        const asked: string[] = [];
        const already: string[] = [];
        for (const { cid, name } of contents) {
          const live = (await service.client.findPins(cid)).filter((p) => p.status !== "failed");
          if (live.length > 0) {
            already.push(cid);
            continue;
          }
          await service.client.addPin(cid, {
            name,
            ...(options.origin === undefined ? {} : { origins: options.origin }),
          });
          asked.push(cid);
        }
        outputOf(command).result(
          { folder, service: options.pinService, asked, alreadyPinned: already },
          (r) =>
            `${r.service}: asked to pin ${r.asked.length} new CID(s); ${r.alreadyPinned.length} already had a pin request. The service fetches each from the IPFS network${options.origin === undefined ? " (give --origin if your node is not publicly reachable)" : ""}.`,
        );
      },
    );
}

/** The manifests, then the encrypted copies, the folder's holder files name (each CID once). */
async function contentsOf(folder: string): Promise<Array<{ cid: string; name: string }>> {
  const dir = path.join(folder, "credentials");
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => HOLDER_FILE.test(n)).sort();
  } catch (error) {
    throw new CredanchorError(
      "OUTPUT_FOLDER_INVALID",
      `${folder} is not an output folder of \`credanchor issue\` (${dir} cannot be listed: ${(error as NodeJS.ErrnoException).code ?? String(error)}): give the folder passed to issue --out.`,
      { outDir: folder },
    );
  }
  const manifests = new Map<string, string>();
  const copies = new Map<string, string>();
  for (const name of names) {
    const { credential } = await readCredentialFile(path.join(dir, name));
    const proof = (Array.isArray(credential.proof) ? credential.proof[0] : credential.proof) as {
      anchor?: { manifestCid?: string; merkleRoot?: string };
      encryptedCopy?: { cid?: string };
    };
    const manifest = proof?.anchor?.manifestCid;
    if (manifest !== undefined)
      manifests.set(manifest, `credanchor batch manifest ${proof.anchor?.merkleRoot ?? ""}`.trim());
    const copy = proof?.encryptedCopy?.cid;
    // A generic name, never the holder's: the service sees pin names.
    if (copy !== undefined) copies.set(copy, "credanchor encrypted credential");
  }
  return [...manifests, ...copies].map(([cid, name]) => ({ cid, name }));
}
