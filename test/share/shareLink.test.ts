import { expect } from "chai";
import {
  attachAnchor,
  buildCredential,
  type CredanchorCredential,
  disclose,
} from "../../src/credential/index.ts";
import { CredanchorError } from "../../src/errors.ts";
import {
  DEFAULT_MAX_LINK_LENGTH,
  fromBase64url,
  linkedInAddUrl,
  linkedInCertificationOf,
  openShare,
  readShareLink,
  shareableCredential,
  shareLink,
  toBase64url,
} from "../../src/share/index.ts";
import { context, fullRecord, viaJson } from "../credential/support.ts";
import { type LocalGateway, startLocalGateway } from "./localGateway.ts";

const PAGE = "https://verify.northwind-poly.example/";
const ISSUER_COPY = {
  cid: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
  key: `0x${"ab".repeat(32)}`,
};

let issued: CredanchorCredential | undefined;

/** A full v1 credential with the issuer's encrypted copy in its anchor proof (built once). */
function anchored(): CredanchorCredential {
  if (issued !== undefined) return viaJson(issued);
  const built = buildCredential({ record: fullRecord, index: 4, context });
  const withAnchor = attachAnchor(built, {
    merkleRoot: `0x${"11".repeat(32)}`,
    merkleProof: [`0x${"33".repeat(32)}`],
    transactionHash: `0x${"22".repeat(32)}`,
  });
  const proof = (withAnchor as { proof: Record<string, unknown> }).proof;
  issued = viaJson({
    ...withAnchor,
    proof: { ...proof, encryptedCopy: ISSUER_COPY },
  }) as CredanchorCredential;
  return viaJson(issued);
}

async function opened(link: string, gateways?: string[]): Promise<unknown> {
  const reference = readShareLink(link);
  expect(reference, link).to.not.equal(null);
  const text = await openShare(reference!, gateways === undefined ? {} : { gateways });
  return JSON.parse(text);
}

async function expectCode(promise: Promise<unknown> | (() => unknown), code: string) {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    expect(error).to.be.instanceOf(CredanchorError);
    expect((error as CredanchorError).code, (error as Error).message).to.equal(code);
    return error as CredanchorError;
  }
  throw new Error(`expected ${code}`);
}

describe("share links", () => {
  let gateway: LocalGateway;
  before(async () => {
    gateway = await startLocalGateway();
  });
  after(async () => gateway.close());

  describe("inline (the credential in the fragment)", () => {
    it("carries a credential that opens back to the same JSON, minus the issuer's copy key", async () => {
      const credential = anchored();
      const link = await shareLink(credential, { pageUrl: PAGE, kind: "inline" });
      expect(link.startsWith(`${PAGE}#c=`)).to.equal(true);
      const { proof, ...rest } = credential as unknown as { proof: Record<string, unknown> };
      const { encryptedCopy: _, ...proofWithoutCopy } = proof;
      expect(await opened(link)).to.deep.equal({ ...rest, proof: proofWithoutCopy });
      expect(link).to.not.include(toBase64url(new Uint8Array(32).fill(0xab)));
    });

    it("removes the issuer's copy from a v2 anchor proof and leaves the signature as it is", () => {
      const anchorProof = { type: "CredanchorAnchorProof", encryptedCopy: ISSUER_COPY, anchor: {} };
      const signature = { type: "DataIntegrityProof", proofValue: "z3abc" };
      const v2 = { id: "urn:uuid:x", proof: [anchorProof, signature] };
      const { encryptedCopy: _, ...withoutCopy } = anchorProof;
      expect(shareableCredential(v2)).to.deep.equal({
        id: "urn:uuid:x",
        proof: [withoutCopy, signature],
      });
      expect(v2.proof[0]).to.have.property("encryptedCopy"); // the holder's file is untouched
    });

    it("shares a disclosed copy, which hides what the holder left out", async () => {
      const copy = disclose(anchored(), ["/credentialSubject/achievement"]);
      const shown = (await opened(await shareLink(copy, { pageUrl: PAGE, kind: "inline" }))) as {
        credentialSubject: { name?: string };
      };
      expect(shown).to.deep.equal(JSON.parse(JSON.stringify(copy)));
      expect(JSON.stringify(shown)).to.not.include(fullRecord.holderName);
    });

    it("drops the page URL's own fragment and keeps its path and query", async () => {
      const link = await shareLink(anchored(), {
        pageUrl: "https://example.org/verify/index.html?lang=fr#url=x",
        kind: "inline",
      });
      expect(link.startsWith("https://example.org/verify/index.html?lang=fr#c=")).to.equal(true);
    });

    it("refuses a credential too long for a QR code when there is no store for a copy", async () => {
      const error = await expectCode(
        shareLink(anchored(), { pageUrl: PAGE }),
        "SHARE_LINK_TOO_LONG",
      );
      expect(error.message).to.include(`more than the ${DEFAULT_MAX_LINK_LENGTH}`);
    });

    it("puts the credential itself in the link exactly when the link fits maxLength", async () => {
      const credential = anchored();
      const inline = await shareLink(credential, { pageUrl: PAGE, kind: "inline" });
      const options = { pageUrl: PAGE, store: gateway, gateways: [gateway.url] };
      expect(await shareLink(credential, { ...options, maxLength: inline.length })).to.equal(
        inline,
      );
      const longer = await shareLink(credential, { ...options, maxLength: inline.length - 1 });
      expect(readShareLink(longer)?.kind).to.equal("ipfs");
      expect(longer.length).to.be.below(300);
    });

    it("encodes any bytes in base64url and back", () => {
      for (let length = 0; length < 70; length++) {
        const bytes = Uint8Array.from({ length }, (_, i) => (i * 151 + length * 7) & 0xff);
        const text = toBase64url(bytes);
        expect(text).to.match(/^[\w-]*$/);
        expect(fromBase64url(text)).to.deep.equal(bytes);
        expect(text).to.equal(Buffer.from(bytes).toString("base64url"));
      }
    });
  });

  describe("encrypted copy on IPFS (CID and key in the fragment)", () => {
    it("stores a sealed copy and opens it through a trustless gateway", async () => {
      const credential = anchored();
      const link = await shareLink(credential, {
        pageUrl: PAGE,
        kind: "ipfs",
        store: gateway,
        gateways: [gateway.url],
      });
      const reference = readShareLink(link);
      expect(reference?.kind).to.equal("ipfs");
      if (reference?.kind !== "ipfs") return;
      expect(reference.gateways).to.deep.equal([gateway.url]);
      // What IPFS holds is ciphertext: the holder's name is not in it.
      const seen = gateway.requests.length;
      const opened = JSON.parse(await openShare(reference, { gateways: [] }));
      expect(gateway.requests.length).to.be.greaterThan(seen);
      expect(opened.id).to.equal(credential.id);
      expect(opened.proof.encryptedCopy).to.equal(undefined);
    });

    it("falls back to a copy when the inline link would be too long", async () => {
      const link = await shareLink(anchored(), {
        pageUrl: PAGE,
        store: gateway,
        gateways: [gateway.url],
        maxLength: 200,
      });
      expect(readShareLink(link)?.kind).to.equal("ipfs");
      expect(((await opened(link, [])) as { id: string }).id).to.equal(anchored().id);
    });

    it("says not found, not invalid, once the copy was taken down", async () => {
      const link = await shareLink(anchored(), {
        pageUrl: PAGE,
        kind: "ipfs",
        store: gateway,
        gateways: [gateway.url],
      });
      const reference = readShareLink(link)!;
      gateway.remove((reference as { cid: string }).cid);
      await expectCode(openShare(reference, { gateways: [] }), "STORAGE_CONTENT_NOT_FOUND");
    });

    it("refuses a key that is not the copy's", async () => {
      const link = await shareLink(anchored(), {
        pageUrl: PAGE,
        kind: "ipfs",
        store: gateway,
        gateways: [gateway.url],
      });
      const wrongKey = link.replace(/k=[^&]+/, `k=${toBase64url(new Uint8Array(32))}`);
      await expectCode(
        openShare(readShareLink(wrongKey)!, { gateways: [] }),
        "ENVELOPE_DECRYPTION_FAILED",
      );
    });
  });

  describe("reading a link", () => {
    it("is null for a page address that carries no share", () => {
      expect(readShareLink(PAGE)).to.equal(null);
      expect(readShareLink(`${PAGE}#url=https://x.example/c.json`)).to.equal(null);
    });

    it("names what is damaged in a link cut short or altered", async () => {
      const link = await shareLink(anchored(), { pageUrl: PAGE, kind: "inline" });
      await expectCode(openShare(readShareLink(link.slice(0, -40))!), "SHARE_LINK_INVALID");
      expect(() => readShareLink(`${PAGE}#c=not*base64`)).to.throw(/c=/);
      expect(() => readShareLink(`${PAGE}#cid=nonsense&k=AAAA`)).to.throw(/cid=/);
      expect(() =>
        readShareLink(`${PAGE}#cid=${ISSUER_COPY.cid}&k=${toBase64url(new Uint8Array(31))}`),
      ).to.throw(/k=/);
    });
  });
});

describe("LinkedIn add-certification link", () => {
  it("names the achievement, the issuer, the award month, the share link and the credential id", () => {
    const credential = anchored();
    const url = new URL(linkedInAddUrl(linkedInCertificationOf(credential, `${PAGE}#c=abc`)));
    expect(url.origin + url.pathname).to.equal("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      startTask: "CERTIFICATION_NAME",
      name: fullRecord.achievement.name,
      organizationName: context.issuerProfile.name,
      issueYear: fullRecord.validFrom.slice(0, 4),
      issueMonth: String(Number(fullRecord.validFrom.slice(5, 7))),
      certUrl: `${PAGE}#c=abc`,
      certId: credential.id,
    });
  });

  it("leaves the date out when the holder hides the award date", () => {
    const copy = disclose(anchored(), [], { hide: ["/validFrom"] });
    const url = new URL(linkedInAddUrl(linkedInCertificationOf(copy, PAGE)));
    expect(url.searchParams.has("issueYear")).to.equal(false);
    expect(url.searchParams.has("issueMonth")).to.equal(false);
  });
});
