// The status precedence, check by check: the most severe proven status wins, and a check that
// could not be made turns the answer into "unverifiable" only when it might have proved worse.
import { expect } from "chai";
import { overallStatus } from "../../src/verifier/overallStatus.ts";
import { CHECK_IDS, type CheckId, type VerificationCheck } from "../../src/verifier/types.ts";

type Outcome = Partial<Record<CheckId, ["fail" | "error" | "skipped", string]>>;

function checks(outcome: Outcome): VerificationCheck[] {
  return CHECK_IDS.map((id) => {
    const [result, code] = outcome[id] ?? ["pass", "OK"];
    return { id, result, code, message: `${id}: ${code}` };
  });
}

function statusOf(outcome: Outcome) {
  return overallStatus(checks(outcome)).status;
}

describe("verifier/overallStatus", () => {
  it("is valid when every check passes, with no cause", () => {
    expect(overallStatus(checks({}))).to.deep.equal({ status: "valid", cause: null });
  });

  it("ranks invalid over untrusted-registry over revoked over suspended over expired over not-accredited", () => {
    const all: Outcome = {
      integrity: ["fail", "INTEGRITY_DIGEST_MISMATCH"],
      trust: ["fail", "REGISTRY_NOT_TRUSTED"],
      revocation: ["fail", "REVOKED"],
      suspension: ["fail", "SUSPENDED"],
      "validity-period": ["fail", "EXPIRED"],
      "accreditation-at-anchoring": ["fail", "NOT_ACCREDITED"],
    };
    const order: [CheckId, string][] = [
      ["integrity", "invalid"],
      ["trust", "untrusted-registry"],
      ["revocation", "revoked"],
      ["suspension", "suspended"],
      ["validity-period", "expired"],
      ["accreditation-at-anchoring", "not-accredited"],
    ];
    const remaining = { ...all };
    for (const [id, status] of order) {
      expect(statusOf(remaining), id).to.equal(status);
      delete remaining[id];
    }
    expect(statusOf(remaining)).to.equal("valid");
  });

  it("names the check that decided as the cause", () => {
    const { cause } = overallStatus(
      checks({
        "batch-revocation": ["fail", "BATCH_REVOKED"],
        "accreditation-at-anchoring": ["fail", "NOT_ACCREDITED"],
      }),
    );
    expect(cause).to.deep.equal({
      check: "batch-revocation",
      code: "BATCH_REVOKED",
      message: "batch-revocation: BATCH_REVOKED",
    });
  });

  it("is unverifiable, not valid, when the chain could not be read", () => {
    expect(statusOf({ chain: ["error", "RPC_UNREACHABLE"] })).to.equal("unverifiable");
    expect(statusOf({ anchor: ["error", "RPC_RESPONSE_INVALID"] })).to.equal("unverifiable");
  });

  it("is unverifiable, not expired, when the chain that could have said worse could not be read", () => {
    expect(
      statusOf({ chain: ["error", "RPC_UNREACHABLE"], "validity-period": ["fail", "EXPIRED"] }),
    ).to.equal("unverifiable");
  });

  it("stays invalid when a local check failed, whatever the network did", () => {
    expect(
      statusOf({ inclusion: ["fail", "NOT_INCLUDED"], chain: ["error", "RPC_UNREACHABLE"] }),
    ).to.equal("invalid");
    expect(
      statusOf({
        "validity-period": ["fail", "NOT_YET_VALID"],
        chain: ["error", "RPC_UNREACHABLE"],
      }),
    ).to.equal("invalid");
  });

  it("stays revoked when only a less severe check (trusted accreditation) could not be made", () => {
    expect(
      statusOf({
        revocation: ["fail", "REVOKED"],
        "accreditation-at-anchoring": ["error", "RPC_UNREACHABLE"],
      }),
    ).to.equal("revoked");
  });

  it("never lets accreditation now decide: it is information", () => {
    expect(statusOf({ "accreditation-now": ["fail", "NOT_ACCREDITED_NOW"] })).to.equal("valid");
    expect(statusOf({ "accreditation-now": ["error", "RPC_UNREACHABLE"] })).to.equal("valid");
  });

  it("ignores skipped checks", () => {
    expect(statusOf({ revocation: ["skipped", "NOT_CHECKED"] })).to.equal("valid");
  });
});
