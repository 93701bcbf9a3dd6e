// The certificate as the holder page, the verifier page and the PDF draw it: the default diploma
// and an issuer's own svg-mustache template filled from a real credential (v2, anchored), full
// and disclosed; every field escaped; the template named by its SHA-256 digestMultibase.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { base58btc } from "multiformats/bases/base58";
import {
  certificateViewOf,
  checkTemplateDigest,
  DEFAULT_TEMPLATE,
  drawCertificate,
  svgRenderingTemplateOf,
  templateDigest,
} from "../../src/certificate/index.ts";
import {
  attachAnchor,
  buildCredential,
  type CredentialRecord,
  disclose,
} from "../../src/credential/index.ts";
import { CredanchorError } from "../../src/errors.ts";
import { anchorV2, contextV2, fullRecord, viaJson } from "../credential/support.ts";

const issued = (record: CredentialRecord = fullRecord) =>
  viaJson(attachAnchor(buildCredential({ record, index: 0, context: contextV2 }), anchorV2));

describe("drawCertificate", () => {
  it("draws the issuer, the holder's name, the achievement, the award date and the results", () => {
    const svg = drawCertificate(issued(), {
      style: { signatory: { name: "Prof. Ada Stone", title: "Registrar" }, title: "Diploma" },
    });
    expect(svg.startsWith("<svg ")).to.equal(true);
    for (const text of [
      ">Northwind Polytechnic</text>",
      ">Diploma</text>",
      ">Tomás Okonkwo-Ribeiro</text>",
      ">BEng Mechatronics</text>",
      // 2025-07-14T10:30:00+02:00 is 14 July in UTC, as the file states it.
      ">14 July 2025</text>",
      ">Classification: Upper second class</tspan>",
      ">Final design project: 74</tspan>",
      ">Placement year: Completed</tspan>",
      ">180 credits</tspan>",
      ">Prof. Ada Stone</text>",
      ">Registrar</text>",
      // No logo given: a seal of the issuer's initials.
      ">NP</text>",
    ]) {
      expect(svg, text).to.include(text);
    }
    expect(svg).to.not.include("{{");
  });

  it("says the holder hid their name, and draws no result the holder hid", () => {
    const copy = disclose(issued(), ["/credentialSubject/achievement/name"]);
    const view = certificateViewOf(copy);
    expect(view.holder).to.deep.equal({ name: "(name hidden by the holder)", hidden: true });
    expect(view.results).to.deep.equal([]);
    const svg = drawCertificate(copy);
    expect(svg).to.include(">(name hidden by the holder)</text>");
    expect(svg).to.include(">BEng Mechatronics</text>");
    expect(svg).to.not.include("Okonkwo");
    expect(svg).to.not.include("Upper second class");
  });

  it("prints the first three results and counts the others", () => {
    const results = Array.from({ length: 5 }, (_, i) => ({
      name: `Module ${i}`,
      value: `${60 + i}`,
    }));
    const view = certificateViewOf(issued({ ...fullRecord, results }));
    expect(view.results.map((r) => r.value)).to.deep.equal(["60", "61", "62"]);
    expect(view.moreResults).to.equal("and 2 more results in the credential");
  });

  it("speaks French when asked: its words and the date", () => {
    const svg = drawCertificate(issued(), { language: "fr-CA" });
    expect(svg).to.include('lang="fr"');
    expect(svg).to.include(">Il est certifié que</text>");
    expect(svg).to.include(">14 juillet 2025</text>");
    expect(svg).to.include(">Certificat</text>");
  });

  it("draws markup and bidirectional overrides in a field as plain text", () => {
    const svg = drawCertificate(
      issued({ ...fullRecord, holderName: 'Eve <tspan fill="red">Mallory</tspan> & "Co"\u202E' }),
    );
    expect(svg).to.include(
      ">Eve &lt;tspan fill=&quot;red&quot;&gt;Mallory&lt;/tspan&gt; &amp; &quot;Co&quot;</text>",
    );
    expect(svg).to.not.include("\u202E");
  });

  it("fills an issuer's own template from the credential's members and the certificate view", () => {
    const template =
      '<svg xmlns="http://www.w3.org/2000/svg"><text>{{issuer.name}}|{{credentialSubject.achievement.fieldOfStudy}}|{{certificate.holder.name}}</text>{{#certificate.results}}<text>{{name}}={{value}}</text>{{/certificate.results}}{{^certificate.signatory}}<text>unsigned</text>{{/certificate.signatory}}</svg>';
    expect(drawCertificate(issued(), { template })).to.equal(
      '<svg xmlns="http://www.w3.org/2000/svg"><text>Northwind Polytechnic|Mechatronics|Tomás Okonkwo-Ribeiro</text><text>Classification=Upper second class</text><text>Final design project=74</text><text>Placement year=Completed</text><text>unsigned</text></svg>',
    );
  });

  it("refuses a template with an unclosed section or an unescaped value", () => {
    for (const template of [
      "<svg>{{#certificate.results}}<text/></svg>",
      "<svg>{{/certificate.results}}</svg>",
      "<svg>{{{certificate.holder.name}}}</svg>",
      "<svg>{{&certificate.holder.name}}</svg>",
      "<svg>{{> partial}}</svg>",
    ]) {
      expect(() => drawCertificate(issued(), { template }), template)
        .to.throw(CredanchorError)
        .with.property("code", "TEMPLATE_INVALID");
    }
  });

  it("refuses what is not a credanchor credential, naming the file", () => {
    expect(() => certificateViewOf({ name: "x" }, { source: "grad.json" })).to.throw(/grad\.json/);
  });
});

describe("SvgRenderingTemplate", () => {
  it("names a template by the multibase SHA-256 multihash of its bytes", () => {
    const multihash = Buffer.concat([
      Buffer.from([0x12, 0x20]),
      createHash("sha256").update(DEFAULT_TEMPLATE, "utf8").digest(),
    ]);
    expect(templateDigest(DEFAULT_TEMPLATE)).to.equal(base58btc.encode(multihash));
    expect(
      svgRenderingTemplateOf(DEFAULT_TEMPLATE, { id: "template.svg", name: "n" }),
    ).to.deep.equal({
      id: "template.svg",
      type: "SvgRenderingTemplate",
      name: "n",
      mediaType: "image/svg+xml",
      digestMultibase: base58btc.encode(multihash),
    });
  });

  it("refuses a template changed after it was named", () => {
    const method = svgRenderingTemplateOf(DEFAULT_TEMPLATE, { id: "template.svg", name: "n" });
    expect(() => checkTemplateDigest(DEFAULT_TEMPLATE, method)).to.not.throw();
    expect(() => checkTemplateDigest(DEFAULT_TEMPLATE.replace("#", "%23"), method))
      .to.throw(CredanchorError)
      .with.property("code", "TEMPLATE_DIGEST_MISMATCH");
  });
});

describe("certificate module", () => {
  it("is browser-safe: what its index loads imports no Node built-in and no PDF library", () => {
    const folder = join(dirname(fileURLToPath(import.meta.url)), "../../src/certificate");
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(join(folder, file), "utf8");
      for (const [, specifier] of source.matchAll(/from "([^"]+)"/g)) {
        expect(specifier, `${file} imports ${specifier}`).to.not.match(/^node:|pdfkit|qrcode/);
        if (specifier!.startsWith("./")) visit(specifier!.slice(2));
      }
    };
    visit("index.ts");
    expect(seen.has("drawCertificate.ts")).to.equal(true);
    expect(seen.has("certificatePdf.ts")).to.equal(false);
  });
});
