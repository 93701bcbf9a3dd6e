// The reader's language, picked once from the browser's among those the string catalogue has
// (src/labels; English otherwise), and the page's one way to say something in it.
import { type Language, type MessageKey, message, pickLanguage } from "../../src/labels/index.ts";

export const language: Language = pickLanguage(navigator.languages);

/** The catalogue's message `key` in the reader's language, {placeholders} filled in. */
export function t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string {
  return message(language, key, values);
}
