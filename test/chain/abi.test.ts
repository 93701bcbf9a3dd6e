import { readFile } from "node:fs/promises";
import { expect } from "chai";
import { accreditationRegistryAbi, credentialRegistryAbi } from "../../src/chain/abi.ts";
import { REGISTRY_BYTECODE } from "../../src/chain/registryBytecode.ts";

const artifactAbi = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(`artifacts/contracts/${name}.sol/${name}.json`, "utf8")).abi;

describe("chain/abi", () => {
  it("carries the CredentialRegistry ABI of the compiled contract (run scripts/export-abi.ts after changing it)", async () => {
    expect(credentialRegistryAbi).to.deep.equal(await artifactAbi("CredentialRegistry"));
  });

  it("carries the AccreditationRegistry ABI of the compiled contract", async () => {
    expect(accreditationRegistryAbi).to.deep.equal(await artifactAbi("AccreditationRegistry"));
  });

  it("carries the registries' creation bytecode of the compiled contracts", async () => {
    for (const name of ["AccreditationRegistry", "CredentialRegistry"] as const) {
      const artifact = JSON.parse(
        await readFile(`artifacts/contracts/${name}.sol/${name}.json`, "utf8"),
      );
      expect(REGISTRY_BYTECODE[name], name).to.equal(artifact.bytecode);
    }
  });
});
