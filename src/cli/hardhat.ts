// Hardhat, for the two things the CLI takes from it: the in-process chain and the keystore. It is
// a development tool, so it is imported only when one of them is asked for, and a missing
// Hardhat is a usage error (exit 2) that says how to get it or how to do without.
import { existsSync } from "node:fs";
import path from "node:path";
import { CredanchorError } from "../errors.ts";
import { KEY_VARIABLE } from "./networkOptions.ts";

export type HardhatRuntime = import("hardhat/types/hre").HardhatRuntimeEnvironment;

/** The package's own folder: in a checkout, its hardhat.config.ts and compiled artifacts. */
export const PACKAGE_ROOT = path.resolve(import.meta.dirname, "../..");

type HardhatImport = () => Promise<typeof import("hardhat/hre")>;

let loaded: Promise<HardhatRuntime> | undefined;

/**
 * Hardhat's runtime with this package's config, whatever the working directory. `purpose` is the
 * option that needs it ("--network hardhat", "--keystore"), named when Hardhat is missing. Tests
 * pass `importHardhat` to stand for an install without it (then nothing is cached).
 */
export function loadHardhat(
  purpose: string,
  importHardhat?: HardhatImport,
): Promise<HardhatRuntime> {
  if (importHardhat !== undefined) return createRuntime(purpose, importHardhat);
  loaded ??= createRuntime(purpose, () => import("hardhat/hre"));
  return loaded;
}

async function createRuntime(purpose: string, importHardhat: HardhatImport) {
  let module: Awaited<ReturnType<HardhatImport>>;
  try {
    module = await importHardhat();
  } catch (error) {
    throw new HardhatUnavailableError(purpose, error);
  }
  // A checkout has the project's config (and its compiled artifacts); an installed package has
  // neither, and Hardhat's defaults give the same in-process chain and keystore.
  const configPath = path.join(PACKAGE_ROOT, "hardhat.config.ts");
  if (!existsSync(configPath)) return module.createHardhatRuntimeEnvironment({});
  const config = await module.importUserConfig(configPath);
  return module.createHardhatRuntimeEnvironment(config, { config: configPath }, PACKAGE_ROOT);
}

/**
 * `variable` from the Hardhat keystore (the development keystore first, then the encrypted one,
 * whose password Hardhat asks for on the terminal), or undefined when it is stored in neither.
 * Hardhat does not consult the keystore in CI. The one reading of the keystore: the account key
 * and the Ed25519 signing key both come through here.
 */
export async function readKeystoreValue(variable: string): Promise<string | undefined> {
  const hre = await loadHardhat("--keystore");
  const { configVariable } = await import("hardhat/config");
  return hre.hooks.runHandlerChain(
    "configurationVariables",
    "fetchValue",
    [configVariable(variable)],
    async () => undefined as unknown as string,
  );
}

/** Hardhat could not be imported: it is a development dependency, absent from a plain install. */
export class HardhatUnavailableError extends CredanchorError {
  override readonly name = "HardhatUnavailableError";
  constructor(purpose: string, cause: unknown) {
    super(
      "HARDHAT_UNAVAILABLE",
      `${purpose} needs Hardhat, which is not installed here: run \`npm install hardhat\`, or use --network localhost / --rpc-url <url> with ${KEY_VARIABLE}.`,
      { purpose },
      { cause },
    );
  }
}
