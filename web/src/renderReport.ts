// Draws a verification report: the overall status as a banner, what the verifier trusted, the
// warnings a reader must not miss, each check as a line, the facts about issuer, accreditor and
// anchoring, and the disclosed fields (hidden ones marked so). Beside the verdict: whose credential
// it is and what it proves (the report's subject), and when and why a revoked or suspended one
// was. Fields and the sentence under each check come from the string catalogue (src/labels), in
// the reader's language (a check's English message when the catalogue has none for its code).
// Names come from the registry; the issuer name the file claims is only ever shown as unproven.

import {
  checkMessage,
  fieldLabel,
  type Language,
  message,
  pickLanguage,
  reasonLabel,
  warningMessage,
} from "../../src/labels/index.ts";
import type {
  AccreditorProfile,
  TrustedRegistry,
  VerificationReport,
  VerificationStatus,
} from "../../src/verifier/index.ts";
import { h, withNodes } from "./dom.ts";
import { chainLabel, checkName, resultText, statusText, warningTitle } from "./labels.ts";
import { trustSummary } from "./trustSummary.ts";

/** Statuses reached only after the trusted registry confirmed the issuer anchored the batch. */
const ANCHOR_ESTABLISHED: ReadonlySet<VerificationStatus> = new Set([
  "valid",
  "revoked",
  "suspended",
  "expired",
  "not-accredited",
]);

export function renderReport(
  report: VerificationReport,
  trust: readonly TrustedRegistry[],
  lang: Language = pickLanguage(navigator.languages),
): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const part of [
    banner(report, lang),
    subject(report, lang),
    awardDateHidden(report, lang),
    trustSummary(trust, "result-trust"),
    warnings(report, lang),
    checks(report, lang),
    facts(report, lang),
    fields(report, lang),
  ]) {
    if (part !== null) fragment.append(part);
  }
  return fragment;
}

function banner(report: VerificationReport, lang: Language): HTMLElement {
  const text = statusText(report.status, lang);
  const cause =
    report.cause === null
      ? null
      : h(
          "p",
          { class: "banner__cause" },
          h("span", { class: "strong" }, message(lang, "reasonLabel")),
          sentence(checkMessage(lang, report.cause, paramText(lang))),
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
      statusChange(report, lang),
      cause,
      report.status === "valid" && report.warnings.length > 0
        ? h("p", { class: "banner__cause" }, message(lang, "reportReadWarnings"))
        : null,
      report.status === "untrusted-registry" ? howToTrust(report, lang) : null,
    ),
  );
}

/** "Revoked on …, reason: …" for a revoked or suspended credential whose event could be read. */
function statusChange(report: VerificationReport, lang: Language): HTMLElement | null {
  const change = report.statusChange;
  if (change == null) return null;
  const key = change.action === "suspended" ? "suspendedOn" : "revokedOn";
  return h(
    "p",
    { class: "banner__cause strong", id: "status-change", "data-reason": String(change.reason) },
    message(lang, key, {
      time: dateText(change.at, lang),
      reason: `${reasonLabel(lang, change.reason)} (${change.reason})`,
    }),
  );
}

/**
 * Whose credential it is and what it proves, right under the verdict: the holder's name (or that
 * the holder hid it), the achievement, the award date and the results. Only claims that passed
 * integrity reach the report's subject, so a forged file shows none of them.
 */
function subject(report: VerificationReport, lang: Language): HTMLElement | null {
  const s = report.subject;
  if (s === undefined || (s.name === null && !s.nameHidden && s.achievement === null)) return null;
  const muted = (text: string) => h("span", { class: "muted" }, text);
  const rows: [key: string, term: string, value: Node | string | null][] = [
    [
      "holder",
      message(lang, "holder"),
      s.name !== null
        ? h("bdi", { class: "strong" }, s.name)
        : muted(message(lang, s.nameHidden ? "nameHidden" : "noName")),
    ],
    [
      "achievement",
      message(lang, "achievement"),
      s.achievement === null ? null : h("bdi", {}, s.achievement),
    ],
    [
      "award-date",
      message(lang, "awardDate"),
      s.awardDateHidden
        ? muted(message(lang, "awardDateHidden"))
        : s.awardDate === null
          ? null
          : dateText(s.awardDate, lang),
    ],
  ];
  if (s.results.length > 0 || s.resultsHidden > 0) {
    rows.push([
      "results",
      message(lang, "results"),
      h(
        "ul",
        { class: "subject__results" },
        ...s.results.map((r) =>
          h(
            "li",
            {},
            r.name === null ? null : h("span", {}, `${r.name}: `),
            h("bdi", { class: "strong" }, [r.value, r.status].filter((v) => v !== null).join(", ")),
          ),
        ),
        s.resultsHidden > 0
          ? h("li", {}, muted(`+${s.resultsHidden} ${message(lang, "hidden")}`))
          : null,
      ),
    ]);
  }
  return h(
    "section",
    { class: "subject", id: "subject", lang, "aria-label": message(lang, "holder") },
    h(
      "dl",
      { class: "subject-facts" },
      ...rows.map(([key, term, value]) =>
        h(
          "div",
          { class: "subject-facts__row", "data-subject": key },
          h("dt", {}, term),
          h("dd", {}, value ?? muted("–")),
        ),
      ),
    ),
  );
}

/** A check's param as the reader reads it: an instant (ISO 8601 date-time) as a date in words. */
function paramText(lang: Language): (value: string | number) => string {
  return (value) =>
    typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(value)
      ? dateText(value, lang)
      : String(value);
}

/** A date in the reader's language: the day alone when it is a whole day (midnight UTC). */
function dateText(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.getTime() % 86_400_000 === 0
    ? date.toLocaleDateString(lang, { dateStyle: "long", timeZone: "UTC" })
    : date.toLocaleString(lang, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) +
        " UTC";
}

/**
 * Next to the result when the holder hid the award date: what the copy does not show, how
 * validity was judged, and what an employer can still learn (the anchoring time is public on
 * chain, and a fixed-term expiry date can imply the year).
 */
function awardDateHidden(report: VerificationReport, lang: Language): HTMLElement | null {
  if (report.validFromHidden !== true) return null;
  const until = report.validUntil;
  return h(
    "section",
    { class: "award-date", id: "award-date-hidden", "aria-label": message(lang, "awardDate") },
    h("p", { class: "award-date__title" }, message(lang, "reportAwardDateHiddenTitle")),
    h(
      "p",
      {},
      withNodes(message(lang, "reportAwardDateNotShown"), {
        judged:
          until === null
            ? message(lang, "reportJudgedNoEnd")
            : withNodes(message(lang, "reportJudgedUntil"), { until: instant(until) }),
      }),
    ),
    h(
      "p",
      { class: "muted" },
      report.anchoredAt === null
        ? message(lang, "reportStillLearnedUnanchored")
        : withNodes(message(lang, "reportStillLearnedAnchored"), {
            at: instant(report.anchoredAt),
          }),
      until === null ? null : message(lang, "reportExpiryImpliesYear"),
    ),
  );
}

/** The settings line that would trust this credential's registry, for a user who means to. */
function howToTrust(report: VerificationReport, lang: Language): HTMLElement | null {
  if (report.chain === null || report.registry === null) return null;
  return h(
    "p",
    { class: "banner__how", id: "how-to-trust" },
    withNodes(message(lang, "reportHowToTrust"), {
      where: h("span", { class: "strong" }, message(lang, "reportWhereTrust")),
      line: h("code", { class: "mono" }, `${report.chain}:${report.registry}=<who runs it>`),
    }),
  );
}

/** Warnings sit above the details: a name mismatch first and loudest. */
function warnings(report: VerificationReport, lang: Language): HTMLElement | null {
  if (report.warnings.length === 0) return null;
  const ordered = [...report.warnings].sort(
    (a, b) => Number(b.code === "ISSUER_NAME_DIFFERS") - Number(a.code === "ISSUER_NAME_DIFFERS"),
  );
  return h(
    "section",
    { class: "warnings", id: "warnings", "aria-label": message(lang, "reportWarnings") },
    ...ordered.map((warning) =>
      h(
        "div",
        {
          class: `warning${warning.code === "ISSUER_NAME_DIFFERS" ? " warning--strong" : ""}`,
          "data-warning": warning.code,
          role: warning.code === "ISSUER_NAME_DIFFERS" ? "alert" : "note",
        },
        h("span", { class: "warning__icon", "aria-hidden": "true" }, "!"),
        h(
          "div",
          {},
          h("p", { class: "warning__title" }, warningTitle(warning.code, lang)),
          h("p", { class: "warning__message" }, sentence(warningMessage(lang, warning))),
        ),
      ),
    ),
  );
}

function checks(report: VerificationReport, lang: Language): HTMLElement {
  const items = report.checks.map((check) => {
    const result = resultText(check.result, lang);
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
          h("span", { class: "check__name" }, checkName(check.id, lang)),
          h("span", { class: "check__result" }, result.label),
        ),
        h(
          "p",
          { class: "check__message" },
          sentence(checkMessage(lang, check, paramText(lang))),
          " ",
          h("code", {}, check.code),
        ),
      ),
    );
  });
  return h(
    "section",
    { class: "result__section", "aria-labelledby": "checks-title" },
    h("h3", { id: "checks-title" }, message(lang, "checksHeading")),
    h("ol", { class: "checks" }, ...items),
  );
}

type FactRow = [term: string, value: Node | string | null];

function facts(report: VerificationReport, lang: Language): HTMLElement {
  const t = (key: Parameters<typeof message>[1]) => message(lang, key);
  const established = ANCHOR_ESTABLISHED.has(report.status);
  const fileName: FactRow[] = unprovenName(report, established)
    ? [[t("factFileName"), unproven(report, lang)]]
    : [];
  const rows: FactRow[] = [
    [t("factIssuer"), issuer(report, established, lang)],
    ...fileName,
    [t("factCredentialType"), report.credentialType],
    [t("factAccreditedBy"), accreditor(report, lang)],
    [t("factTrustedRegistry"), report.trust === null ? null : report.trust.label],
    [t("factAnchoredAt"), instant(report.anchoredAt)],
    [t("factChain"), report.chain === null ? null : chainLabel(report.chain)],
    [t("factRegistry"), mono(report.registry)],
    [t("factBatchRoot"), mono(report.root)],
    [t("factIndex"), report.index === null ? null : String(report.index)],
    [
      t("factValidFrom"),
      report.validFromHidden === true
        ? h("span", { class: "muted" }, t("factValidFromHiddenValue"))
        : instant(report.validFrom),
    ],
    [
      t("factValidUntil"),
      report.validUntil === null && (report.validFrom !== null || report.validFromHidden === true)
        ? t("noEndDate")
        : instant(report.validUntil),
    ],
    [t("factCredentialId"), mono(report.credentialId)],
    [t("factSource"), report.source],
    [t("factCheckedAt"), instant(report.checkedAt)],
  ];
  const list = h("dl", { class: "facts" });
  for (const [term, value] of rows) {
    list.append(
      h(
        "div",
        { class: "facts__row" },
        h("dt", {}, term),
        h("dd", {}, value ?? h("span", { class: "muted" }, t("unknown"))),
      ),
    );
  }
  const caution =
    report.status === "valid" ? null : h("p", { class: "note" }, message(lang, "reportCaution"));
  return h(
    "section",
    { class: "result__section", "aria-labelledby": "facts-title" },
    h("h3", { id: "facts-title" }, t("factsHeading")),
    established ? issuedBy(report, lang) : null,
    caution,
    list,
  );
}

/** "Issued by <registered name> (0x…), accredited by <body> (<jurisdiction>) for <type> …". */
function issuedBy(report: VerificationReport, lang: Language): HTMLElement {
  const { registeredName, address } = report.issuer;
  const type = report.credentialType ?? message(lang, "reportThisType");
  const values = {
    issuer:
      registeredName === null
        ? h("span", { class: "muted" }, message(lang, "reportNoRegisteredName"))
        : h("span", { class: "strong" }, registeredName),
    address: address === null ? null : withNodes(" ({address})", { address: mono(address) }),
    type,
  };
  return h(
    "p",
    { class: "issued-by", id: "issued-by" },
    report.accreditor === null
      ? withNodes(message(lang, "reportIssuedByNotAccredited"), values)
      : withNodes(message(lang, "reportIssuedByAccredited"), {
          ...values,
          body: h("span", { class: "strong" }, report.accreditor.name),
          jurisdiction: report.accreditor.jurisdiction,
        }),
  );
}

function issuer(report: VerificationReport, established: boolean, lang: Language): Node | null {
  const { registeredName, registeredDomain, address, id } = report.issuer;
  if (address === null && id === null) return null;
  return h(
    "span",
    { class: "stack" },
    established
      ? h("span", { class: "strong" }, registeredName ?? message(lang, "factIssuerNoName"))
      : h("span", { class: "muted" }, message(lang, "factIssuerNotEstablished")),
    mono(address),
    established && registeredDomain !== null
      ? h("span", {}, message(lang, "factIssuerDomain", { domain: registeredDomain }))
      : null,
    id === null || id.toLowerCase().endsWith(address?.toLowerCase() ?? "\u0000") ? null : mono(id),
  );
}

/** The file's own issuer name is worth a row unless the registry already showed the same name. */
function unprovenName(report: VerificationReport, established: boolean): boolean {
  const { name, registeredName } = report.issuer;
  return name !== null && !(established && name === registeredName);
}

function unproven(report: VerificationReport, lang: Language): HTMLElement {
  return h(
    "span",
    { class: "unproven", id: "file-issuer-name" },
    h("span", { class: "unproven__label" }, message(lang, "factFileNameUnproven")),
    h("bdi", {}, report.issuer.name ?? ""),
  );
}

function accreditor(report: VerificationReport, lang: Language): Node | null {
  const { accreditor: then, accreditorNow: now } = report;
  if (then === null && now === null) return null;
  const nowText =
    now === null
      ? h("span", { class: "muted" }, message(lang, "factNotAccreditedNow"))
      : now.address.toLowerCase() === then?.address.toLowerCase()
        ? h("span", { class: "muted" }, message(lang, "factStillAccredited"))
        : h("span", {}, message(lang, "factAccreditedNowBy"), body(now));
  return h(
    "span",
    { class: "stack" },
    then === null
      ? h("span", { class: "muted" }, message(lang, "factNobodyWhenAnchored"))
      : body(then),
    nowText,
  );
}

function body(profile: AccreditorProfile): HTMLElement {
  return h(
    "span",
    { class: "stack" },
    h("span", {}, h("span", { class: "strong" }, profile.name), ` (${profile.jurisdiction})`),
    mono(profile.address),
  );
}

/**
 * Claims that describe the format, the issuer or the status; the facts above already show what
 * they mean, so they sit folded below the claims about the holder and the achievement.
 */
const TECHNICAL =
  /^\/(@context|credentialSchema|credentialStatus|id|issuer|type|validFrom|validUntil)(\/|$)/;

function fields(report: VerificationReport, lang: Language): HTMLElement {
  const pointers = [...Object.keys(report.disclosed), ...report.hidden].sort();
  const main = pointers.filter((p) => !TECHNICAL.test(p));
  const technical = pointers.filter((p) => TECHNICAL.test(p));
  const section = h(
    "section",
    { class: "result__section", "aria-labelledby": "fields-title" },
    h("h3", { id: "fields-title" }, message(lang, "disclosedHeading")),
  );
  if (pointers.length === 0) {
    section.append(h("p", { class: "muted" }, message(lang, "reportNoFields")));
    return section;
  }
  const shown = documentOf(report.disclosed);
  section.append(fieldTable(report, main, lang, shown));
  if (technical.length > 0) {
    section.append(
      h(
        "details",
        { class: "more-fields" },
        h("summary", {}, message(lang, "technicalFields", { n: technical.length })),
        fieldTable(report, technical, lang, shown),
      ),
    );
  }
  return section;
}

/** Rows labelled in words ("Holder's name"); the pointer stays in data-pointer and the tooltip. */
function fieldTable(
  report: VerificationReport,
  pointers: readonly string[],
  lang: Language,
  shown: unknown,
): HTMLElement {
  const rows = pointers.map((pointer) => {
    const hidden = !Object.hasOwn(report.disclosed, pointer);
    return h(
      "tr",
      hidden ? { class: "hidden-field" } : {},
      h(
        "th",
        { scope: "row", "data-pointer": pointer, title: pointer },
        fieldLabel(pointer, lang, shown),
      ),
      h(
        "td",
        {},
        hidden
          ? h("span", { class: "muted" }, message(lang, "hidden"))
          : h("bdi", {}, value(report.disclosed[pointer])),
      ),
    );
  });
  return h(
    "table",
    { class: "fields", lang },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, message(lang, "field")),
        h("th", { scope: "col" }, message(lang, "value")),
      ),
    ),
    h("tbody", {}, ...rows),
  );
}

/** The shown claims put back into a document, so labels can name results and identifiers. */
function documentOf(disclosed: Readonly<Record<string, unknown>>): unknown {
  const root: Record<string, unknown> = {};
  for (const [pointer, leaf] of Object.entries(disclosed)) {
    const tokens = pointer
      .split("/")
      .slice(1)
      .map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
    let node: Record<string, unknown> = root;
    tokens.forEach((token, i) => {
      if (i === tokens.length - 1) {
        Object.defineProperty(node, token, { value: leaf, enumerable: true, writable: true });
        return;
      }
      if (!Object.hasOwn(node, token)) {
        const child = /^\d+$/.test(tokens[i + 1]!) ? [] : {};
        Object.defineProperty(node, token, { value: child, enumerable: true, writable: true });
      }
      node = node[token] as Record<string, unknown>;
    });
  }
  return root;
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
