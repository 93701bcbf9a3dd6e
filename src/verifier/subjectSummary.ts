// Whose credential it is and what it says, for the line beside the verdict: the holder's name (or
// that the holder hid it), the achievement, the award date and the results. Built only from the
// claims the file proves (the report's `disclosed`, empty unless integrity passed), never from
// unchecked text.
import type { JsonPointer, JsonValue } from "../credential/index.ts";
import type { SubjectSummary } from "./types.ts";

const IDENTIFIER = "/credentialSubject/identifier/";
const RESULT = "/credentialSubject/result/";
const DESCRIPTIONS = "/credentialSubject/achievement/resultDescription/";

export function subjectSummary(
  disclosed: Readonly<Record<JsonPointer, JsonValue>>,
  hidden: readonly JsonPointer[],
  validFrom: string | null,
  validFromHidden: boolean,
): SubjectSummary {
  const text = (pointer: JsonPointer): string | null => {
    const value = disclosed[pointer];
    return typeof value === "string" ? value : null;
  };
  let name: string | null = null;
  for (const index of itemIndices(Object.keys(disclosed), IDENTIFIER)) {
    const item = `${IDENTIFIER}${index}`;
    if (text(`${item}/identityType`) === "name" && disclosed[`${item}/hashed`] === false) {
      name = text(`${item}/identityHash`);
      if (name !== null) break;
    }
  }
  const resultNames = new Map<string, string>();
  for (const index of itemIndices(Object.keys(disclosed), DESCRIPTIONS)) {
    const id = text(`${DESCRIPTIONS}${index}/id`);
    const described = text(`${DESCRIPTIONS}${index}/name`);
    if (id !== null && described !== null) resultNames.set(id, described);
  }
  const results = itemIndices(Object.keys(disclosed), RESULT).map((index) => {
    const item = `${RESULT}${index}`;
    const description = text(`${item}/resultDescription`);
    return {
      name: description === null ? null : (resultNames.get(description) ?? null),
      value: scalar(disclosed[`${item}/value`]),
      status: text(`${item}/status`),
    };
  });
  const shownResults = new Set(itemIndices(Object.keys(disclosed), RESULT));
  const hiddenResults = itemIndices(hidden, RESULT).filter((i) => !shownResults.has(i));
  return {
    name,
    nameHidden: name === null && hidden.some((p) => p.startsWith(IDENTIFIER)),
    achievement: text("/credentialSubject/achievement/name"),
    awardDate: validFrom,
    awardDateHidden: validFromHidden,
    results,
    resultsHidden: hiddenResults.length,
  };
}

/** The distinct array indices under `prefix` (".../result/" -> 0, 1, ...), ascending. */
function itemIndices(pointers: readonly JsonPointer[], prefix: string): number[] {
  const indices = new Set<number>();
  for (const pointer of pointers) {
    if (!pointer.startsWith(prefix)) continue;
    const token = pointer.slice(prefix.length).split("/")[0]!;
    if (/^\d+$/.test(token)) indices.add(Number(token));
  }
  return [...indices].sort((a, b) => a - b);
}

function scalar(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
