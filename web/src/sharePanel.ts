// "Share it": for a holder who opened their own file here, a link to this page that carries the
// credential as loaded (in the fragment, never sent to a server) and LinkedIn's add-certification
// link with it. The page has no IPFS node, so its links carry the credential itself: they cannot be
// taken back. `credanchor share` makes short links to an encrypted copy that can.
import { linkedInAddUrl, linkedInCertificationOf, shareLink } from "../../src/share/index.ts";
import { h, setText } from "./dom.ts";

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
    "aria-label": "Share link",
  });
  const linkedIn = h(
    "a",
    { id: "share-linkedin", class: "button button--secondary", target: "_blank", rel: "noopener" },
    "Add to LinkedIn profile",
  );
  const result = h("div", { class: "share-result", hidden: "" }, output, linkedIn);
  const button = h(
    "button",
    { id: "make-share-link", type: "button", class: "button button--secondary" },
    "Make a share link",
  );
  const warning = h("p", { class: "hint", id: "share-warning" });
  button.addEventListener("click", async () => {
    const link = await shareLink(credential, { pageUrl: page.href, kind: "inline" });
    output.value = link;
    linkedIn.setAttribute("href", linkedInAddUrl(linkedInCertificationOf(credential, link)));
    result.hidden = false;
    output.select();
  });
  setText(
    warning,
    page.protocol === "file:"
      ? "This page was opened from a file on this computer: a link to it opens only here. Host the page (any static host) to share links others can open."
      : "",
  );
  warning.hidden = page.protocol !== "file:";
  panel.replaceChildren(
    h("h2", { class: "share-panel__title" }, "Share it"),
    h(
      "p",
      { class: "hint" },
      "The link carries this file as loaded: whoever has it sees every field shown above. To show less, share a disclosed copy (credanchor disclose, or credanchor share --reveal, whose links can also be taken back). A link made here cannot be taken back.",
    ),
    warning,
    button,
    result,
  );
  panel.hidden = false;
}
