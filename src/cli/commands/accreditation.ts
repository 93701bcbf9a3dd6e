// What an accreditation body does: `accredit` an issuer, under its legal name, for a credential
// type over a window of time, `accreditation suspend|reinstate|withdraw` it, and `accreditations`
// to list the terms with their state now. The signer is the body. A grant counts from when it is
// recorded on chain, never earlier: a past --valid-from is recorded as given but not backdated.
import type { Command } from "commander";
import { getBlock } from "viem/actions";
import {
  accreditIssuer,
  type ChainClient,
  classifyChainError,
  listAccreditations,
  reinstateAccreditation,
  suspendAccreditation,
  withdrawAccreditation,
} from "../../chain/index.ts";
import { neutralise } from "../../verifier/unsafeText.ts";
import {
  addNetworkOptions,
  addStoreOptions,
  markRequiredOptions,
  type NetworkOptions,
  requireWriter,
  type StoreOptions,
  storeContent,
  withContext,
} from "../context.ts";
import {
  chainNow,
  cidText,
  credentialTypeLabel,
  ISSUER_NAME_MAX_BYTES,
  isoTime,
  parseAddress,
  parseCredentialType,
  parseDisplayName,
  parseDomain,
  parseFileOrCid,
  parseMoment,
  storedLines,
} from "./args.ts";
import { chainReport, outputOf, transactionLine, transactionReport } from "./report.ts";

interface TypeOption {
  type: string;
}

export function register(program: Command): void {
  const before = program.commands.length;
  addNetworkOptions(
    addStoreOptions(
      program
        .command("accredit <issuer>")
        .description(
          "accredit an issuer under its legal name for a credential type (you sign as the accreditation body); the accreditation counts from when it is recorded on chain, even if --valid-from is earlier",
        )
        .requiredOption("--type <name>", "credential type, e.g. BachelorDegree")
        .requiredOption(
          "--legal-name <name>",
          `the issuer's legal name, which verifiers compare with the name in its credentials (1 to ${ISSUER_NAME_MAX_BYTES} bytes), e.g. "Northwind Polytechnic"`,
        )
        .option(
          "--domain <host>",
          "the issuer's web domain, e.g. northwind.example (default: none)",
        )
        .option(
          "--valid-from <date>",
          "start as stated in the review: YYYY-MM-DD (UTC), ISO date-time, Unix seconds or now; recorded as given, but an earlier date does not count: the grant counts from when it is recorded",
          "now",
        )
        .requiredOption(
          "--valid-until <date>",
          "end (exclusive): a date as for --valid-from, or forever",
        )
        .requiredOption(
          "--evidence <file|cid>",
          "the review report: a file, stored as-is on the content store (public IPFS if that store is public), so it must hold no personal data; or the CID of content already on IPFS",
        ),
    ),
    { signer: true },
  ).action(
    async (
      issuerArg: string,
      options: NetworkOptions &
        StoreOptions &
        TypeOption & {
          legalName: string;
          domain?: string;
          validFrom: string;
          validUntil: string;
          evidence: string;
        },
      command: Command,
    ) => {
      const issuer = parseAddress(issuerArg, "<issuer>");
      const credentialType = parseCredentialType(options.type, "--type");
      const issuerName = parseDisplayName(options.legalName, "--legal-name", ISSUER_NAME_MAX_BYTES);
      const issuerDomain = parseDomain(options.domain, "--domain");
      const evidence = await parseFileOrCid(options.evidence, "--evidence");
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const writer = requireWriter(context);
        const now = await chainNow(context.chain);
        const validFrom = parseMoment(options.validFrom, "--valid-from", { now });
        const validUntil = parseMoment(options.validUntil, "--valid-until", { now, forever: true });
        const [stored] = await storeContent([evidence], options);
        const sent = await accreditIssuer(writer, {
          accreditationRegistry: context.accreditationRegistry,
          issuer,
          credentialType,
          validFrom,
          validUntil,
          evidenceCid: stored!.cidBytes,
          issuerName,
          issuerDomain,
        });
        const recordedAt = await blockTime(context.chain, sent.blockNumber);
        // "now" means the block it lands in; only a date the user typed can be earlier.
        const backdated = options.validFrom.trim() !== "now" && validFrom < recordedAt;
        out.result(
          {
            ...chainReport(context),
            action: "accredit",
            body: context.account,
            issuer,
            issuerName,
            issuerDomain: issuerDomain === "" ? null : issuerDomain,
            credentialType: options.type,
            term: sent.term,
            validFrom: isoTime(validFrom),
            validUntil: isoTime(validUntil),
            recordedAt: isoTime(recordedAt),
            effectiveFrom: isoTime(Math.max(validFrom, recordedAt)),
            evidenceCid: stored!.cid,
            evidence: stored!,
            ...transactionReport(sent),
          },
          (r) =>
            [
              ...storedLines(r.evidence, "evidence"),
              `Accredited ${r.issuer} ${issuerText(r)} for ${r.credentialType} until ${r.validUntil} (term ${r.term}): ${transactionLine(r)}`,
              backdated
                ? `  counts from ${r.effectiveFrom}, when it was recorded: the earlier --valid-from ${r.validFrom} is kept in the record but does not count`
                : `  counts from ${r.effectiveFrom}`,
            ].join("\n"),
        );
      });
    },
  );

  const accreditation = program
    .command("accreditation")
    .description("accreditation body: suspend, reinstate or withdraw an accreditation");

  registerEnding(accreditation, "suspend");

  addNetworkOptions(
    accreditation
      .command("reinstate <issuer>")
      .description("end the suspension of your current accreditation of an issuer")
      .requiredOption("--type <name>", "credential type"),
    { signer: true },
  ).action(async (issuerArg: string, options: NetworkOptions & TypeOption, command: Command) => {
    const ref = {
      issuer: parseAddress(issuerArg, "<issuer>"),
      credentialType: parseCredentialType(options.type, "--type"),
    };
    const out = outputOf(command);
    await withContext(options, { signer: true }, async (context) => {
      const sent = await reinstateAccreditation(requireWriter(context), {
        accreditationRegistry: context.accreditationRegistry,
        ...ref,
      });
      out.result(
        {
          ...chainReport(context),
          action: "reinstate-accreditation",
          issuer: ref.issuer,
          credentialType: options.type,
          ...transactionReport(sent),
        },
        (r) =>
          `Reinstated the accreditation of ${r.issuer} for ${r.credentialType}: ${transactionLine(r)}`,
      );
    });
  });

  registerEnding(accreditation, "withdraw");

  addNetworkOptions(
    program
      .command("accreditations")
      .description(
        "list accreditation terms (from the registry's events and views) and their state now",
      )
      .option("--issuer <address>", "only this issuer")
      .option("--type <name>", "only this credential type")
      .option("--body <address>", "only this accreditation body"),
    { signer: false },
  ).action(
    async (
      options: NetworkOptions & { issuer?: string; type?: string; body?: string },
      command: Command,
    ) => {
      const filter = {
        ...(options.issuer !== undefined
          ? { issuer: parseAddress(options.issuer, "--issuer") }
          : {}),
        ...(options.type !== undefined
          ? { credentialType: parseCredentialType(options.type, "--type") }
          : {}),
        ...(options.body !== undefined ? { body: parseAddress(options.body, "--body") } : {}),
      };
      const out = outputOf(command);
      await withContext(options, { existingState: true }, async (context) => {
        const terms = await listAccreditations(
          context.chain,
          context.accreditationRegistry,
          filter,
          context.deployBlocks.accreditationRegistry,
        );
        const accreditations = terms.map((t) => ({
          issuer: t.issuer,
          issuerName: t.issuerName,
          issuerDomain: t.issuerDomain === "" ? null : t.issuerDomain,
          credentialType: credentialTypeLabel(t.credentialType),
          body: t.body,
          term: t.term,
          state: t.state,
          validFrom: isoTime(t.validFrom),
          validUntil: isoTime(t.validUntil),
          recordedAt: isoTime(t.recordedAt),
          effectiveFrom: isoTime(t.effectiveFrom),
          withdrawnFrom: isoTime(t.withdrawnFrom),
          suspendedSince: isoTime(t.suspendedSince),
          evidenceCid: cidText(t.evidenceCid),
          accreditedNow: t.accreditedNow,
        }));
        out.result(
          {
            ...chainReport(context),
            accreditationRegistry: context.accreditationRegistry,
            accreditations,
          },
          (r) =>
            r.accreditations.length === 0
              ? "No accreditations match."
              : r.accreditations
                  .map(
                    (a) =>
                      `${a.issuer} ${issuerText(a)}  ${a.credentialType}  by ${a.body}  term ${a.term}  ${a.state}  ${a.validFrom} .. ${a.validUntil}  recorded ${a.recordedAt}${a.effectiveFrom !== a.validFrom ? ` (counts from then)` : ""}${a.withdrawnFrom ? `  withdrawn from ${a.withdrawnFrom}` : ""}${a.suspendedSince ? `  suspended since ${a.suspendedSince}` : ""}`,
                  )
                  .join("\n"),
        );
      });
    },
  );
  for (const command of program.commands.slice(before)) markRequiredOptions(command);
}

/** How a body ends an accreditation: for now (suspend) or from a date on (withdraw). */
const ENDINGS = {
  suspend: {
    description: "suspend your current accreditation of an issuer from now until reinstated",
    action: "suspend-accreditation",
    past: "Suspended",
  },
  withdraw: {
    description:
      "withdraw your accreditation of an issuer from an effective date, which may lie in the past: credentials anchored from then on lose it",
    action: "withdraw-accreditation",
    past: "Withdrew",
  },
} as const;

/** `accreditation suspend|withdraw`: the same reference, evidence and report; withdraw adds
 * --effective. */
function registerEnding(accreditation: Command, kind: keyof typeof ENDINGS): void {
  const ending = ENDINGS[kind];
  const command = accreditation
    .command(`${kind} <issuer>`)
    .description(ending.description)
    .requiredOption("--type <name>", "credential type");
  if (kind === "withdraw") {
    command.requiredOption(
      "--effective <date>",
      "effective date: YYYY-MM-DD (UTC), ISO date-time, Unix seconds or now",
    );
  }
  command.option("--evidence <file|cid>", EVIDENCE_HELP);
  addNetworkOptions(addStoreOptions(command), { signer: true }).action(
    async (
      issuerArg: string,
      options: NetworkOptions &
        StoreOptions &
        TypeOption & { effective?: string; evidence?: string },
      command: Command,
    ) => {
      const ref = {
        issuer: parseAddress(issuerArg, "<issuer>"),
        credentialType: parseCredentialType(options.type, "--type"),
      };
      const evidence =
        options.evidence === undefined
          ? undefined
          : await parseFileOrCid(options.evidence, "--evidence");
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const writer = requireWriter(context);
        const effectiveFrom =
          options.effective === undefined
            ? undefined
            : parseMoment(options.effective, "--effective", {
                now: await chainNow(context.chain),
              });
        const [stored] = evidence === undefined ? [] : await storeContent([evidence], options);
        const request = {
          accreditationRegistry: context.accreditationRegistry,
          ...ref,
          evidenceCid: stored?.cidBytes ?? ("0x" as const),
        };
        const sent =
          effectiveFrom === undefined
            ? await suspendAccreditation(writer, request)
            : await withdrawAccreditation(writer, { ...request, effectiveFrom });
        out.result(
          {
            ...chainReport(context),
            action: ending.action,
            issuer: ref.issuer,
            credentialType: options.type,
            ...(effectiveFrom === undefined ? {} : { effectiveFrom: isoTime(effectiveFrom) }),
            evidenceCid: stored?.cid ?? null,
            evidence: stored ?? null,
            ...transactionReport(sent),
          },
          (r) =>
            [
              ...storedLines(r.evidence, "evidence"),
              `${ending.past} the accreditation of ${r.issuer} for ${r.credentialType}${"effectiveFrom" in r ? ` with effect from ${r.effectiveFrom}` : ""}: ${transactionLine(r)}`,
            ].join("\n"),
        );
      });
    },
  );
}

const EVIDENCE_HELP =
  "the evidence: a file, stored as-is on the content store (public IPFS if that store is public), so it must hold no personal data; or the CID of content already on IPFS";

/** "Northwind Polytechnic" (northwind.example), with hidden characters from the chain shown. */
function issuerText(issuer: { issuerName: string; issuerDomain: string | null }): string {
  const domain = issuer.issuerDomain === null ? "" : ` (${neutralise(issuer.issuerDomain)})`;
  return `"${neutralise(issuer.issuerName)}"${domain}`;
}

/** When a block was made, Unix seconds: the moment a transaction in it was recorded. */
async function blockTime(chain: ChainClient, blockNumber: bigint): Promise<number> {
  try {
    return Number((await getBlock(chain.client, { blockNumber })).timestamp);
  } catch (error) {
    throw classifyChainError(error, chain.urls, `(block ${blockNumber})`);
  }
}
