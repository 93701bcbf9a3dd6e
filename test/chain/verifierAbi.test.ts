import { expect } from "chai";
import { credentialRegistryAbi } from "../../src/chain/abi.ts";
import { credentialRegistryVerifierAbi } from "../../src/chain/verifierAbi.ts";

describe("chain/verifierAbi", () => {
  it("holds only view functions, each equal to its entry of the full CredentialRegistry ABI", () => {
    expect(credentialRegistryVerifierAbi).to.not.be.empty;
    for (const fragment of credentialRegistryVerifierAbi) {
      const full = credentialRegistryAbi.filter(
        (entry) => entry.type === fragment.type && "name" in entry && entry.name === fragment.name,
      );
      expect(full, `${fragment.name} in src/chain/abi.ts`).to.have.length(1);
      expect(fragment, fragment.name).to.deep.equal(full[0]);
      expect(fragment.stateMutability, fragment.name).to.equal("view");
    }
  });
});
