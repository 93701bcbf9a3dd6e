// Printable certificates: `pdf.1000.s` is what `credanchor certificates` spends on an output
// folder of 1,000 format v2 holder files: each read and drawn from the default template, given
// its share link (an encrypted copy sealed and put in a store held in memory, so the link is
// QR-sized; the embedded node's disk writes are the storage bench's), its QR code, and written as
// a PDF. Budget (issue 13): 1,000 PDFs in at most 30 s on two cores.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { writeCertificates } from "../src/certificate/writeCertificates.ts";
import { qrSvg } from "../src/cli/qrCode.ts";
import { attachAnchor, buildCredential } from "../src/credential/index.ts";
import { type ShareStore, shareLink } from "../src/share/index.ts";
import { anchorV2, contextV2, fullRecord } from "../test/credential/support.ts";
import type { BenchModule } from "./harness.ts";

const COUNT = 1_000;

const bench: BenchModule = {
  name: "certificate",
  async run(ctx) {
    const dir = await mkdtemp(join(tmpdir(), "credanchor-bench-certificate-"));
    try {
      const credentials = join(dir, "credentials");
      await mkdir(credentials);
      for (let i = 0; i < COUNT; i++) {
        const credential = attachAnchor(
          buildCredential({
            record: { ...fullRecord, holderName: `Graduate ${i} Okonkwo-Ribeiro` },
            index: i,
            context: contextV2,
          }),
          anchorV2,
        );
        const id = `NP-${String(i).padStart(5, "0")}`;
        await writeFile(join(credentials, `${id}.credential.json`), JSON.stringify(credential));
      }
      const blocks = new Map<string, Uint8Array>();
      const store: ShareStore = {
        async put(bytes) {
          const cid = CID.createV1(raw.code, await sha256.digest(bytes));
          blocks.set(cid.toString(), bytes);
          return cid;
        },
      };
      const options = {
        linkOf: (credential: object) =>
          shareLink(credential, { pageUrl: "https://verify.northwind-poly.example/", store }),
        qrSvgOf: (link: string) => qrSvg(link, { margin: 2 }),
      };
      await ctx.measure(
        "pdf.1000.s",
        "s",
        async () => {
          const report = await writeCertificates(dir, options);
          if (report.certificates.length !== COUNT || report.withoutQr !== 0) {
            throw new Error(`expected ${COUNT} certificates with QR codes`);
          }
          return report.seconds;
        },
        { runs: ctx.quick ? 1 : 3, warmup: 0, budget: { max: 30 } },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
