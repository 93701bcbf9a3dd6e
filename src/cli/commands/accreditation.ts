// What an accreditation body does: `accredit` an issuer for a credential type over a window of
// time, `accreditation suspend|reinstate|withdraw` it, and `accreditations` to list the terms
// with their state now. The signer is the body.
import type { Command } from "commander";
import {
  accreditIssuer,
  listAccreditations,
  reinstateAccreditation,
  suspendAccreditation,
  withdrawAccreditation,
} from "../../chain/index.ts";
import { addNetworkOptions, type NetworkOptions, requireWriter, withContext } from "../context.ts";
import {
  chainNow,
  cidText,
  credentialTypeLabel,
  isoTime,
  parseAddress,
  parseCidBytes,
  parseCredentialType,
  parseMoment,
} from "./args.ts";
import { chainReport, outputOf, transactionLine, transactionReport } from "./report.ts";

interface TypeOption {
  type: string;
}

export function register(program: Command): void {
  addNetworkOptions(
    program
      .command("accredit <issuer>")
      .description("accredit an issuer for a credential type (you sign as the accreditation body)")
      .requiredOption("--type <name>", "credential type, e.g. BachelorDegree")
      .option(
        "--valid-from <date>",
        "start: YYYY-MM-DD (UTC), ISO date-time, Unix seconds or now",
        "now",
      )
      .requiredOption(
        "--valid-until <date>",
        "end (exclusive): a date as for --valid-from, or forever",
      )
      .requiredOption("--evidence <cid>", "CID of the evidence (the review report) on IPFS"),
    { signer: true },
  ).action(
    async (
      issuerArg: string,
      options: NetworkOptions &
        TypeOption & { validFrom: string; validUntil: string; evidence: string },
      command: Command,
    ) => {
      const issuer = parseAddress(issuerArg, "<issuer>");
      const credentialType = parseCredentialType(options.type, "--type");
      const evidenceCid = parseCidBytes(options.evidence, "--evidence");
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const now = await chainNow(context.chain);
        const validFrom = parseMoment(options.validFrom, "--valid-from", { now });
        const validUntil = parseMoment(options.validUntil, "--valid-until", { now, forever: true });
        const sent = await accreditIssuer(requireWriter(context), {
          accreditationRegistry: context.accreditationRegistry,
          issuer,
          credentialType,
          validFrom,
          validUntil,
          evidenceCid,
        });
        out.result(
          {
            ...chainReport(context),
            action: "accredit",
            body: context.account,
            issuer,
            credentialType: options.type,
            term: sent.term,
            validFrom: isoTime(validFrom),
            validUntil: isoTime(validUntil),
            evidenceCid: options.evidence,
            ...transactionReport(sent),
          },
          (r) =>
            `Accredited ${r.issuer} for ${r.credentialType} from ${r.validFrom} until ${r.validUntil} (term ${r.term}): ${transactionLine(r)}`,
        );
      });
    },
  );

  const accreditation = program
    .command("accreditation")
    .description("accreditation body: suspend, reinstate or withdraw an accreditation");

  addNetworkOptions(
    accreditation
      .command("suspend <issuer>")
      .description("suspend your current accreditation of an issuer from now until reinstated")
      .requiredOption("--type <name>", "credential type")
      .option("--evidence <cid>", "CID of the evidence for the suspension"),
    { signer: true },
  ).action(
    async (
      issuerArg: string,
      options: NetworkOptions & TypeOption & { evidence?: string },
      command: Command,
    ) => {
      const ref = {
        issuer: parseAddress(issuerArg, "<issuer>"),
        credentialType: parseCredentialType(options.type, "--type"),
      };
      const evidenceCid =
        options.evidence === undefined ? "0x" : parseCidBytes(options.evidence, "--evidence");
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const sent = await suspendAccreditation(requireWriter(context), {
          accreditationRegistry: context.accreditationRegistry,
          ...ref,
          evidenceCid,
        });
        out.result(
          {
            ...chainReport(context),
            action: "suspend-accreditation",
            issuer: ref.issuer,
            credentialType: options.type,
            evidenceCid: options.evidence ?? null,
            ...transactionReport(sent),
          },
          (r) =>
            `Suspended the accreditation of ${r.issuer} for ${r.credentialType}: ${transactionLine(r)}`,
        );
      });
    },
  );

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

  addNetworkOptions(
    accreditation
      .command("withdraw <issuer>")
      .description(
        "withdraw your accreditation of an issuer from an effective date, which may lie in the past: credentials anchored from then on lose it",
      )
      .requiredOption("--type <name>", "credential type")
      .requiredOption(
        "--effective <date>",
        "effective date: YYYY-MM-DD (UTC), ISO date-time, Unix seconds or now",
      )
      .option("--evidence <cid>", "CID of the evidence for the withdrawal"),
    { signer: true },
  ).action(
    async (
      issuerArg: string,
      options: NetworkOptions & TypeOption & { effective: string; evidence?: string },
      command: Command,
    ) => {
      const ref = {
        issuer: parseAddress(issuerArg, "<issuer>"),
        credentialType: parseCredentialType(options.type, "--type"),
      };
      const evidenceCid =
        options.evidence === undefined ? "0x" : parseCidBytes(options.evidence, "--evidence");
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const effectiveFrom = parseMoment(options.effective, "--effective", {
          now: await chainNow(context.chain),
        });
        const sent = await withdrawAccreditation(requireWriter(context), {
          accreditationRegistry: context.accreditationRegistry,
          ...ref,
          effectiveFrom,
          evidenceCid,
        });
        out.result(
          {
            ...chainReport(context),
            action: "withdraw-accreditation",
            issuer: ref.issuer,
            credentialType: options.type,
            effectiveFrom: isoTime(effectiveFrom),
            evidenceCid: options.evidence ?? null,
            ...transactionReport(sent),
          },
          (r) =>
            `Withdrew the accreditation of ${r.issuer} for ${r.credentialType} with effect from ${r.effectiveFrom}: ${transactionLine(r)}`,
        );
      });
    },
  );

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
          credentialType: credentialTypeLabel(t.credentialType),
          body: t.body,
          term: t.term,
          state: t.state,
          validFrom: isoTime(t.validFrom),
          validUntil: isoTime(t.validUntil),
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
                      `${a.issuer}  ${a.credentialType}  by ${a.body}  term ${a.term}  ${a.state}  ${a.validFrom} .. ${a.validUntil}${a.withdrawnFrom ? `  withdrawn from ${a.withdrawnFrom}` : ""}${a.suspendedSince ? `  suspended since ${a.suspendedSince}` : ""}`,
                  )
                  .join("\n"),
        );
      });
    },
  );
}
