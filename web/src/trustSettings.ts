// The trust part of the settings: the built-in known deployments (which can be switched off), the
// registries the user typed and those loaded from deployments files, and the "Trusting: …" lines
// that say what all of it amounts to. Only the user's own input reaches here, never a link.
import { knownTrust, type TrustedRegistry } from "../../src/verifier/index.ts";
import { byId, h, setText } from "./dom.ts";
import { t } from "./language.ts";
import {
  loadSettings,
  parseDeploymentFile,
  parseTrustedRegistries,
  SettingsError,
  saveSettings,
  trustList,
} from "./settings.ts";
import { trustSummary } from "./trustSummary.ts";

/** A deployments record is a few hundred bytes; anything large is the wrong file. */
const MAX_DEPLOYMENT_BYTES = 256 * 1024;

const builtInTrust = byId<HTMLInputElement>("built-in-trust");
const builtInList = byId<HTMLUListElement>("built-in-list");
const trustedRegistries = byId<HTMLTextAreaElement>("trusted-registries");
const deploymentFile = byId<HTMLInputElement>("deployment-file");
const deploymentList = byId<HTMLUListElement>("trusted-deployments");
const trustError = byId<HTMLParagraphElement>("trust-error");
const summary = byId<HTMLElement>("settings-trust");

const stored = loadSettings();
let deployments: TrustedRegistry[] = stored.trustedDeployments;
builtInTrust.checked = stored.builtInTrust;
trustedRegistries.value = stored.trustedRegistries;

/** Starts listening to the trust fields; `onError` shows a problem with a deployments file. */
export function initTrustSettings(onError: (message: string, field: HTMLElement) => void): void {
  const known = knownTrust();
  builtInList.replaceChildren(
    ...(known.length === 0
      ? [h("li", { class: "muted" }, "none yet: no public deployment is built in")]
      : known.map((t) => h("li", {}, `${t.label} on eip155:${t.chainId}: `, code(t)))),
  );
  builtInTrust.addEventListener("change", () => {
    saveSettings({ builtInTrust: builtInTrust.checked });
    refresh();
  });
  trustedRegistries.addEventListener("input", () => {
    saveSettings({ trustedRegistries: trustedRegistries.value });
    refresh();
  });
  deploymentFile.addEventListener("change", () => {
    const file = deploymentFile.files?.[0];
    deploymentFile.value = "";
    if (file !== undefined) void addDeployment(file, onError);
  });
  refresh();
}

/** The trust list to verify with; throws a SettingsError naming the bad line. */
export function currentTrust(): TrustedRegistry[] {
  return trustList({
    builtInTrust: builtInTrust.checked,
    trustedDeployments: deployments,
    trustedRegistries: parseTrustedRegistries(trustedRegistries.value),
  });
}

async function addDeployment(
  file: File,
  onError: (message: string, field: HTMLElement) => void,
): Promise<void> {
  if (file.size > MAX_DEPLOYMENT_BYTES) {
    onError(`${file.name} is too large to be a deployments record.`, deploymentFile);
    return;
  }
  let entry: TrustedRegistry;
  try {
    entry = parseDeploymentFile(await file.text(), file.name);
  } catch (error) {
    onError((error as Error).message, deploymentFile);
    return;
  }
  deployments = [...deployments.filter((d) => !sameRegistry(d, entry)), entry];
  saveSettings({ trustedDeployments: deployments });
  refresh();
}

function removeDeployment(entry: TrustedRegistry): void {
  deployments = deployments.filter((d) => !sameRegistry(d, entry));
  saveSettings({ trustedDeployments: deployments });
  refresh();
}

/** Redraws the loaded files and the summary; a bad line shows in place of the summary. */
function refresh(): void {
  deploymentList.replaceChildren(
    ...deployments.map((entry) =>
      h(
        "li",
        { class: "trusted-deployment" },
        h("span", {}, `${entry.label} on eip155:${entry.chainId}: `, code(entry)),
        remove(entry),
      ),
    ),
  );
  try {
    const trust = currentTrust();
    trustError.hidden = true;
    summary.replaceChildren(trustSummary(trust, "settings-trust-lines"));
    trustedRegistries.removeAttribute("aria-invalid");
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    setText(trustError, error.message);
    trustError.hidden = false;
    summary.replaceChildren();
    trustedRegistries.setAttribute("aria-invalid", "true");
  }
}

function remove(entry: TrustedRegistry): HTMLButtonElement {
  const button = h(
    "button",
    { type: "button", class: "button button--secondary button--small" },
    t("trustRemove"),
  );
  button.setAttribute("aria-label", t("trustStop", { label: entry.label }));
  button.addEventListener("click", () => removeDeployment(entry));
  return button;
}

function code(entry: TrustedRegistry): HTMLElement {
  return h("code", { class: "mono" }, entry.credentialRegistry);
}

function sameRegistry(a: TrustedRegistry, b: TrustedRegistry): boolean {
  return (
    a.chainId === b.chainId &&
    a.credentialRegistry.toLowerCase() === b.credentialRegistry.toLowerCase()
  );
}
