// Deployment records on disk: written whole, read back as the one record type, listed by name,
// and refused with the file and field named when they are not records.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import {
  listDeploymentFiles,
  readDeploymentFile,
  writeDeploymentFile,
} from "../../src/chain/deploymentFiles.ts";
import {
  ABI_VERSION,
  type DeploymentRecord,
  parseDeploymentRecord,
} from "../../src/chain/deploymentRecord.ts";

const RECORD: DeploymentRecord = {
  network: "testland",
  label: "Test Ministry",
  chainId: 84532,
  caip2: "eip155:84532",
  contracts: {
    AccreditationRegistry: {
      address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      deployBlock: 7,
      txHash: `0x${"11".repeat(32)}`,
    },
    CredentialRegistry: {
      address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
      deployBlock: 8,
      txHash: `0x${"22".repeat(32)}`,
    },
  },
  abiVersion: ABI_VERSION,
  deployedAt: "2026-01-01T00:00:00.000Z",
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  governance: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  adminDelay: 172800,
  solcVersion: "0.8.30+commit.73712a01",
};

describe("chain/deploymentFiles", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "credanchor-deployments-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads back exactly the record it wrote, as <name>.json", async () => {
    const file = await writeDeploymentFile(RECORD, dir);
    expect(file).to.equal(path.join(dir, "testland.json"));
    expect(await readDeploymentFile("testland", dir)).to.deep.equal(RECORD);
  });

  it("answers undefined for a record that is not there, and lists none in a missing folder", async () => {
    expect(await readDeploymentFile("nowhere", dir)).to.equal(undefined);
    expect(await listDeploymentFiles(path.join(dir, "missing"))).to.deep.equal([]);
  });

  it("lists record names sorted, skipping other files", async () => {
    await writeDeploymentFile({ ...RECORD, network: "b" }, dir);
    await writeDeploymentFile({ ...RECORD, network: "a" }, dir);
    await writeFile(path.join(dir, "notes.txt"), "not a record");
    expect(await listDeploymentFiles(dir)).to.deep.equal(["a", "b"]);
  });

  it("refuses a file that is not JSON, naming it", async () => {
    await writeFile(path.join(dir, "broken.json"), "{");
    const error = await readDeploymentFile("broken", dir).catch((e: unknown) => e);
    expect(error).to.have.property("code", "DEPLOYMENT_INVALID");
    expect((error as Error).message).to.include("broken.json");
  });

  it("refuses a name that cannot be a file name", async () => {
    const error = await readDeploymentFile("../escape", dir).catch((e: unknown) => e);
    expect(error).to.have.property("code", "DEPLOYMENT_NAME_INVALID");
  });
});

describe("chain/deploymentRecord", () => {
  it("accepts a record with only the fields that locate the registries", () => {
    const { network, chainId, contracts, abiVersion } = RECORD;
    const minimal = {
      network,
      chainId,
      abiVersion,
      contracts: {
        AccreditationRegistry: { address: contracts.AccreditationRegistry.address, deployBlock: 7 },
        CredentialRegistry: { address: contracts.CredentialRegistry.address, deployBlock: 8 },
      },
    };
    expect(parseDeploymentRecord(minimal, "minimal.json")).to.deep.equal({
      ...minimal,
      caip2: "eip155:84532",
    });
  });

  it("refuses another ABI generation and a malformed optional field, naming the field", () => {
    expect(() =>
      parseDeploymentRecord({ ...RECORD, abiVersion: "credanchor-registry/1" }, "old.json"),
    ).to.throw(/old.json: field "abiVersion"/);
    expect(() => parseDeploymentRecord({ ...RECORD, governance: "nobody" }, "bad.json")).to.throw(
      /bad.json: field "governance"/,
    );
  });
});
