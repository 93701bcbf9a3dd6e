// `credanchor body ...`: what governance does with accreditation bodies: appoint one with the
// credential types it may accredit, change its scope or metadata, remove it, and list them all.
import type { Command } from "commander";
import {
  appointBody,
  listBodies,
  removeBody,
  setBodyMetadata,
  setBodyScope,
} from "../../chain/index.ts";
import { CredanchorError } from "../../errors.ts";
import { addNetworkOptions, type NetworkOptions, requireWriter, withContext } from "../context.ts";
import {
  cidText,
  credentialTypeLabel,
  isoTime,
  parseAddress,
  parseCidBytes,
  parseCredentialType,
} from "./args.ts";
import {
  chainReport,
  outputOf,
  type TransactionReport,
  transactionLine,
  transactionReport,
} from "./report.ts";

export function register(program: Command): void {
  const body = program
    .command("body")
    .description("governance: appoint, scope, describe, remove and list accreditation bodies");

  addNetworkOptions(
    body
      .command("add <address>")
      .description("appoint an accreditation body for the credential types it may accredit")
      .requiredOption("--scope <types...>", "credential type names, e.g. BachelorDegree")
      .option("--metadata <cid>", "CID of the body's public metadata on IPFS"),
    { signer: true },
  ).action(
    async (
      address: string,
      options: NetworkOptions & { scope: string[]; metadata?: string },
      command: Command,
    ) => {
      const bodyAddress = parseAddress(address, "<address>");
      const scope = options.scope.map((t) => parseCredentialType(t, "--scope"));
      const metadataCid =
        options.metadata === undefined ? "0x" : parseCidBytes(options.metadata, "--metadata");
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const sent = transactionReport(
          await appointBody(requireWriter(context), {
            accreditationRegistry: context.accreditationRegistry,
            body: bodyAddress,
            scope,
            metadataCid,
          }),
        );
        out.result(
          {
            ...chainReport(context),
            action: "appoint-body",
            accreditationRegistry: context.accreditationRegistry,
            body: bodyAddress,
            scope: options.scope,
            metadataCid: options.metadata ?? null,
            ...sent,
          },
          (r) =>
            `Appointed accreditation body ${r.body} for ${r.scope.join(", ")}: ${transactionLine(r)}`,
        );
      });
    },
  );

  addNetworkOptions(
    body
      .command("remove <address>")
      .description(
        "remove an accreditation body: its accreditations stop counting from now on; the past stands",
      ),
    { signer: true },
  ).action(async (address: string, options: NetworkOptions, command: Command) => {
    const bodyAddress = parseAddress(address, "<address>");
    const out = outputOf(command);
    await withContext(options, { signer: true }, async (context) => {
      const sent = transactionReport(
        await removeBody(requireWriter(context), {
          accreditationRegistry: context.accreditationRegistry,
          body: bodyAddress,
        }),
      );
      out.result(
        { ...chainReport(context), action: "remove-body", body: bodyAddress, ...sent },
        (r) => `Removed accreditation body ${r.body}: ${transactionLine(r)}`,
      );
    });
  });

  addNetworkOptions(
    body
      .command("scope <address>")
      .description(
        "allow or disallow credential types for a body from now on (existing terms stand)",
      )
      .option("--allow <types...>", "credential types the body may accredit from now on")
      .option("--disallow <types...>", "credential types the body may no longer accredit"),
    { signer: true },
  ).action(
    async (
      address: string,
      options: NetworkOptions & { allow?: string[]; disallow?: string[] },
      command: Command,
    ) => {
      const bodyAddress = parseAddress(address, "<address>");
      const allow = (options.allow ?? []).map((t) => parseCredentialType(t, "--allow"));
      const disallow = (options.disallow ?? []).map((t) => parseCredentialType(t, "--disallow"));
      if (allow.length + disallow.length === 0) {
        throw new CredanchorError(
          "OPTION_MISSING",
          "body scope: give --allow <types...> and/or --disallow <types...>.",
        );
      }
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const writer = requireWriter(context);
        const transactions: TransactionReport[] = [];
        for (const [credentialTypes, allowed] of [
          [allow, true],
          [disallow, false],
        ] as const) {
          if (credentialTypes.length === 0) continue;
          transactions.push(
            transactionReport(
              await setBodyScope(writer, {
                accreditationRegistry: context.accreditationRegistry,
                body: bodyAddress,
                credentialTypes,
                allowed,
              }),
            ),
          );
        }
        out.result(
          {
            ...chainReport(context),
            action: "set-body-scope",
            body: bodyAddress,
            allowed: options.allow ?? [],
            disallowed: options.disallow ?? [],
            transactions,
          },
          (r) =>
            [
              `Changed the scope of ${r.body}${r.allowed.length > 0 ? `: allowed ${r.allowed.join(", ")}` : ""}${r.disallowed.length > 0 ? `; disallowed ${r.disallowed.join(", ")}` : ""}`,
              ...r.transactions.map((t) => `  ${transactionLine(t)}`),
            ].join("\n"),
        );
      });
    },
  );

  addNetworkOptions(
    body
      .command("metadata <address> <cid>")
      .description("replace the metadata CID of an accreditation body"),
    { signer: true },
  ).action(async (address: string, cid: string, options: NetworkOptions, command: Command) => {
    const bodyAddress = parseAddress(address, "<address>");
    const metadataCid = parseCidBytes(cid, "<cid>");
    const out = outputOf(command);
    await withContext(options, { signer: true }, async (context) => {
      const sent = transactionReport(
        await setBodyMetadata(requireWriter(context), {
          accreditationRegistry: context.accreditationRegistry,
          body: bodyAddress,
          metadataCid,
        }),
      );
      out.result(
        {
          ...chainReport(context),
          action: "set-body-metadata",
          body: bodyAddress,
          metadataCid: cid,
          ...sent,
        },
        (r) => `Set the metadata of ${r.body} to ${r.metadataCid}: ${transactionLine(r)}`,
      );
    });
  });

  addNetworkOptions(
    body
      .command("list")
      .description("list accreditation bodies from the registry's events, with scope and status")
      .option("--active", "only bodies that are not removed"),
    { signer: false },
  ).action(async (options: NetworkOptions & { active?: boolean }, command: Command) => {
    const out = outputOf(command);
    await withContext(options, { existingState: true }, async (context) => {
      const bodies = (
        await listBodies(
          context.chain,
          context.accreditationRegistry,
          context.deployBlocks.accreditationRegistry,
        )
      )
        .filter((b) => !options.active || b.active)
        .map((b) => ({
          body: b.body,
          active: b.active,
          appointedAt: isoTime(b.appointedAt),
          removedAt: isoTime(b.removedAt),
          scope: b.scope.map(credentialTypeLabel),
          metadataCid: cidText(b.metadataCid),
        }));
      out.result(
        { ...chainReport(context), accreditationRegistry: context.accreditationRegistry, bodies },
        (r) =>
          r.bodies.length === 0
            ? "No accreditation bodies."
            : r.bodies
                .map(
                  (b) =>
                    `${b.body}  ${b.active ? "active" : `removed ${b.removedAt}`}  since ${b.appointedAt}  scope: ${b.scope.join(", ") || "(none)"}${b.metadataCid ? `  metadata: ${b.metadataCid}` : ""}`,
                )
                .join("\n"),
      );
    });
  });
}
