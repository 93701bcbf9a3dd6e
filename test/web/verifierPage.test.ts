// The web verifier page in a real browser: the built page (one HTML file), served over http and
// opened from file://, verifying credentials anchored on a running `hardhat node` with its own
// RPC calls from the browser, trusting only the registries set in its settings. Drives Debian's
// Chromium through playwright-core (no browser download) with test/web/pageHarness.ts;
// screenshots go to test-artifacts/web-verifier-*.png.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ed25519 } from "@noble/curves/ed25519.js";
import { expect } from "chai";
import type { Page } from "playwright-core";
import { ABI_VERSION } from "../../scripts/lib/deployment.ts";
import {
  type CredanchorCredential,
  type CredanchorCredentialV2,
  disclose,
} from "../../src/credential/index.ts";
import {
  createEddsaProof,
  didKeyFromPublicKey,
  verificationMethodOf,
} from "../../src/dataIntegrity/index.ts";
import { CHECK_IDS } from "../../src/verifier/index.ts";
import { freePort } from "../deploy/hardhatNode.ts";
import {
  type AnchoredCredentials,
  BIDI_RESULT,
  BODY_JURISDICTION,
  BODY_NAME,
  ISSUER_NAME,
  OTHER_NAME,
} from "./anchoredCredentials.ts";
import { FINISHED, usePageHarness } from "./pageHarness.ts";

/** What the verifier calls the genuine registry when the user trusts it (as the harness's trust). */
const GENUINE_LABEL = "Northwind test registries";
/** Banner text colours of style.css: --good, and --untrusted (neither green nor red). */
const GOOD_COLOUR = "rgb(6, 118, 71)";
const UNTRUSTED_COLOUR = "rgb(122, 31, 92)";

describe("web verifier page", function () {
  this.timeout(60_000);

  const credentials = new Map<string, CredanchorCredential | CredanchorCredentialV2>();
  const web = usePageHarness({ files: credentialFiles });

  /** The files served under /credentials/, kept here too for the tests that drop or paste them. */
  async function credentialFiles(chain: AnchoredCredentials) {
    const [valid, other, revoked] = chain.credentials;
    const tampered = structuredClone(valid!);
    tampered.credentialSubject.achievement.name = "MEng Mechatronics with Distinction";
    credentials.set("valid.json", valid!);
    credentials.set("tampered.json", tampered);
    credentials.set("revoked.json", revoked!);
    credentials.set("disclosed.json", disclose(other!, ["/credentialSubject/result"]));
    credentials.set(
      "undated.json",
      disclose(valid!, ["/credentialSubject/result"], { hide: ["/validFrom"] }),
    );
    credentials.set("misnamed.json", chain.misnamed);
    credentials.set("bidi.json", chain.bidi);
    credentials.set("forged.json", chain.forged);
    credentials.set("forged-address.json", chain.forgedAddress);
    credentials.set("valid-v2.json", chain.v2);
    credentials.set("other-issuer.json", (await otherIssuersBadge()) as never);
    return credentials as Map<string, unknown>;
  }

  /**
   * Opens the page and types the settings a user would (which the page remembers): the node's
   * RPC URL and, unless `trust` is null, a trusted registry (the genuine one by default). Then
   * goes to `url` (a link to the page).
   */
  async function openPage(url = web.pageUrl(), trust: string | null = web.trust): Promise<Page> {
    return web.open(url, { trust });
  }

  const statusOf = (page: Page) => web.statusOf(page);

  async function resultsOf(page: Page): Promise<Record<string, string | null>> {
    return page.$$eval("[data-check]", (items) =>
      Object.fromEntries(
        items.map((item) => [item.getAttribute("data-check"), item.getAttribute("data-result")]),
      ),
    );
  }

  /** The value column of the disclosed-fields row for exactly `pointer`, or null. */
  async function fieldValue(page: Page, pointer: string): Promise<string | null> {
    return page.$$eval(
      ".fields tbody tr",
      (rows, wanted) => {
        const row = rows.find(
          (r) => r.querySelector("th")?.getAttribute("data-pointer") === wanted,
        );
        return row?.querySelector("td")?.textContent ?? null;
      },
      pointer,
    );
  }

  /** The "Trusting: …" lines shown in the settings (where) or next to the result. */
  async function trustLines(page: Page, where: "settings" | "result"): Promise<string[]> {
    const list = where === "settings" ? "#settings-trust-lines" : "#result-trust";
    return page.$$eval(`${list} li`, (items) => items.map((item) => item.textContent ?? ""));
  }

  /** How the finished banner looks: its classes and its computed text and border colours. */
  async function bannerLook(page: Page) {
    await page.waitForSelector(FINISHED);
    return page.$eval("#status", (banner) => {
      const style = getComputedStyle(banner);
      return {
        classes: banner.className.split(/\s+/),
        color: style.color,
        border: style.borderTopColor,
      };
    });
  }

  /** Drops `name` onto the page as a file dragged from the desktop would be. */
  async function dropFile(page: Page, name: string): Promise<void> {
    const text = JSON.stringify(credentials.get(name), null, 2);
    const dataTransfer = await page.evaluateHandle(
      ([fileName, content]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], fileName, { type: "application/json" }));
        return transfer;
      },
      [name, text] as const,
    );
    await page.dispatchEvent("#drop-zone", "dragenter", { dataTransfer });
    await page.dispatchEvent("#drop-zone", "drop", { dataTransfer });
  }

  /** Saves a full-page screenshot to test-artifacts/web-verifier-<name>.png, checked a PNG. */
  async function screenshot(page: Page, name: string): Promise<void> {
    await web.screenshot(page, `web-verifier-${name}`);
  }

  function linkTo(name: string): string {
    return `#url=${encodeURIComponent(`${web.host.url}/credentials/${name}`)}`;
  }

  it("builds to one self-contained HTML file that needs no Node built-in", async () => {
    expect(await readdir(web.pageDir)).to.deep.equal(["index.html"]);
    const html = await readFile(path.join(web.pageDir, "index.html"), "utf8");
    expect(html).to.not.match(/<script[^>]+src=|<link[^>]+stylesheet/);
    expect(html).to.not.include("__vite-browser-external");
    expect(html).to.match(/<script type="module">/);
  });

  it("is called from any origin by the hardhat node's CORS headers", async () => {
    const preflight = await fetch(web.node.url, {
      method: "OPTIONS",
      headers: {
        origin: "null",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.ok).to.equal(true);
    expect(preflight.headers.get("access-control-allow-origin")).to.equal("*");
    expect(preflight.headers.get("access-control-allow-headers")).to.equal("*");
  });

  for (const origin of ["http", "file"] as const) {
    describe(origin === "http" ? "served over http" : "opened from file://", () => {
      const pageUrl = () => web.pageUrl(origin);

      it("shows a dropped genuine credential as valid, with the registry's names", async () => {
        const page = await openPage(pageUrl());
        await dropFile(page, "valid.json");
        expect(await statusOf(page)).to.equal("valid");
        expect(await page.textContent("#status-title")).to.equal("Valid");
        // A v1 file is unsigned: its signature and signing key are not checked.
        expect(await resultsOf(page)).to.deep.equal(
          Object.fromEntries(
            CHECK_IDS.map((id) => [
              id,
              id === "signature" || id === "signing-key" ? "skipped" : "pass",
            ]),
          ),
        );
        expect(await trustLines(page, "result")).to.deep.equal([
          `Trusting: ${GENUINE_LABEL} on eip155:31337`,
        ]);
        expect(await page.textContent("#issued-by")).to.equal(
          `Issued by ${ISSUER_NAME} (${web.chain.university}), accredited by ${BODY_NAME} (${BODY_JURISDICTION}) for BachelorDegree when it was anchored.`,
        );
        const facts = await page.textContent(".facts");
        expect(facts).to.include(ISSUER_NAME).and.include(web.chain.university);
        expect(facts)
          .to.include(web.chain.body)
          .and.include(web.chain.genuine.credentialRegistry)
          .and.include(GENUINE_LABEL)
          .and.include("eip155:31337");
        expect(facts).to.not.include("unproven");
        expect(await fieldValue(page, "/credentialSubject/achievement/name")).to.equal(
          "BEng Mechatronics",
        );
        const look = await bannerLook(page);
        expect(look.classes).to.include("banner--good");
        expect(look.color).to.equal(GOOD_COLOUR);
        await screenshot(page, `${origin}-valid`);
      });

      it("shows a signed v2 credential as valid, its signature and signing key checked", async () => {
        const page = await openPage(pageUrl());
        await dropFile(page, "valid-v2.json");
        expect(await statusOf(page)).to.equal("valid");
        expect(Object.values(await resultsOf(page))).to.deep.equal(CHECK_IDS.map(() => "pass"));
        expect(await page.textContent("#issued-by")).to.equal(
          `Issued by ${ISSUER_NAME} (${web.chain.university}), accredited by ${BODY_NAME} (${BODY_JURISDICTION}) for BachelorDegree when it was anchored.`,
        );
      });

      it("shows a pasted credential with a changed claim as invalid, its issuer name unproven", async () => {
        const page = await openPage(pageUrl());
        await page.fill("#credential-json", JSON.stringify(credentials.get("tampered.json")));
        await page.click("#verify-button");
        expect(await statusOf(page)).to.equal("invalid");
        expect(await page.textContent("#status-title")).to.equal("Invalid");
        expect((await resultsOf(page)).integrity).to.equal("fail");
        expect(await page.textContent("#file-issuer-name")).to.equal(
          `name in the file (unproven): ${ISSUER_NAME}`,
        );
        expect(await page.$("#issued-by")).to.equal(null);
        await screenshot(page, `${origin}-invalid`);
      });

      it("shows a revoked credential opened by link as revoked", async () => {
        const link = encodeURIComponent(`${web.host.url}/credentials/revoked.json`);
        const url = origin === "http" ? `#url=${link}` : `?credential=${link}`;
        const page = await openPage(`${pageUrl()}${url}`);
        expect(await statusOf(page)).to.equal("revoked");
        expect(await page.textContent("#status-title")).to.equal("Revoked");
        expect(await resultsOf(page)).to.include({ revocation: "fail", integrity: "pass" });
        expect(await page.textContent(".facts")).to.include(
          `${web.host.url}/credentials/revoked.json`,
        );
        await screenshot(page, `${origin}-revoked`);
      });

      it("shows a genuine credential as untrusted-registry while no registry is trusted", async () => {
        const page = await openPage(pageUrl(), null);
        expect(await trustLines(page, "settings")).to.deep.equal([
          "Trusting no registry: every credential will be untrusted-registry",
        ]);
        await dropFile(page, "valid.json");
        expect(await statusOf(page)).to.equal("untrusted-registry");
        expect(await page.textContent("#status-title")).to.equal(
          "Not verified: untrusted registry",
        );
        expect((await resultsOf(page)).trust).to.equal("fail");
        expect(await page.textContent("#status .banner__cause")).to.include(
          web.chain.genuine.credentialRegistry,
        );
        expect(await page.textContent("#how-to-trust")).to.include(
          `eip155:31337:${web.chain.genuine.credentialRegistry}=<who runs it>`,
        );
        expect(await page.textContent("#file-issuer-name")).to.include("(unproven)");
        const look = await bannerLook(page);
        expect(look.classes).to.include("banner--untrusted").and.not.include("banner--good");
        expect(look.color).to.equal(UNTRUSTED_COLOUR).and.not.equal(GOOD_COLOUR);
        expect(look.border).to.equal(UNTRUSTED_COLOUR);
        await screenshot(page, `${origin}-untrusted-registry`);

        // Doing what the page says: trusting the registry on purpose, in the settings.
        await page.fill("#trusted-registries", web.trust);
        await page.click("#verify-button");
        expect(await statusOf(page)).to.equal("valid");
      });
    });
  }

  describe("trust", () => {
    it("shows a stranger's forgery opened by link as untrusted-registry with default settings", async () => {
      const page = await openPage(`${web.host.url}/${linkTo("forged.json")}`, null);
      expect(await statusOf(page)).to.equal("untrusted-registry");
      expect(await page.textContent("#status .banner__cause")).to.include(
        web.chain.stranger.credentialRegistry,
      );
      expect(await page.$("#issued-by")).to.equal(null);
      expect(await page.textContent("#file-issuer-name")).to.equal(
        `name in the file (unproven): ${ISSUER_NAME}`,
      );
      expect(await page.textContent("#status")).to.not.include("Valid");
      const look = await bannerLook(page);
      expect(look.classes).to.include("banner--untrusted");
      expect(look.color).to.equal(UNTRUSTED_COLOUR);
      await screenshot(page, "forged-default");
    });

    for (const forgery of ["forged.json", "forged-address.json"]) {
      it(`shows ${forgery} as untrusted-registry with the genuine registry trusted`, async () => {
        const page = await openPage(`${web.host.url}/${linkTo(forgery)}`);
        expect(await trustLines(page, "settings")).to.deep.equal([
          `Trusting: ${GENUINE_LABEL} on eip155:31337`,
        ]);
        expect(await statusOf(page)).to.equal("untrusted-registry");
        expect((await resultsOf(page)).trust).to.equal("fail");
        expect(await page.textContent("#status .banner__cause")).to.include(
          web.chain.stranger.credentialRegistry,
        );
        expect(await page.$("#issued-by")).to.equal(null);
        expect(await page.textContent(".facts")).to.not.include(BODY_NAME);
        const look = await bannerLook(page);
        expect(look.classes).to.include("banner--untrusted");
        await screenshot(page, `${forgery.replace(".json", "")}-genuine-trusted`);
      });
    }

    it("takes no trust from the link that opened it", async () => {
      const trustTheStranger = encodeURIComponent(
        `eip155:31337:${web.chain.stranger.credentialRegistry}=${GENUINE_LABEL}`,
      );
      const link = `${linkTo("forged.json")}&trust=${trustTheStranger}&trusted-registries=${trustTheStranger}`;
      const page = await openPage(`${web.host.url}/?trust=${trustTheStranger}${link}`, null);
      expect(await statusOf(page)).to.equal("untrusted-registry");
      expect(await page.inputValue("#trusted-registries")).to.equal("");
      expect(await trustLines(page, "settings")).to.deep.equal([
        "Trusting no registry: every credential will be untrusted-registry",
      ]);
      expect(await trustLines(page, "result")).to.deep.equal([
        "Trusting no registry: every credential will be untrusted-registry",
      ]);
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      expect(stored).to.not.include(web.chain.stranger.credentialRegistry);
    });

    it("trusts a registry loaded from its deployments file, until it is removed", async () => {
      const page = await openPage(`${web.host.url}/`, null);
      const record = {
        network: "localhost",
        chainId: web.chain.genuine.chainId,
        contracts: {
          AccreditationRegistry: {
            address: web.chain.genuine.accreditationRegistry,
            deployBlock: web.chain.genuine.deployBlock,
          },
          CredentialRegistry: {
            address: web.chain.genuine.credentialRegistry,
            deployBlock: web.chain.genuine.deployBlock,
          },
        },
        abiVersion: ABI_VERSION,
        label: "Northwind deployments file",
      };
      await page.setInputFiles("#deployment-file", {
        name: "localhost.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(record)),
      });
      await page.waitForSelector("#trusted-deployments li, #form-error:not([hidden])");
      const formError = await page.textContent("#form-error");
      expect(await page.isHidden("#form-error"), formError ?? "").to.equal(true);
      expect(await trustLines(page, "settings")).to.deep.equal([
        "Trusting: Northwind deployments file on eip155:31337",
      ]);
      await dropFile(page, "valid.json");
      expect(await statusOf(page)).to.equal("valid");

      await page.reload();
      expect(await trustLines(page, "settings")).to.deep.equal([
        "Trusting: Northwind deployments file on eip155:31337",
      ]);
      await page.click("#trusted-deployments button");
      expect(await trustLines(page, "settings")).to.deep.equal([
        "Trusting no registry: every credential will be untrusted-registry",
      ]);
    });

    it("names the line of a trusted registry that is not one instead of verifying", async () => {
      const page = await openPage(`${web.host.url}/`, `${web.trust}\nNorthwind`);
      expect(await page.textContent("#trust-error")).to.match(/^Trusted registries, line 2: /);
      await page.fill("#credential-json", JSON.stringify(credentials.get("valid.json")));
      await page.click("#verify-button");
      const error = await page.waitForSelector("#form-error:not([hidden])");
      expect(await error.textContent()).to.match(/^Trusted registries, line 2: "Northwind"/);
      expect(await page.isHidden("#result")).to.equal(true);
    });
  });

  describe("other issuers' Open Badges", () => {
    it("checks another issuer's did:key signature and calls the badge not accredited, never valid", async () => {
      const page = await openPage();
      await dropFile(page, "other-issuer.json");
      expect(await statusOf(page)).to.equal("not-accredited");
      const results = await resultsOf(page);
      expect(results.signature).to.equal("pass");
      expect(results.trust).to.equal("fail");
      expect(results.anchor).to.equal("skipped");
      await screenshot(page, "other-issuer");
    });
  });

  describe("names and text from the credential", () => {
    it("warns above the details when the file's issuer name is not the registry's", async () => {
      const page = await openPage();
      await dropFile(page, "misnamed.json");
      await page.waitForSelector(FINISHED);
      const warning = await page.waitForSelector('[data-warning="ISSUER_NAME_DIFFERS"]');
      expect(await warning.isVisible()).to.equal(true);
      expect(await warning.getAttribute("class")).to.include("warning--strong");
      expect(await warning.textContent()).to.include(OTHER_NAME);
      const aboveChecks = await page.$eval("#warnings", (warnings) =>
        Boolean(
          warnings.compareDocumentPosition(document.getElementById("checks-title")!) &
            Node.DOCUMENT_POSITION_FOLLOWING,
        ),
      );
      expect(aboveChecks, "the warning comes before the checks").to.equal(true);
      expect(await page.textContent("#issued-by")).to.include(`Issued by ${ISSUER_NAME} (`);
      expect(await page.textContent("#file-issuer-name")).to.equal(
        `name in the file (unproven): ${OTHER_NAME}`,
      );
      await screenshot(page, "issuer-name-differs");
    });

    it("shows bidirectional characters in a field as marks, never as themselves", async () => {
      const page = await openPage();
      await dropFile(page, "bidi.json");
      await page.waitForSelector(FINISHED);
      expect(await fieldValue(page, "/credentialSubject/result/0/value")).to.equal(
        BIDI_RESULT.replace("\u202E", "U+202E"),
      );
      expect(
        await page.$$eval(".fields mark.unsafe-char", (marks) => marks.map((m) => m.textContent)),
      ).to.deep.equal(["U+202E"]);
      const shown = await page.textContent("#result");
      expect(shown).to.not.include("\u202E");
      expect(await page.isVisible('[data-warning="CONTROL_CHARACTERS"]')).to.equal(true);
      await screenshot(page, "bidi-marked");
    });

    it("shows a bidirectional character in the file's issuer name as a mark", async () => {
      const page = await openPage();
      const renamed = structuredClone(credentials.get("valid.json")!);
      renamed.issuer.name = "Northwind\u202E cinhcetyloP";
      await page.fill("#credential-json", JSON.stringify(renamed));
      await page.click("#verify-button");
      expect(await statusOf(page)).to.equal("invalid");
      expect(await page.textContent("#file-issuer-name")).to.equal(
        "name in the file (unproven): NorthwindU+202E cinhcetyloP",
      );
      expect(
        await page.$$eval("#file-issuer-name mark.unsafe-char", (marks) => marks.length),
      ).to.equal(1);
      expect(await page.textContent("#result")).to.not.include("\u202E");
    });

    it("marks the fields a disclosed copy leaves out as hidden by the holder", async () => {
      const page = await openPage();
      await page.setInputFiles("#file-input", {
        name: "disclosed.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(credentials.get("disclosed.json"))),
      });
      expect(await statusOf(page)).to.equal("valid");
      expect(await fieldValue(page, "/credentialSubject/identifier/0/identityHash")).to.equal(
        "hidden by the holder",
      );
      expect(await fieldValue(page, "/credentialSubject/result/0/value")).to.equal(
        "Upper second class",
      );
      expect(await page.textContent('[data-warning="RECIPIENT_HIDDEN"]')).to.include(
        "This copy does not say whom it was issued to",
      );
    });
  });

  describe("award date hidden by the holder", () => {
    it("says so next to the result, with what the anchoring time still tells", async () => {
      const page = await openPage(`${web.host.url}/${linkTo("undated.json")}`);
      expect(await statusOf(page)).to.equal("valid");
      expect((await resultsOf(page))["validity-period"]).to.equal("pass");
      const note = (await page.textContent("#award-date-hidden")) ?? "";
      expect(note).to.include("Award date hidden by the holder");
      expect(note).to.include("anchored on").and.to.include("public on the chain");
      expect(await page.textContent('[data-check="validity-period"]')).to.include(
        "Award date hidden by the holder",
      );
      expect(await fieldValue(page, "/validFrom")).to.equal("hidden by the holder");
      expect(await page.$('#result time[datetime^="2025-07-14"]')).to.equal(null);
      await screenshot(page, "award-date-hidden");
    });
  });

  describe("input and settings", () => {
    it("reports unverifiable, not invalid, when the RPC endpoint is down", async () => {
      const page = await openPage();
      await page.fill("#rpc-url", `http://127.0.0.1:${await freePort()}`);
      await dropFile(page, "valid.json");
      expect(await statusOf(page)).to.equal("unverifiable");
      expect((await resultsOf(page)).chain).to.equal("error");
      await screenshot(page, "unverifiable");
    });

    it("remembers the RPC URL and the trusted registries for the next visit", async () => {
      const page = await openPage();
      await page.reload();
      expect(await page.inputValue("#rpc-url")).to.equal(web.node.url);
      expect(await page.inputValue("#trusted-registries")).to.equal(web.trust);
      expect(await trustLines(page, "settings")).to.deep.equal([
        `Trusting: ${GENUINE_LABEL} on eip155:31337`,
      ]);
    });

    it("shows not accredited when no trusted body accredits the issuer", async () => {
      const page = await openPage();
      await page.fill("#trusted-bodies", "0x00000000000000000000000000000000000b0d1e");
      await dropFile(page, "valid.json");
      expect(await statusOf(page)).to.equal("not-accredited");
      expect(await page.textContent("#status-title")).to.equal("Not accredited");
      expect((await resultsOf(page))["accreditation-at-anchoring"]).to.equal("fail");
      await screenshot(page, "not-accredited");
    });

    it("names a trusted body that is not an address instead of verifying", async () => {
      const page = await openPage();
      await page.fill("#trusted-bodies", `${web.chain.body}\nNorthwind Accreditation Board`);
      await page.fill("#credential-json", JSON.stringify(credentials.get("valid.json")));
      await page.click("#verify-button");
      const error = await page.waitForSelector("#form-error:not([hidden])");
      expect(await error.textContent()).to.match(/Trusted body 2 .* is not an address/);
      expect(await page.isHidden("#result")).to.equal(true);
    });
  });
});

/** Another issuer's Open Badge: OB 3.0, no status, signed eddsa-rdfc-2022 by a fresh did:key. */
async function otherIssuersBadge(): Promise<Record<string, unknown>> {
  const seed = new Uint8Array(32).fill(11);
  const did = didKeyFromPublicKey(ed25519.getPublicKey(seed));
  const document = {
    "@context": [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    id: "urn:uuid:0b6f4e2a-8c1d-4f3a-9b7e-5d2c1a0f9e84",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "Open Data Practitioner",
    issuer: { id: did, type: ["Profile"], name: "Badge Makers Guild" },
    validFrom: "2025-03-01T00:00:00Z",
    credentialSubject: {
      id: "did:example:learner-7",
      type: ["AchievementSubject"],
      achievement: {
        id: "https://badges.example/achievements/open-data",
        type: ["Achievement"],
        name: "Open Data Practitioner",
        description: "Publishes data sets with licences and provenance.",
        criteria: { narrative: "Publish three data sets reviewed by a peer." },
      },
    },
  };
  const proof = await createEddsaProof(document, {
    verificationMethod: verificationMethodOf(did),
    created: "2025-03-01T09:00:00Z",
    sign: (message) => ed25519.sign(message, seed),
  });
  return { ...document, proof };
}
