// Draws a verification report: the overall status as a banner, each check as a line, the facts
// about issuer, accreditor and anchoring, and the disclosed fields (hidden ones marked so).
import type { VerificationReport } from "../../src/verifier/index.ts";
import { h } from "./dom.ts";
import { CHECK_NAME, chainLabel, RESULT_TEXT, STATUS_TEXT } from "./labels.ts";

export function renderReport(report: VerificationReport): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(banner(report), checks(report), facts(report), fields(report));
  return fragment;
}

function banner(report: VerificationReport): HTMLElement {
  const text = STATUS_TEXT[report.status];
  const cause =
    report.cause === null
      ? null
      : h(
          "p",
          { class: "banner__cause" },
          h("span", { class: "strong" }, "Reason: "),
          sentence(report.cause.message),
        );
  return h(
    "div",
    {
      class: `banner banner--${text.tone}`,
      id: "status",
      "data-status": report.status,
      tabindex: "-1",
    },
    h("span", { class: "banner__icon", "aria-hidden": "true" }, text.icon),
    h(
      "div",
      { class: "banner__body" },
      h("h2", { class: "banner__title", id: "status-title" }, text.title),
      h("p", { class: "banner__summary" }, text.summary),
      cause,
    ),
  );
}

function checks(report: VerificationReport): HTMLElement {
  const items = report.checks.map((check) => {
    const result = RESULT_TEXT[check.result];
    return h(
      "li",
      {
        class: `check check--${check.result}`,
        "data-check": check.id,
        "data-result": check.result,
      },
      h("span", { class: "check__icon", "aria-hidden": "true" }, result.icon),
      h(
        "div",
        { class: "check__body" },
        h(
          "p",
          { class: "check__head" },
          h("span", { class: "check__name" }, CHECK_NAME[check.id]),
          h("span", { class: "check__result" }, result.label),
        ),
        h(
          "p",
          { class: "check__message" },
          sentence(check.message),
          " ",
          h("code", {}, check.code),
        ),
      ),
    );
  });
  return h(
    "section",
    { class: "result__section", "aria-labelledby": "checks-title" },
    h("h3", { id: "checks-title" }, "Checks"),
    h("ol", { class: "checks" }, ...items),
  );
}

function facts(report: VerificationReport): HTMLElement {
  const rows: [string, Node | string | null][] = [
    ["Issuer", issuer(report)],
    ["Credential type", report.credentialType],
    ["Accredited by", accreditor(report)],
    ["Anchored at", instant(report.anchoredAt)],
    ["Chain", report.chain === null ? null : chainLabel(report.chain)],
    ["Registry", mono(report.registry)],
    ["Batch root", mono(report.root)],
    ["Index in batch", report.index === null ? null : String(report.index)],
    ["Valid from", instant(report.validFrom)],
    [
      "Valid until",
      report.validUntil === null && report.validFrom !== null
        ? "no end date"
        : instant(report.validUntil),
    ],
    ["Credential id", mono(report.credentialId)],
    ["Source", report.source],
    ["Checked at", instant(report.checkedAt)],
  ];
  const list = h("dl", { class: "facts" });
  for (const [term, value] of rows) {
    list.append(
      h(
        "div",
        { class: "facts__row" },
        h("dt", {}, term),
        h("dd", {}, value ?? h("span", { class: "muted" }, "unknown")),
      ),
    );
  }
  const caution =
    report.status === "valid"
      ? null
      : h(
          "p",
          { class: "note" },
          "These details are as the credential states them; they are confirmed only when the credential is valid.",
        );
  return h(
    "section",
    { class: "result__section", "aria-labelledby": "facts-title" },
    h("h3", { id: "facts-title" }, "Issuer and anchoring"),
    caution,
    list,
  );
}

function issuer(report: VerificationReport): Node | null {
  const { name, address, id } = report.issuer;
  if (name === null && address === null && id === null) return null;
  return h(
    "span",
    { class: "stack" },
    h("span", { class: "strong" }, name ?? "unnamed issuer"),
    mono(address),
    id === null || id.toLowerCase().endsWith(address?.toLowerCase() ?? "\u0000") ? null : mono(id),
  );
}

function accreditor(report: VerificationReport): Node | null {
  if (report.accreditor === null && report.accreditorNow === null) return null;
  const now =
    report.accreditorNow === null
      ? h("span", { class: "muted" }, "not accredited now")
      : report.accreditorNow.toLowerCase() === report.accreditor?.toLowerCase()
        ? h("span", { class: "muted" }, "still accredited by the same body")
        : h("span", {}, "now: ", mono(report.accreditorNow));
  return h(
    "span",
    { class: "stack" },
    report.accreditor === null
      ? h("span", { class: "muted" }, "nobody when anchored")
      : mono(report.accreditor),
    now,
  );
}

/**
 * Claims that describe the format, the issuer or the status; the facts above already show what
 * they mean, so they sit folded below the claims about the holder and the achievement.
 */
const TECHNICAL =
  /^\/(@context|credentialSchema|credentialStatus|id|issuer|type|validFrom|validUntil)(\/|$)/;

function fields(report: VerificationReport): HTMLElement {
  const pointers = [...Object.keys(report.disclosed), ...report.hidden].sort();
  const main = pointers.filter((p) => !TECHNICAL.test(p));
  const technical = pointers.filter((p) => TECHNICAL.test(p));
  const section = h(
    "section",
    { class: "result__section", "aria-labelledby": "fields-title" },
    h("h3", { id: "fields-title" }, "Disclosed fields"),
  );
  if (pointers.length === 0) {
    section.append(
      h(
        "p",
        { class: "muted" },
        "No fields are shown: the credential's claims could not be confirmed.",
      ),
    );
    return section;
  }
  section.append(fieldTable(report, main));
  if (technical.length > 0) {
    section.append(
      h(
        "details",
        { class: "more-fields" },
        h("summary", {}, `Format, issuer and status fields (${technical.length})`),
        fieldTable(report, technical),
      ),
    );
  }
  return section;
}

function fieldTable(report: VerificationReport, pointers: readonly string[]): HTMLElement {
  const rows = pointers.map((pointer) => {
    const hidden = !Object.hasOwn(report.disclosed, pointer);
    return h(
      "tr",
      hidden ? { class: "hidden-field" } : {},
      h("th", { scope: "row" }, h("code", {}, pointer)),
      h(
        "td",
        {},
        hidden
          ? h("span", { class: "muted" }, "hidden by the holder")
          : value(report.disclosed[pointer]),
      ),
    );
  });
  return h(
    "table",
    { class: "fields" },
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, "Field"), h("th", { scope: "col" }, "Value")),
    ),
    h("tbody", {}, ...rows),
  );
}

function value(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

function mono(text: string | null): HTMLElement | null {
  return text === null ? null : h("code", { class: "mono" }, text);
}

function instant(iso: string | null): HTMLElement | null {
  if (iso === null) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return h("span", {}, iso);
  // Validity dates are usually whole days (midnight UTC): show the day, not a local clock time.
  const wholeDay = date.getTime() % 86_400_000 === 0;
  const text = wholeDay
    ? date.toLocaleDateString(undefined, { dateStyle: "long", timeZone: "UTC" })
    : date.toLocaleString(undefined, {
        dateStyle: "long",
        timeStyle: "long",
      });
  return h("time", { datetime: iso, title: iso }, text);
}

/** The verifier's messages start in lower case, to be quoted mid-sentence; here they stand alone. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
