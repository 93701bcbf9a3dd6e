// The --lang option of the commands that print labels (disclose, verify): a language of the
// string catalogue (src/labels), or an error naming the ones there are.
import { CredanchorError } from "../errors.ts";
import { CATALOGUES, type Language } from "../labels/index.ts";

export const LANGUAGE_HELP = `language of labels and messages: ${Object.keys(CATALOGUES).join(", ")}`;

export function parseLanguage(value: string): Language {
  const lang = value.toLowerCase();
  if (Object.hasOwn(CATALOGUES, lang)) return lang;
  throw new CredanchorError(
    "OPTION_INVALID",
    `--lang "${value}": no labels in that language; choose one of ${Object.keys(CATALOGUES).join(", ")}.`,
    { option: "--lang", value },
  );
}
