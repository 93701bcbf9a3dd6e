// fast-check generators of credanchor v2 documents for the canonicaliser's equality property:
// every optional member, fuzzed Unicode (quotes, backslashes, control characters), numbers that
// are integers and doubles, disclosed shapes (members gone, nulls in arrays), and identical
// sibling objects (blank nodes whose first-degree hashes tie).
import fc from "fast-check";

type Json = Record<string, unknown>;

export const CONTEXT = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
  "https://w3id.org/credanchor/v2",
];

/** Any text, including the characters N-Quads must escape. */
export const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 16 }),
  fc.constantFrom('"', "\\", "\n\r\t\b\f", "\u0000\u001f\u007f", "é", "😀", "a\u0301", " "),
);

const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString("hex"));

export const iri = fc.oneof(
  fc.uuid().map((u) => `urn:uuid:${u}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  hex(8).map((h) => `https://registrar.example.edu/achievements/${h}`),
);

const didKey = fc.constantFrom(
  "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
  "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
);

export const dateTime = fc
  .date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, "Z"));

const number = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 7.5, 180, 1e21, 1.5e-7, 123456789.125),
);

const image = fc.record(
  { id: iri, type: fc.constant("Image"), caption: text },
  { requiredKeys: ["id", "type"] },
);

/** Optional members: each present or absent, as a full or disclosed credential has them. */
const optional = <T extends Json>(
  model: { [K in keyof T]: fc.Arbitrary<T[K]> },
  required: (keyof T)[],
) => fc.record(model, { requiredKeys: required as never });

/** An array whose items may be hidden (null), sometimes made of one repeated item (tied nodes). */
function disclosedArray<T>(item: fc.Arbitrary<T>, maxLength = 3): fc.Arbitrary<(T | null)[]> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.array(fc.option(item, { nil: null, freq: 4 }), { maxLength }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(item, fc.integer({ min: 2, max: 3 }))
        .map(([one, n]) => Array(n).fill(one)),
    },
  );
}

const identityObject = optional(
  {
    type: fc.constant("IdentityObject"),
    identityType: fc.constantFrom("name", "emailAddress", "sisSourcedId", "ext:staffNumber"),
    hashed: fc.boolean(),
    identityHash: fc.oneof(
      text,
      hex(32).map((h) => `sha256$${h}`),
    ),
    salt: text,
  },
  ["type", "identityType", "hashed"],
);

const resultDescription = fc.record({
  id: iri,
  type: fc.constant(["ResultDescription"]),
  name: text,
  resultType: fc.constantFrom("GradePointAverage", "LetterGrade", "ext:Honours"),
});

const result = optional(
  {
    type: fc.constant(["Result"]),
    resultDescription: iri,
    value: text,
    status: fc.constantFrom("Completed", "Enrolled"),
  },
  ["type"],
);

const evidence = optional(
  {
    id: iri,
    type: fc.constant(["Evidence"]),
    name: text,
    description: text,
    narrative: text,
    genre: text,
    audience: text,
  },
  ["type"],
);

const achievement = optional(
  {
    id: iri,
    type: fc.constant(["Achievement"]),
    name: text,
    description: text,
    criteria: optional({ id: iri, narrative: text }, []),
    achievementType: fc.constantFrom("BachelorDegree", "Certificate", "ext:Diploma"),
    fieldOfStudy: text,
    humanCode: text,
    creditsAvailable: number,
    tag: fc.array(text, { maxLength: 3 }),
    image,
    resultDescription: fc.array(resultDescription, { maxLength: 2 }),
  },
  ["id", "type"],
);

const subject = optional(
  {
    id: iri,
    type: fc.constant(["AchievementSubject"]),
    identifier: disclosedArray(identityObject),
    achievement,
    result: disclosedArray(result),
    creditsEarned: number,
    term: text,
    activityStartDate: dateTime,
    activityEndDate: dateTime,
  },
  ["type", "achievement"],
);

const issuer = optional(
  {
    id: didKey,
    type: fc.constant(["Profile"]),
    name: text,
    url: iri,
    email: text,
    description: text,
    image,
  },
  ["id", "type"],
);

const status = fc
  .record({
    list: hex(16).map((h) => `https://registrar.example.edu/credanchor/status/${h}.json`),
    index: fc.nat({ max: 131_071 }),
    chainId: fc.constantFrom("eip155:84532", "eip155:8453", "eip155:31337"),
    registryAddress: fc.constant("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
    issuerAddress: fc.constant("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
    credentialType: text,
    batchRoot: fc.option(
      hex(32).map((h) => `0x${h}`),
      { nil: undefined },
    ),
  })
  .map(({ list, index, batchRoot, ...rest }) => ({
    id: `${list}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(index),
    statusListCredential: list,
    ...rest,
    batchIndex: index,
    ...(batchRoot === undefined ? {} : { batchRoot }),
  }));

/** A credanchor v2 credential without `proof`: the document eddsa-rdfc-2022 signs. */
export const unsignedCredential: fc.Arbitrary<Json> = optional(
  {
    "@context": fc.constant(CONTEXT),
    id: fc.uuid().map((u) => `urn:uuid:${u}`),
    type: fc.constant(["VerifiableCredential", "OpenBadgeCredential"]),
    name: text,
    issuer,
    validFrom: dateTime,
    validUntil: dateTime,
    credentialSubject: subject,
    evidence: disclosedArray(evidence),
    credentialSchema: fc.constant([
      {
        id: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        type: "1EdTechJsonSchemaValidator2019",
      },
    ]),
    credentialStatus: status,
  },
  ["@context", "id", "type", "issuer", "validFrom", "credentialSubject", "credentialStatus"],
);

/** The anchor proof (test double values), as the first item of a v2 proof set. */
export const anchorProof = fc
  .record({
    created: dateTime,
    digest: hex(32),
    claims: fc.dictionary(
      fc.string().map((s) => `/${s}`),
      fc.oneof(
        hex(16).map((salt) => ({ salt })),
        hex(32).map((d) => ({ digest: `0x${d}` })),
      ),
      { maxKeys: 4 },
    ),
    encryptedCopy: fc.option(fc.record({ cid: text, key: hex(32) }), { nil: undefined }),
  })
  .map(({ created, digest, claims, encryptedCopy }) => ({
    type: "CredanchorMerkleProof",
    cryptosuite: "credanchor-keccak-jcs-v2",
    created,
    proofPurpose: "assertionMethod",
    verificationMethod:
      "did:pkh:eip155:84532:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266#blockchainAccountId",
    credentialDigest: `0x${digest}`,
    claims,
    anchor: {
      chainId: "eip155:84532",
      merkleRoot: `0x${"ab".repeat(32)}`,
      leafIndex: 3,
      merkleProof: [`0x${"ef".repeat(32)}`],
      transactionHash: `0x${"12".repeat(32)}`,
      leafCount: 1000,
    },
    ...(encryptedCopy === undefined ? {} : { encryptedCopy }),
  }));

/** A proof configuration as eddsa-rdfc-2022 canonicalises it (under the document's context). */
export const proofConfig = fc
  .record({ created: dateTime, key: didKey })
  .map(({ created, key }) => ({
    "@context": CONTEXT,
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-rdfc-2022",
    created,
    verificationMethod: `${key}#${key.slice("did:key:".length)}`,
    proofPurpose: "assertionMethod",
  }));

/** A BitstringStatusListCredential (the published list) without proof. */
export const statusListCredential = fc
  .record({
    id: hex(16),
    from: dateTime,
    until: fc.option(dateTime, { nil: undefined }),
    key: didKey,
  })
  .map(({ id, from, until, key }) => ({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: `https://registrar.example.edu/credanchor/status/${id}.json`,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: key,
    validFrom: from,
    ...(until === undefined ? {} : { validUntil: until }),
    credentialSubject: {
      id: `https://registrar.example.edu/credanchor/status/${id}.json#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: `uH4sIAAAAAAAAA-3BMQ0AAAACIGf${id}`,
    },
  }));
