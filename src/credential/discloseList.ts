// What a holder can choose from: every claim of a credential, whether this copy shows it, and
// whether a disclosed copy may hide it (section 7 of docs/format.md). `credanchor disclose
// --list` and the holder page print it with human labels.

import { valueAt } from "../values/index.ts";
import { isAlwaysDisclosed } from "./claims.ts";
import { CredentialIntegrityError } from "./errors.ts";
import { parsePointer } from "./jsonPointer.ts";
import type { JsonPointer } from "./types.ts";
import { inspectCredential } from "./verifyIntegrity.ts";

/**
 * yes: a copy may hide it. always: every copy shows it (issuer, type, expiry, status,
 * achievement). withObject: it says what kind of object a value belongs to (a `type`, an
 * identifier's `identityType` and `hashed`), so it is hidden only with that whole object.
 */
export type Hideable = "yes" | "always" | "withObject";

export type DisclosureChoice = {
  pointer: JsonPointer;
  /** False when this file already hides it (a disclosed copy): it cannot be shown again. */
  shown: boolean;
  /** The value, when shown. */
  value?: unknown;
  hideable: Hideable;
};

/** Every claim of `credential` in the order of its anchor proof's `claims`. */
export function listDisclosureChoices(credential: unknown): DisclosureChoice[] {
  const inspection = inspectCredential(credential);
  if (inspection.failures.length > 0) {
    const id = valueAt(credential, ["id"]);
    throw new CredentialIntegrityError(
      typeof id === "string" ? id : "(no id)",
      inspection.failures,
    );
  }
  return inspection.claims.map((claim) => ({
    pointer: claim.pointer,
    shown: claim.disclosed,
    ...(claim.disclosed ? { value: claim.value } : {}),
    hideable: hideableOf(claim.pointer, credential),
  }));
}

function hideableOf(pointer: JsonPointer, credential: unknown): Hideable {
  if (isAlwaysDisclosed(pointer)) return "always";
  const tokens = parsePointer(pointer);
  // The kind members of an object below the root: `.../type` (and `.../type/0`), and an
  // IdentityObject's identityType and hashed.
  for (let depth = 1; depth < tokens.length; depth++) {
    const member = tokens[depth]!;
    if (member === "type") return "withObject";
    if (member === "identityType" || member === "hashed") {
      const owner = valueAt(credential, tokens.slice(0, depth));
      const type =
        owner !== null && typeof owner === "object"
          ? (owner as { type?: unknown }).type
          : undefined;
      if (type === "IdentityObject" || type === undefined) return "withObject";
    }
  }
  return "yes";
}
