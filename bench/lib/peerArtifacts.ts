// The peers' contracts exactly as their npm packages publish them (ABI + creation bytecode): the
// OpenAttestation DocumentStore from @govtechsg/document-store and EAS's SchemaRegistry + EAS
// from @ethereum-attestation-service/eas-contracts. Nothing of theirs is compiled or copied here.
import { createRequire } from "node:module";
import type { InterfaceAbi } from "ethers";

export interface PublishedArtifact {
  package: string;
  version: string;
  abi: InterfaceAbi;
  bytecode: string;
}

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  return (require(`${pkg}/package.json`) as { version: string }).version;
}

/** DocumentStore (v3: AccessControl roles), constructor(string name, address owner). */
export function documentStoreArtifact(): PublishedArtifact {
  const pkg = "@govtechsg/document-store";
  const { DocumentStore__factory: factory } = require(
    `${pkg}/dist/contracts/factories/contracts/DocumentStore__factory.js`,
  ) as { DocumentStore__factory: { abi: InterfaceAbi; bytecode: string } };
  return { package: pkg, version: versionOf(pkg), abi: factory.abi, bytecode: factory.bytecode };
}

function easArtifact(contract: "SchemaRegistry" | "EAS"): PublishedArtifact {
  const pkg = "@ethereum-attestation-service/eas-contracts";
  const { abi, bytecode } = require(
    `${pkg}/artifacts/contracts/${contract}.sol/${contract}.json`,
  ) as {
    abi: InterfaceAbi;
    bytecode: string;
  };
  return { package: pkg, version: versionOf(pkg), abi, bytecode };
}

/** SchemaRegistry, constructor(). */
export const schemaRegistryArtifact = () => easArtifact("SchemaRegistry");
/** EAS, constructor(ISchemaRegistry registry). */
export const easContractArtifact = () => easArtifact("EAS");
