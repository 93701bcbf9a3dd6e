// Deploys AccreditationRegistry and CredentialRegistry and records them in
// deployments/<network>.json.
//   npx hardhat run scripts/deploy.ts                      in-process chain (record is gitignored)
//   npx hardhat run scripts/deploy.ts --network localhost  a running `npx hardhat node`
//   npx hardhat run scripts/deploy.ts --network custom     CREDANCHOR_RPC_URL + CREDANCHOR_PRIVATE_KEY
// Settings (environment): CREDANCHOR_GOVERNANCE, CREDANCHOR_ADMIN_DELAY (seconds, default two
// days), CREDANCHOR_CONFIRMATIONS, CREDANCHOR_CHAIN_ID (refuse any other chain),
// CREDANCHOR_DEPLOYMENT_NAME, CREDANCHOR_DEPLOYMENTS_DIR, CREDANCHOR_REDEPLOY=1.
import path from "node:path";
import hre, { network } from "hardhat";
import { CredanchorError } from "../src/errors.ts";
import { deployToNetwork, guard } from "./lib/deployToNetwork.ts";

const requested = hre.globalOptions.network ?? "default";
try {
  const connection = await guard(requested, () => network.getOrCreate());
  const { deployment, file, deployed } = await deployToNetwork(connection, hre.artifacts);
  const { AccreditationRegistry, CredentialRegistry } = deployment.contracts;
  console.log(
    [
      `Deployed on ${deployment.network} (${deployment.caip2}) by ${deployment.deployer}`,
      `  AccreditationRegistry  ${AccreditationRegistry.address}  block ${AccreditationRegistry.deployBlock}  gas ${deployed.gasUsed.AccreditationRegistry}`,
      `  CredentialRegistry     ${CredentialRegistry.address}  block ${CredentialRegistry.deployBlock}  gas ${deployed.gasUsed.CredentialRegistry}`,
      `  governance ${deployment.governance}, admin delay ${deployment.adminDelay} s, ${deployment.abiVersion}, solc ${deployment.solcVersion}`,
      `Recorded in ${path.relative(process.cwd(), file)}`,
    ].join("\n"),
  );
} catch (error) {
  if (!(error instanceof CredanchorError)) throw error;
  console.error(`deploy: ${error.message}`);
  process.exitCode = 1;
}
