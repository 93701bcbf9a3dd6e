// What the verifier trusts, said in words wherever a verdict is read: one "Trusting: <label> on
// eip155:<chain id>" line per registry, from the SDK's describeTrust so the page and the CLI agree.
import { describeTrust, type TrustedRegistry } from "../../src/verifier/index.ts";
import { h } from "./dom.ts";

export function trustSummary(trust: readonly TrustedRegistry[], id: string): HTMLElement {
  const lines = describeTrust(trust).split("\n");
  return h(
    "ul",
    {
      class: `trust-summary${trust.length === 0 ? " trust-summary--empty" : ""}`,
      id,
      "data-trusted": String(trust.length),
    },
    ...lines.map((line) => h("li", {}, line)),
  );
}
