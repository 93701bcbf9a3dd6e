// Hardhat is the development and deployment tool; the SDK in src/ never imports it.
// Solidity is compiled by the `solc` npm package (its WebAssembly build), wired in through the
// compiler `path` setting, so no build ever downloads a compiler.
import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);
const solcVersion: string = require("solc/package.json").version;

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: solcVersion,
    path: require.resolve("solc/soljson.js"),
    settings: {
      // cancun is live on every L2 we target (Base, Optimism, Arbitrum).
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 10_000 },
    },
  },
  paths: {
    tests: { mocha: "test", solidity: "test/solidity" },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // Any EVM chain: CREDANCHOR_RPC_URL and CREDANCHOR_PRIVATE_KEY come from the environment
    // or the Hardhat keystore (`npx hardhat keystore set CREDANCHOR_PRIVATE_KEY`).
    custom: {
      type: "http",
      chainType: "generic",
      url: configVariable("CREDANCHOR_RPC_URL"),
      accounts: [configVariable("CREDANCHOR_PRIVATE_KEY")],
    },
  },
});
