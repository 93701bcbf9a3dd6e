// `credanchor body ...`: what governance does with accreditation bodies: appoint one under its
// display name and jurisdiction with the credential types it may accredit, change its profile,
// scope or metadata, remove it, and list them all. Names are checked here before anything is sent.
import type { Command } from "commander";
import {
  appointBody,
  listBodies,
  removeBody,
  setBodyMetadata,
  setBodyProfile,
  setBodyScope,
} from "../../chain/index.ts";
import { CredanchorError } from "../../errors.ts";
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
  BODY_NAME_MAX_BYTES,
  cidText,
  countryName,
  credentialTypeLabel,
  isoTime,
  parseAddress,
  parseCredentialType,
  parseDisplayName,
  parseFileOrCid,
  parseJurisdiction,
  storedLines,
} from "./args.ts";
import {
  chainReport,
  outputOf,
  type TransactionReport,
  transactionLine,
  transactionReport,
} from "./report.ts";

export function register(program: Command): void {
  const before = program.commands.length;
  const body = program
    .command("body")
    .description("governance: appoint, scope, describe, remove and list accreditation bodies");

  addNetworkOptions(
    addStoreOptions(
      addProfileOptions(
        body
          .command("add <address>")
          .description(
            "appoint an accreditation body under its name and jurisdiction, for the credential types it may accredit",
          )
          .requiredOption("--scope <types...>", "credential type names, e.g. BachelorDegree"),
      ).option(
        "--metadata <file|cid>",
        "the body's public metadata: a file (stored as-is on the content store, public IPFS if that store is public) or the CID of content already on IPFS",
      ),
    ),
    { signer: true },
  ).action(
    async (
      address: string,
      options: NetworkOptions &
        StoreOptions &
        ProfileOptions & { scope: string[]; metadata?: string },
      command: Command,
    ) => {
      const bodyAddress = parseAddress(address, "<address>");
      const profile = parseProfile(options);
      const scope = options.scope.map((t) => parseCredentialType(t, "--scope"));
      const metadata =
        options.metadata === undefined
          ? undefined
          : await parseFileOrCid(options.metadata, "--metadata");
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const writer = requireWriter(context);
        const [stored] = metadata === undefined ? [] : await storeContent([metadata], options);
        const sent = transactionReport(
          await appointBody(writer, {
            accreditationRegistry: context.accreditationRegistry,
            body: bodyAddress,
            scope,
            metadataCid: stored?.cidBytes ?? "0x",
            ...profile,
          }),
        );
        out.result(
          {
            ...chainReport(context),
            action: "appoint-body",
            accreditationRegistry: context.accreditationRegistry,
            body: bodyAddress,
            ...profile,
            scope: options.scope,
            metadataCid: stored?.cid ?? null,
            metadata: stored ?? null,
            ...sent,
          },
          (r) =>
            [
              ...storedLines(r.metadata, "metadata"),
              `Appointed accreditation body ${r.body}, ${profileText(r)}, for ${r.scope.join(", ")}: ${transactionLine(r)}`,
            ].join("\n"),
        );
      });
    },
  );

  addNetworkOptions(
    addProfileOptions(
      body
        .command("profile <address>")
        .description(
          "replace the display name and jurisdiction of an active body (verifiers show the new ones, for its past accreditations too)",
        ),
    ),
    { signer: true },
  ).action(async (address: string, options: NetworkOptions & ProfileOptions, command: Command) => {
    const bodyAddress = parseAddress(address, "<address>");
    const profile = parseProfile(options);
    const out = outputOf(command);
    await withContext(options, { signer: true }, async (context) => {
      const sent = transactionReport(
        await setBodyProfile(requireWriter(context), {
          accreditationRegistry: context.accreditationRegistry,
          body: bodyAddress,
          ...profile,
        }),
      );
      out.result(
        {
          ...chainReport(context),
          action: "set-body-profile",
          accreditationRegistry: context.accreditationRegistry,
          body: bodyAddress,
          ...profile,
          ...sent,
        },
        (r) => `Set the profile of ${r.body} to ${profileText(r)}: ${transactionLine(r)}`,
      );
    });
  });

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
    addStoreOptions(
      body
        .command("metadata <address> <file|cid>")
        .description(
          "replace the metadata of an accreditation body: a file (stored as-is on the content store, public IPFS if that store is public) or the CID of content already on IPFS",
        ),
    ),
    { signer: true },
  ).action(
    async (
      address: string,
      fileOrCid: string,
      options: NetworkOptions & StoreOptions,
      command: Command,
    ) => {
      const bodyAddress = parseAddress(address, "<address>");
      const metadata = await parseFileOrCid(fileOrCid, "<file|cid>");
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const writer = requireWriter(context);
        const [stored] = await storeContent([metadata], options);
        const sent = transactionReport(
          await setBodyMetadata(writer, {
            accreditationRegistry: context.accreditationRegistry,
            body: bodyAddress,
            metadataCid: stored!.cidBytes,
          }),
        );
        out.result(
          {
            ...chainReport(context),
            action: "set-body-metadata",
            body: bodyAddress,
            metadataCid: stored!.cid,
            metadata: stored!,
            ...sent,
          },
          (r) =>
            [
              ...storedLines(r.metadata, "metadata"),
              `Set the metadata of ${r.body} to ${r.metadataCid}: ${transactionLine(r)}`,
            ].join("\n"),
        );
      });
    },
  );

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
          name: b.name,
          jurisdiction: b.jurisdiction,
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
                    `${b.body}  ${profileText(b)}  ${b.active ? "active" : `removed ${b.removedAt}`}  since ${b.appointedAt}  scope: ${b.scope.join(", ") || "(none)"}${b.metadataCid ? `  metadata: ${b.metadataCid}` : ""}`,
                )
                .join("\n"),
      );
    });
  });
  for (const command of program.commands.slice(before)) markRequiredOptions(command);
}

interface ProfileOptions {
  name: string;
  jurisdiction: string;
}

/** --name and --jurisdiction, required (so --help marks them) on `body add` and `body profile`. */
function addProfileOptions(command: Command): Command {
  return command
    .requiredOption(
      "--name <name>",
      `the body's display name, shown to every verifier (1 to ${BODY_NAME_MAX_BYTES} bytes), e.g. "Accreditation Council of Ruritania"`,
    )
    .requiredOption(
      "--jurisdiction <code>",
      'where it accredits: an ISO 3166-1 country code ("DE") or an ISO 3166-2 subdivision ("US-CA", "RU-MOW")',
    );
}

function parseProfile(options: ProfileOptions): { name: string; jurisdiction: string } {
  return {
    name: parseDisplayName(options.name, "--name", BODY_NAME_MAX_BYTES),
    jurisdiction: parseJurisdiction(options.jurisdiction, "--jurisdiction"),
  };
}

/** "Accreditation Council of Ruritania (RU-MOW, Russia)". */
function profileText(profile: { name: string; jurisdiction: string }): string {
  const country = countryName(profile.jurisdiction.slice(0, 2));
  const where =
    country === undefined ? profile.jurisdiction : `${profile.jurisdiction}, ${country}`;
  // Names read from the chain may hold what the CLI refuses to write: show such characters.
  return `"${neutralise(profile.name)}" (${neutralise(where)})`;
}
