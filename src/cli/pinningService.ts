// A remote pinning service (IPFS Pinning Service API) named on the command line: its URL from the
// option, its access token from CREDANCHOR_PINNING_TOKEN, never from an argument (arguments end
// up in shell histories and process lists). One reading for share, pin, shred and deliver.
import { CredanchorError } from "../errors.ts";
import {
  createPinningServiceClient,
  type PinningServiceClient,
} from "../storage/pinningService.ts";
import { OptionInvalidError } from "./commands/args.ts";

export const PINNING_TOKEN_VARIABLE = "CREDANCHOR_PINNING_TOKEN";

/**
 * The client for the service at `url`, given as `option`. `untouched` says what a missing token
 * left undone (e.g. "nothing was sent"), so the error tells the user where they stand.
 */
export function pinningServiceOf(
  url: string,
  option = "--pin-service",
  env: NodeJS.ProcessEnv = process.env,
  untouched?: string,
): PinningServiceClient {
  const token = env[PINNING_TOKEN_VARIABLE]?.trim();
  if (token === undefined || token === "") {
    throw new CredanchorError(
      "OPTION_MISSING",
      `${option} needs its access token in ${PINNING_TOKEN_VARIABLE}${untouched === undefined ? "" : `; ${untouched}`}.`,
      { option, variable: PINNING_TOKEN_VARIABLE },
    );
  }
  try {
    return createPinningServiceClient({ url, token });
  } catch {
    throw new OptionInvalidError(option, url, "is not a URL (e.g. https://pins.example/psa)");
  }
}
