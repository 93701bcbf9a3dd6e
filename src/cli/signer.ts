// As whom a command signs: --from (an unlocked account of a development node), else
// CREDANCHOR_PRIVATE_KEY from the environment, else from the Hardhat keystore with --keystore.
// Keys never come from files in the repository and no message ever quotes one, not even in part.
import {
  type Account,
  type Address,
  type Chain,
  createWalletClient,
  getAddress,
  type Hex,
  isAddress,
  type PublicClient,
  publicActions,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type ChainClient, classifyChainError, type RegistryWriter } from "../chain/index.ts";
import { CredanchorError } from "../errors.ts";
import { isBytes32 } from "../values/index.ts";
import { readKeystoreValue } from "./hardhat.ts";
import { KEY_VARIABLE, type NetworkOptions } from "./networkOptions.ts";

export type SigningAccount = Account | Address;

/** The account to sign with. On the in-process chain, its first funded account (or --from). */
export async function resolveAccount(
  options: NetworkOptions,
  env: NodeJS.ProcessEnv,
  chain: ChainClient,
  inProcess: boolean,
): Promise<SigningAccount> {
  if (options.from !== undefined) return unlockedAccount(chain, options.from);
  // The in-process chain funds only its own accounts, and a real key has no business there.
  if (inProcess) return unlockedAccount(chain, "0");
  const fromEnv = env[KEY_VARIABLE]?.trim();
  if (fromEnv !== undefined && fromEnv !== "") return accountFromKey(fromEnv, "the environment");
  if (options.keystore) return accountFromKey(await readKeystoreKey(), "the Hardhat keystore");
  throw new CredanchorError(
    "KEY_MISSING",
    `No signing key: set ${KEY_VARIABLE} in the environment, or store it with \`npx hardhat keystore set ${KEY_VARIABLE}\` and pass --keystore, or on a development node pass --from <address|index>.`,
    { variable: KEY_VARIABLE },
  );
}

/** A writer signing as `account` over `transport`; its reader is the context's chain client. */
export function createWriter(
  account: SigningAccount,
  chain: Chain,
  transport: Transport,
  reader: ChainClient,
  confirmations: number,
): RegistryWriter {
  return {
    wallet: createWalletClient({ account, chain, transport }),
    // The writer's reader is Node-side only, so it may carry every public action.
    reader: reader.client.extend(publicActions) as PublicClient,
    confirmations,
  };
}

function accountFromKey(key: string, source: string): Account {
  const hex = key.startsWith("0x") ? key : `0x${key}`;
  if (!isBytes32(hex)) {
    throw new CredanchorError(
      "KEY_INVALID",
      `${KEY_VARIABLE} from ${source} is not a private key (expected 32 bytes as 64 hex digits).`,
      { variable: KEY_VARIABLE, source },
    );
  }
  try {
    return privateKeyToAccount(hex as Hex);
  } catch {
    throw new CredanchorError(
      "KEY_INVALID",
      `${KEY_VARIABLE} from ${source} is not a valid secp256k1 private key.`,
      { variable: KEY_VARIABLE, source },
    );
  }
}

async function unlockedAccount(chain: ChainClient, from: string): Promise<Address> {
  let accounts: Address[];
  try {
    accounts = (await chain.client.request({ method: "eth_accounts" } as never)) as Address[];
  } catch (error) {
    throw classifyChainError(error, chain.urls, "(eth_accounts)");
  }
  if (/^[0-9]+$/.test(from)) {
    const account = accounts[Number(from)];
    if (account === undefined) {
      throw new CredanchorError(
        "ACCOUNT_NOT_FOUND",
        `--from ${from}: the node has ${accounts.length} unlocked account(s)${accounts.length === 0 ? " (it is not a development node; set CREDANCHOR_PRIVATE_KEY instead)" : `, numbered 0 to ${accounts.length - 1}`}.`,
        { from, unlocked: accounts.length },
      );
    }
    return getAddress(account);
  }
  if (!isAddress(from, { strict: false })) {
    throw new CredanchorError(
      "OPTION_INVALID",
      `--from "${from}" is neither an address nor an account index.`,
      { option: "--from", value: from },
    );
  }
  const found = accounts.find((a) => a.toLowerCase() === from.toLowerCase());
  if (found === undefined) {
    throw new CredanchorError(
      "ACCOUNT_NOT_UNLOCKED",
      `--from ${from} is not an unlocked account of this node: --from works on development nodes (npx hardhat node); elsewhere set ${KEY_VARIABLE}.`,
      { from },
    );
  }
  return getAddress(found);
}

/** CREDANCHOR_PRIVATE_KEY from the Hardhat keystore, or KEY_MISSING saying how to store it. */
async function readKeystoreKey(): Promise<string> {
  const stored = await readKeystoreValue(KEY_VARIABLE);
  if (stored !== undefined) return stored;
  throw new CredanchorError(
    "KEY_MISSING",
    `--keystore: ${KEY_VARIABLE} is not in the Hardhat keystore: store it with \`npx hardhat keystore set ${KEY_VARIABLE}\` (or \`--dev\` for a development key).`,
    { variable: KEY_VARIABLE },
  );
}
