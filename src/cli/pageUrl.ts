// The verifier page that share links, certificates and messages point at: `--page-url` or the
// CREDANCHOR_PAGE_URL environment variable, an absolute http(s) or file URL. One reading for
// `share`, `certificates` and `deliver`.
import { CredanchorError } from "../errors.ts";
import { OptionInvalidError } from "./commands/args.ts";

/** The environment variable naming the verifier page links open, when --page-url is not given. */
export const PAGE_URL_VARIABLE = "CREDANCHOR_PAGE_URL";

/** The page URL from `--page-url` or the environment; undefined when neither gives one. */
export function optionalPageUrl(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const value = option ?? env[PAGE_URL_VARIABLE];
  if (value === undefined || value.trim() === "") return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new OptionInvalidError(
      "--page-url",
      value,
      "is not a URL (e.g. https://verify.example/)",
    );
  }
  if (!["https:", "http:", "file:"].includes(url.protocol)) {
    throw new OptionInvalidError(
      "--page-url",
      value,
      "must be an https://, http:// or file:// URL",
    );
  }
  return url.href;
}

/** As optionalPageUrl, for a command that cannot work without one. */
export function requiredPageUrl(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const url = optionalPageUrl(option, env);
  if (url === undefined) {
    throw new CredanchorError(
      "OPTION_MISSING",
      `Give the verifier page the link opens: --page-url https://… (or set ${PAGE_URL_VARIABLE}).`,
      { option: "--page-url", variable: PAGE_URL_VARIABLE },
    );
  }
  return url;
}
