// Puts the page's own words in: every element marked data-i18n="<key>" gets the catalogue's
// message in the reader's language (src/labels/<language>.json; a translator edits those files
// only), data-i18n-placeholder="<key>" its placeholder. `code` in a message (between backticks)
// is shown as code. The page's HTML carries keys, not English: one source for every language.
import { type Language, type MessageKey, message } from "../../src/labels/index.ts";

export function translatePage(language: Language): void {
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    const text = message(language, element.dataset.i18n as MessageKey);
    if (element.tagName === "TITLE") document.title = text;
    else element.replaceChildren(...withCode(text));
  }
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n-placeholder]")) {
    element.setAttribute(
      "placeholder",
      message(language, element.dataset.i18nPlaceholder as MessageKey),
    );
  }
}

/** Text as nodes: the parts between backticks as <code>, the rest as text (never as HTML). */
function withCode(text: string): Node[] {
  return text.split("`").map((part, i) => {
    if (i % 2 === 0) return document.createTextNode(part);
    const code = document.createElement("code");
    code.textContent = part;
    return code;
  });
}
