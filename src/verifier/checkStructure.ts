// The structure check's result from the problems a structure reader found: well formed (in the
// words of the standard checked), or the first problem by pointer and how many more there are.
import { check } from "./check.ts";
import type { CheckPhrase } from "./checkCodes.ts";
import type { VerificationCheck } from "./types.ts";

type StructureProblem = { pointer: string; message: string };

/** `passed`: the English sentence for a well-formed file, `phrase` its catalogue phrase. */
export function structureCheck(
  problems: readonly StructureProblem[],
  passed: string,
  phrase: CheckPhrase,
): VerificationCheck {
  if (problems.length === 0) return check("structure", "pass", "STRUCTURE_OK", passed, { phrase });
  return structureInvalid(problems);
}

function structureInvalid(problems: readonly StructureProblem[]) {
  const [first] = problems;
  const more = problems.length - 1;
  return check(
    "structure",
    "fail",
    "STRUCTURE_INVALID",
    `"${first!.pointer}" ${first!.message}${more > 0 ? ` (and ${more} more)` : ""}`,
    {
      pointer: first!.pointer,
      problem: first!.message,
      more,
      phrase: more > 0 ? "more-problems" : "one-problem",
    },
  );
}
