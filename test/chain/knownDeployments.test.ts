// The known deployments ship as data generated from deployments/*.json; this keeps the two in
// step and keeps development chains out of what a verifier trusts by default.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { DEVELOPMENT_CHAIN_IDS, renderKnownDeployments } from "../../scripts/export-deployments.ts";
import { KNOWN_DEPLOYMENTS } from "../../src/chain/index.ts";

const record = (chainId: number, extra: Record<string, unknown> = {}) => ({
  network: `net-${chainId}`,
  chainId,
  contracts: {
    AccreditationRegistry: {
      address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      deployBlock: 7,
    },
    CredentialRegistry: { address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", deployBlock: 8 },
  },
  abiVersion: "credanchor-registry/3",
  ...extra,
});

describe("chain/knownDeployments", () => {
  it("matches deployments/*.json (run scripts/export-deployments.ts after deploying)", async () => {
    const committed = await readFile("src/chain/knownDeployments.ts", "utf8");
    expect(committed).to.equal(await renderKnownDeployments());
  });

  it("lists no development chain", () => {
    const dev = KNOWN_DEPLOYMENTS.filter((d) => DEVELOPMENT_CHAIN_IDS.includes(d.chainId));
    expect(dev).to.deep.equal([]);
  });

  it("renders public chains with their label and leaves development chains out", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "credanchor-deployments-"));
    try {
      await writeFile(path.join(dir, "localhost.json"), JSON.stringify(record(31337)));
      await writeFile(
        path.join(dir, "base.json"),
        JSON.stringify(record(8453, { label: "Ruritania Ministry of Education" })),
      );
      const module = await renderKnownDeployments(dir);
      expect(module).to.contain('"label": "Ruritania Ministry of Education"');
      expect(module).to.contain('"chainId": 8453');
      expect(module).to.contain('"deployBlock": 8');
      expect(module).to.not.contain("31337");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a public deployment that does not say who runs it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "credanchor-deployments-"));
    try {
      await writeFile(path.join(dir, "base.json"), JSON.stringify(record(8453)));
      const error = await renderKnownDeployments(dir).catch((e: Error) => e);
      expect((error as Error).message).to.contain('deployments/base.json: field "label"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
