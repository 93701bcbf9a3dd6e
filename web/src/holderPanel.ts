// "Choose what to show": for a holder who opened their own credential file, the certificate it
// draws, one switch per field a copy may hide (by its human label; fields every copy shows are
// listed as fixed), and the copy those switches make: drawn again, downloadable, and handed to
// the share panel so a share link carries only what the holder chose. Everything happens in the
// page; nothing is sent anywhere.
import { drawCertificate } from "../../src/certificate/index.ts";
import {
  type DisclosureChoice,
  disclose,
  type JsonPointer,
  listDisclosureChoices,
} from "../../src/credential/index.ts";
import { fieldLabel, type Language, message } from "../../src/labels/index.ts";
import "./certificate.css";
import { svgDataUri } from "./certificateFigure.ts";
import { h, setText } from "./dom.ts";

/** Fields under one label: switched together (a result's name and value, say). */
type FieldGroup = { label: string; pointers: JsonPointer[]; preview: string };

export type HolderPanelOptions = {
  language: Language;
  /** The issuer's template, its digest checked (issuerTemplate.ts); default the default diploma. */
  template?: string;
  /** Called with the JSON text of the copy the switches make, each time they change. */
  onCopy(text: string): void;
};

/**
 * Fills `panel` for the credential in `text`. Hides the panel for anything that is not a
 * credanchor credential this page can derive copies of (another issuer's badge, a broken file).
 */
export function showHolderPanel(
  panel: HTMLElement,
  text: string,
  options: HolderPanelOptions,
): void {
  panel.replaceChildren();
  let credential: Parameters<typeof disclose>[0];
  let choices: DisclosureChoice[];
  try {
    credential = JSON.parse(text) as typeof credential;
    choices = listDisclosureChoices(credential);
  } catch {
    panel.hidden = true;
    return;
  }
  const { language } = options;
  const groups = groupsOf(
    choices.filter((c) => c.shown && c.hideable === "yes"),
    credential,
    language,
  );
  const fixed = [
    ...new Set(
      choices
        .filter((c) => c.shown && c.hideable === "always")
        .map((c) => fieldLabel(c.pointer, language, credential)),
    ),
  ];

  const picture = h("img", { id: "certificate-image", class: "certificate", alt: "" });
  const switches = groups.map((group, i) => {
    const box = h("input", { type: "checkbox", id: `show-field-${i}`, checked: "" });
    const row = h(
      "label",
      { class: "field-switch", for: `show-field-${i}` },
      box,
      h("span", { class: "field-switch__label" }, group.label),
      h("span", { class: "field-switch__value" }, group.preview),
    );
    return { box, row, pointers: group.pointers };
  });
  const download = h(
    "button",
    { id: "download-copy", type: "button", class: "button button--secondary" },
    message(language, "holderDownload"),
  );
  const summary = h("p", { id: "copy-summary", class: "hint", "aria-live": "polite" });

  let copyText = text;
  const redraw = () => {
    try {
      drawCopy();
    } catch (error) {
      setText(summary, message(language, "holderCannotCopy", { reason: (error as Error).message }));
    }
  };
  const drawCopy = () => {
    const off = switches.filter(({ box }) => !box.checked);
    const hidden = off.flatMap(({ pointers }) => pointers);
    const copy = hidden.length === 0 ? credential : disclose(credential, [""], { hide: hidden });
    copyText = `${JSON.stringify(copy, null, 2)}\n`;
    const template = options.template === undefined ? {} : { template: options.template };
    picture.setAttribute("src", svgDataUri(drawCertificate(copy, { language, ...template })));
    picture.setAttribute(
      "alt",
      message(language, "certificateAlt", { name: certificateAlt(copy) }),
    );
    setText(
      summary,
      hidden.length === 0
        ? message(language, "holderShowsAll")
        : message(language, "holderHides", {
            hidden: off.length,
            total: switches.length,
          }),
    );
    options.onCopy(copyText);
  };
  for (const { box } of switches) box.addEventListener("change", redraw);
  download.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([copyText], { type: "application/json" }));
    const link = h("a", { href: url, download: copyFileName(credential) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });

  panel.append(
    h("h2", { class: "card__title" }, message(language, "holderTitle")),
    picture,
    h(
      "fieldset",
      { class: "field-switches", id: "field-switches" },
      h("legend", {}, message(language, "holderSwitchesLegend")),
      ...switches.map(({ row }) => row),
    ),
    h(
      "p",
      { class: "hint", id: "always-shown" },
      message(language, "holderAlwaysShown", { fields: fixed.join(", ") }),
    ),
    summary,
    download,
  );
  panel.hidden = false;
  redraw();
}

/** Claims under one label (and one value preview) go together. */
function groupsOf(
  choices: readonly DisclosureChoice[],
  credential: unknown,
  language: Language,
): FieldGroup[] {
  const byLabel = new Map<string, FieldGroup>();
  for (const choice of choices) {
    const label = fieldLabel(choice.pointer, language, credential);
    let group = byLabel.get(label);
    if (group === undefined) {
      group = { label, pointers: [], preview: preview(choice.value) };
      byLabel.set(label, group);
    }
    group.pointers.push(choice.pointer);
  }
  return [...byLabel.values()];
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function certificateAlt(credential: unknown): string {
  const name = (credential as { name?: unknown }).name;
  return typeof name === "string" ? name : "credential";
}

function copyFileName(credential: unknown): string {
  const id = (credential as { id?: unknown }).id;
  const tail =
    typeof id === "string" ? id.replace(/^urn:uuid:/, "").replace(/[^\w.-]/g, "_") : "credential";
  return `${tail}.disclosed.credential.json`;
}
