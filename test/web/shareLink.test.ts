// Share links opened in the verifier page in a real browser (Debian's Chromium via playwright-core),
// as an employer opens the link a graduate sent: the credential inside the link, or an encrypted
// copy fetched from a trustless gateway on 127.0.0.1 (test/share/localGateway.ts, started here),
// verified against the registries on a running `hardhat node`. Screenshots go to
// test-artifacts/web-share-*.png.
import { expect } from "chai";
import type { Page } from "playwright-core";
import { disclose } from "../../src/credential/index.ts";
import { shareLink } from "../../src/share/index.ts";
import { startLocalGateway } from "../share/localGateway.ts";
import { usePageHarness } from "./pageHarness.ts";

describe("web verifier page: share links", function () {
  this.timeout(60_000);
  const web = usePageHarness({ gateway: true });

  const pageUrlFor = (origin: "http" | "file") => web.pageUrl(origin);

  /** Sets the verifier's own RPC URL and trusted registry (as a user does once), then opens `link`. */
  const openLink = (link: string): Promise<Page> => web.open(link);
  const statusOf = (page: Page) => web.statusOf(page);
  const screenshot = async (page: Page, name: string) => {
    await web.screenshot(page, `web-share-${name}`);
  };

  for (const origin of ["http", "file"] as const) {
    describe(origin === "http" ? "served over http" : "opened from file://", () => {
      it("shows a credential carried in the link as valid, and says the link cannot be taken back", async () => {
        const link = await shareLink(web.chain.credentials[0]!, {
          pageUrl: pageUrlFor(origin),
          kind: "inline",
        });
        const page = await openLink(link);
        expect(await statusOf(page)).to.equal("valid");
        expect(await page.isVisible("#share-note")).to.equal(true);
        expect(await page.textContent("#share-note")).to.include("carries the credential itself");
        expect(await page.textContent("#share-note")).to.include("cannot be taken back");
        await screenshot(page, `${origin}-inline`);
      });

      it("fetches an encrypted copy from a trustless gateway, decrypts it and shows it as valid", async () => {
        const seen = web.gateway.requests.length;
        const link = await shareLink(web.chain.credentials[1]!, {
          pageUrl: pageUrlFor(origin),
          kind: "ipfs",
          store: web.gateway,
          gateways: [web.gateway.url],
        });
        const page = await openLink(link);
        expect(await statusOf(page)).to.equal("valid");
        const cid = new URLSearchParams(link.slice(link.indexOf("#") + 1)).get("cid")!;
        expect(web.gateway.requests.slice(seen)).to.include(`/ipfs/${cid}?format=raw`);
        const note = await page.textContent("#share-note");
        expect(note).to.include(cid).and.include("decrypted in this page");
        expect(note).to.include("credanchor unshare");
        await screenshot(page, `${origin}-ipfs`);
      });
    });
  }

  it("shows a signed v2 credential opened by share link as valid, its signature checked", async () => {
    const link = await shareLink(web.chain.v2, { pageUrl: pageUrlFor("http"), kind: "inline" });
    const page = await openLink(link);
    expect(await statusOf(page)).to.equal("valid");
    expect(await page.getAttribute('[data-check="signature"]', "data-result")).to.equal("pass");
  });

  it("shows a disclosed copy shared through IPFS as valid, without the claims the holder hid", async () => {
    const copy = disclose(web.chain.credentials[0]!, ["/credentialSubject/result"]);
    const link = await shareLink(copy, {
      pageUrl: pageUrlFor("http"),
      kind: "ipfs",
      store: web.gateway,
      gateways: [web.gateway.url],
    });
    const page = await openLink(link);
    expect(await statusOf(page)).to.equal("valid");
    expect(await page.textContent("#result")).to.not.include("Holder 0");
    expect(await page.textContent("#result")).to.include("Upper second class");
  });

  it("says the copy is gone, with no verdict, once the holder took it down", async () => {
    const link = await shareLink(web.chain.credentials[0]!, {
      pageUrl: pageUrlFor("http"),
      kind: "ipfs",
      store: web.gateway,
      gateways: [web.gateway.url],
    });
    web.gateway.remove(new URLSearchParams(link.slice(link.indexOf("#") + 1)).get("cid")!);
    const page = await openLink(link);
    await page.waitForSelector("#form-error:not([hidden])");
    expect(await page.textContent("#form-error")).to.include("no longer on IPFS");
    expect(await page.isVisible("#status")).to.equal(false);
  });

  it("says the copy could not be fetched, never invalid, when its gateway is down", async () => {
    const dead = await startLocalGateway();
    await dead.close();
    const link = await shareLink(web.chain.credentials[0]!, {
      pageUrl: pageUrlFor("http"),
      kind: "ipfs",
      store: web.gateway,
      gateways: [dead.url],
    });
    const page = await openLink(link);
    await page.waitForSelector("#form-error:not([hidden])");
    expect(await page.textContent("#form-error")).to.include(
      "Could not fetch the shared copy, which says nothing about the credential",
    );
    expect(await page.isVisible("#status")).to.equal(false);
  });

  it("lets a holder who pasted their file make a share link that opens as valid, and a LinkedIn link to it", async () => {
    const credential = web.chain.credentials[0]!;
    const page = await openLink(`${web.host.url}/#`);
    await page.fill("#credential-json", JSON.stringify(credential, null, 2));
    await page.click("#verify-button");
    expect(await statusOf(page)).to.equal("valid");
    expect(await page.textContent("#share-panel")).to.include("cannot be taken back");
    await page.click("#make-share-link");
    await page.waitForSelector("#share-link:visible");
    const link = await page.inputValue("#share-link");
    expect(link.startsWith(`${web.host.url}/#c=`)).to.equal(true);
    const linkedIn = new URL((await page.getAttribute("#share-linkedin", "href"))!);
    expect(linkedIn.searchParams.get("certUrl")).to.equal(link);
    expect(linkedIn.searchParams.get("certId")).to.equal(credential.id);
    await screenshot(page, "make-link");

    const employer = await openLink(link);
    expect(await statusOf(employer)).to.equal("valid");
  });

  it("warns a holder on a page opened from a file that its links open only on that computer", async () => {
    const page = await openLink(`${pageUrlFor("file")}#`);
    await page.fill("#credential-json", JSON.stringify(web.chain.credentials[0]!));
    await page.click("#verify-button");
    expect(await statusOf(page)).to.equal("valid");
    expect(await page.textContent("#share-warning")).to.include("opens only here");
  });

  it("names a link cut short, with no verdict", async () => {
    const link = await shareLink(web.chain.credentials[0]!, {
      pageUrl: pageUrlFor("http"),
      kind: "inline",
    });
    const page = await openLink(link.slice(0, -60));
    await page.waitForSelector("#form-error:not([hidden])");
    expect(await page.textContent("#form-error")).to.include("share link cannot be opened");
    expect(await page.isVisible("#status")).to.equal(false);
  });
});
