// "Share it": for a holder who opened their own file here, a link to this page that carries the
// credential as loaded (in the fragment, never sent to a server) and LinkedIn's add-certification
// link with it. The page has no IPFS node, so its links carry the credential itself: they cannot be
// taken back. `credanchor share` makes short links to an encrypted copy that can.
import { linkedInAddUrl, linkedInCertificationOf, shareLink } from "../../src/share/index.ts";
import { h, setText } from "./dom.ts";
import { t } from "./language.ts";

/** Fills `panel` with the share button for the credential in `text`; hides it if not JSON. */
export function showSharePanel(panel: HTMLElement, text: string, pageUrl: string): void {
  let credential: object;
  try {
    credential = JSON.parse(text) as object;
  } catch {
    panel.hidden = true;
    return;
  }
  const page = new URL(pageUrl);
  page.hash = "";
  const output = h("input", {
    id: "share-link",
    type: "url",
    readonly: "",
    "aria-label": t("shareLinkLabel"),
  });
  const linkedIn = h(
    "a",
    { id: "share-linkedin", class: "button button--secondary", target: "_blank", rel: "noopener" },
    t("shareLinkedIn"),
  );
  const result = h("div", { class: "share-result", hidden: "" }, output, linkedIn);
  const button = h(
    "button",
    { id: "make-share-link", type: "button", class: "button button--secondary" },
    t("shareMake"),
  );
  const warning = h("p", { class: "hint", id: "share-warning" });
  button.addEventListener("click", async () => {
    const link = await shareLink(credential, { pageUrl: page.href, kind: "inline" });
    output.value = link;
    linkedIn.setAttribute("href", linkedInAddUrl(linkedInCertificationOf(credential, link)));
    result.hidden = false;
    output.select();
  });
  setText(warning, page.protocol === "file:" ? t("shareFileWarning") : "");
  warning.hidden = page.protocol !== "file:";
  panel.replaceChildren(
    h("h2", { class: "share-panel__title" }, t("shareTitle")),
    h("p", { class: "hint" }, t("shareHint")),
    warning,
    button,
    result,
  );
  panel.hidden = false;
}
