// The verifier page: takes a credential (dropped or chosen file, pasted JSON, or a link), the
// verifier's RPC URL, trusted registries and bodies, runs the SDK's verify() in the browser and
// draws the report. No backend: the only requests are the RPC calls, the credential link's
// download and the issuer's certificate template when a binding names its https URL (never
// needed to verify). A link opens a credential and nothing else: trust comes only from the settings.
import "./style.css";
import { checkThirdParty } from "../../src/thirdParty/index.ts";
import { verify } from "../../src/verifier/index.ts";
import { certificateFigure } from "./certificateFigure.ts";
import { credentialLinkFrom, fetchCredentialText } from "./credentialLink.ts";
import { byId, h, setText } from "./dom.ts";
import { showHolderPanel } from "./holderPanel.ts";
import {
  certificateTemplateFor,
  isTemplateBinding,
  MAX_TEMPLATE_BYTES,
  svgRenderingTemplateIn,
  type TemplateFiles,
  wordsIn,
} from "./issuerTemplate.ts";
import { STATUS_TEXT } from "./labels.ts";
import { language, t } from "./language.ts";
import { renderReport } from "./renderReport.ts";
import {
  loadSettings,
  parseRpcUrl,
  parseTrustedBodies,
  SettingsError,
  saveSettings,
} from "./settings.ts";
import { openSharedCredential, shareFrom } from "./shareLink.ts";
import { showSharePanel } from "./sharePanel.ts";
import { translatePage } from "./translatePage.ts";
import { currentTrust, initTrustSettings } from "./trustSettings.ts";

translatePage(language);

/** Larger files are not credentials; reading them would only freeze the tab. */
const MAX_CREDENTIAL_BYTES = 10 * 1024 * 1024;

const form = byId<HTMLFormElement>("verify-form");
const dropZone = byId<HTMLDivElement>("drop-zone");
const fileInput = byId<HTMLInputElement>("file-input");
const fileName = byId<HTMLParagraphElement>("file-name");
const credentialJson = byId<HTMLTextAreaElement>("credential-json");
const credentialUrl = byId<HTMLInputElement>("credential-url");
const loadUrlButton = byId<HTMLButtonElement>("load-url");
const rpcUrl = byId<HTMLInputElement>("rpc-url");
const trustedBodies = byId<HTMLTextAreaElement>("trusted-bodies");
const formError = byId<HTMLParagraphElement>("form-error");
const verifyButton = byId<HTMLButtonElement>("verify-button");
const result = byId<HTMLElement>("result");
const announcer = byId<HTMLParagraphElement>("announcer");
const shareNote = byId<HTMLParagraphElement>("share-note");
const sharePanel = byId<HTMLElement>("share-panel");
const holderPanel = byId<HTMLElement>("holder-panel");

/** Where the text in the paste box came from, copied into the report. */
let source = "pasted JSON";
/** Bumped by each run, so a slow earlier run never overwrites a later one's report. */
let run = 0;
/** The issuer's template and its binding, dropped with (or after) the credential shown. */
let templateFiles: TemplateFiles = {};

setText(byId<HTMLParagraphElement>("template-hint"), wordsIn(language)("dropHint"));

const stored = loadSettings();
rpcUrl.value = stored.rpcUrl;
trustedBodies.value = stored.trustedBodies;

// Remembered as typed, so a credential link opened later is checked against the same settings.
rpcUrl.addEventListener("input", () => saveSettings({ rpcUrl: rpcUrl.value.trim() }));
trustedBodies.addEventListener("input", () => saveSettings({ trustedBodies: trustedBodies.value }));
initTrustSettings((message, field) => {
  clearError();
  showError(message, field);
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void verifyCredential();
});

credentialJson.addEventListener("input", () => {
  source = "pasted JSON";
  templateFiles = {};
  shareNote.hidden = true;
  fileName.hidden = true;
  clearResult();
});

fileInput.addEventListener("change", () => {
  const files = [...(fileInput.files ?? [])];
  if (files.length > 0) void useFiles(files);
  fileInput.value = "";
});

// Files dropped anywhere on the page count: a missed drop must not navigate away from it.
let dragDepth = 0;
window.addEventListener("dragenter", (event) => {
  if (!carriesFiles(event)) return;
  dragDepth += 1;
  dropZone.classList.add("drop-zone--active");
});
window.addEventListener("dragleave", () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropZone.classList.remove("drop-zone--active");
});
window.addEventListener("dragover", (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  if (event.dataTransfer !== null) event.dataTransfer.dropEffect = "copy";
});
window.addEventListener("drop", (event) => {
  if (!carriesFiles(event)) return;
  // A deployments file dropped on its own input is for the settings, not a credential.
  if (event.target instanceof HTMLInputElement && event.target.type === "file") {
    dropZone.classList.remove("drop-zone--active");
    dragDepth = 0;
    return;
  }
  event.preventDefault();
  dragDepth = 0;
  dropZone.classList.remove("drop-zone--active");
  const files = [...(event.dataTransfer?.files ?? [])];
  if (files.length > 0) void useFiles(files);
});

loadUrlButton.addEventListener("click", () => void useLink(credentialUrl.value));
credentialUrl.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  void useLink(credentialUrl.value);
});

window.addEventListener("hashchange", openLinkedCredential);
openLinkedCredential();

function openLinkedCredential(): void {
  let share: ReturnType<typeof shareFrom>;
  try {
    share = shareFrom(window.location);
  } catch (error) {
    showError((error as Error).message);
    return;
  }
  if (share !== null) {
    void useShare(share);
    return;
  }
  const link = credentialLinkFrom(window.location);
  if (link === null) return;
  credentialUrl.value = link;
  void useLink(link);
}

async function useShare(share: NonNullable<ReturnType<typeof shareFrom>>): Promise<void> {
  clearError();
  clearResult();
  let opened: Awaited<ReturnType<typeof openSharedCredential>>;
  try {
    opened = await openSharedCredential(share);
  } catch (error) {
    showError((error as Error).message);
    return;
  }
  credentialJson.value = opened.text;
  templateFiles = {};
  source = opened.source;
  fileName.hidden = true;
  setText(shareNote, opened.note);
  shareNote.hidden = false;
  await verifyCredential();
}

/**
 * Files chosen or dropped together: the credential, and beside it the issuer's certificate
 * template (.svg) and its binding (render-method.json). A template or binding alone is for the
 * credential already shown, which is drawn again.
 */
async function useFiles(files: readonly File[]): Promise<void> {
  const given: TemplateFiles = {};
  let credential: { file: File; text: string } | undefined;
  for (const file of files) {
    const isSvg = /\.svg$/i.test(file.name) || file.type === "image/svg+xml";
    if (file.size > (isSvg ? MAX_TEMPLATE_BYTES : MAX_CREDENTIAL_BYTES)) {
      clearError();
      showError(`${file.name} is ${megabytes(file.size)}; a credential file is far smaller.`);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      clearError();
      showError(t("pageReadFailed", { file: file.name, reason: (error as Error).message }));
      return;
    }
    if (isSvg) {
      given.template = { name: file.name, bytes };
      continue;
    }
    const text = new TextDecoder().decode(bytes);
    const binding = parsedBinding(text);
    if (binding !== null) given.binding = { name: file.name, method: binding };
    else credential ??= { file, text };
  }
  if (credential === undefined) {
    if (credentialJson.value.trim() === "") {
      clearError();
      showError(t("pageNothingToVerify"), credentialJson);
      return;
    }
    templateFiles = { ...templateFiles, ...given };
    await verifyCredential();
    return;
  }
  templateFiles = given;
  await useFile(credential.file, credential.text);
}

/** A render-method.json's binding (undefined when unusable), or null for any other file. */
function parsedBinding(text: string): ReturnType<typeof svgRenderingTemplateIn> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return isTemplateBinding(value) ? svgRenderingTemplateIn(value) : null;
}

async function useFile(file: File, text: string): Promise<void> {
  clearError();
  clearResult();
  if (file.size > MAX_CREDENTIAL_BYTES) {
    showError(`${file.name} is ${megabytes(file.size)}; a credential file is far smaller.`);
    return;
  }
  credentialJson.value = text;
  source = file.name;
  shareNote.hidden = true;
  setText(fileName, t("pageLoaded", { file: file.name, size: megabytes(file.size) }));
  fileName.hidden = false;
  await verifyCredential();
}

async function useLink(link: string): Promise<void> {
  clearError();
  clearResult();
  if (link.trim() === "") {
    showError(t("pageEnterLink"), credentialUrl);
    return;
  }
  loadUrlButton.disabled = true;
  let text: string;
  try {
    text = await fetchCredentialText(link.trim(), window.location.href);
  } catch (error) {
    showError((error as Error).message, credentialUrl);
    return;
  } finally {
    loadUrlButton.disabled = false;
  }
  credentialJson.value = text;
  templateFiles = {};
  source = link.trim();
  shareNote.hidden = true;
  fileName.hidden = true;
  await verifyCredential();
}

async function verifyCredential(): Promise<void> {
  clearError();
  const text = credentialJson.value;
  if (text.trim() === "") {
    showError(t("pageNothingToVerify"), credentialJson);
    return;
  }
  let rpc: string;
  let trust: ReturnType<typeof currentTrust>;
  let trusted: ReturnType<typeof parseTrustedBodies>;
  try {
    rpc = parseRpcUrl(rpcUrl.value);
    trust = currentTrust();
    trusted = parseTrustedBodies(trustedBodies.value);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    showError(error.message, byId(error.field));
    return;
  }
  saveSettings({ rpcUrl: rpc });

  const thisRun = ++run;
  showPending();
  // Fetched (when it is a URL) while the chain is read; never part of the verdict.
  const drawing = certificateTemplateFor(text, templateFiles, language);
  try {
    const report = await verify(text, {
      rpcUrls: [rpc],
      trust,
      ...(trusted === undefined ? {} : { trustedBodies: trusted }),
      source,
      timeoutMs: 8_000,
      retryCount: 1,
      // Other issuers' Open Badges: their DID documents and status lists are fetched over HTTPS.
      thirdParty: checkThirdParty,
    });
    if (thisRun !== run) return;
    result.replaceChildren(renderReport(report, trust, language));
    // The certificate first, after the verdict and whose it is; the checks after it.
    const figure = certificateFigure(text, language, await drawing);
    if (thisRun !== run) return;
    if (figure !== null) {
      const trustLine = result.querySelector("#result-trust");
      if (trustLine === null) result.append(figure);
      else trustLine.before(figure);
    }
    showSharePanel(sharePanel, text, window.location.href);
    // A holder with their own file (not an employer opening a share) chooses what to show; the
    // switches make the copy the share panel shares.
    if (shareNote.hidden) {
      const { template } = await drawing;
      showHolderPanel(holderPanel, text, {
        language,
        ...(template === undefined ? {} : { template }),
        onCopy: (copy) => showSharePanel(sharePanel, copy, window.location.href),
      });
    }
    announcer.textContent = t("pageFinished", { status: STATUS_TEXT[report.status].title });
    const banner = byId<HTMLElement>("status");
    banner.scrollIntoView({ block: "start" });
    banner.focus({ preventScroll: true });
  } catch (error) {
    // verify() reports every finding; it throws only for options it cannot use.
    if (thisRun !== run) return;
    result.hidden = true;
    showError((error as Error).message, rpcUrl);
  } finally {
    if (thisRun === run) {
      verifyButton.disabled = false;
      verifyButton.textContent = t("pageVerify");
      result.removeAttribute("aria-busy");
    }
  }
}

function showPending(): void {
  verifyButton.disabled = true;
  verifyButton.textContent = t("pageVerifying");
  result.hidden = false;
  result.setAttribute("aria-busy", "true");
  result.replaceChildren(
    h(
      "div",
      { class: "banner banner--pending", id: "status", "data-status": "pending" },
      h("span", { class: "banner__icon spinner", "aria-hidden": "true" }),
      h(
        "div",
        { class: "banner__body" },
        h("h2", { class: "banner__title", id: "status-title" }, t("pageVerifying")),
        h("p", { class: "banner__summary" }, t("pageReading", { rpc: rpcUrl.value })),
      ),
    ),
  );
  announcer.textContent = t("pageVerifying");
}

/** Forgets the shown report (and any run still going), so it never sits next to other input. */
function clearResult(): void {
  run += 1;
  sharePanel.hidden = true;
  holderPanel.hidden = true;
  result.hidden = true;
  result.replaceChildren();
  result.removeAttribute("aria-busy");
  verifyButton.disabled = false;
  verifyButton.textContent = t("pageVerify");
}

function showError(message: string, field?: HTMLElement): void {
  setText(formError, message);
  formError.hidden = false;
  if (field !== undefined) {
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", "form-error");
    field.focus();
  }
}

function clearError(): void {
  formError.hidden = true;
  formError.textContent = "";
  for (const field of form.querySelectorAll("[aria-invalid]")) {
    field.removeAttribute("aria-invalid");
    field.removeAttribute("aria-describedby");
  }
}

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes("Files") ?? false;
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024)} kB`
    : `${(bytes / 1048576).toFixed(1)} MB`;
}
