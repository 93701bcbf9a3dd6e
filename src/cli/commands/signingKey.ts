// `credanchor signing-key show|declare|retire`: the issuer's Ed25519 key (its did:key, which signs
// v2 credentials and status lists) and its term on chain. The issuer account declares the key and
// retires it; an operator cannot (an identity-level act). A verifier accepts a credential's
// signature only if the key was declared, and not retired, when its batch was anchored.
import type { Command } from "commander";
import type { Address } from "viem";
import { declareSigningKey, readSigningKey, retireSigningKey } from "../../chain/index.ts";
import { CredanchorError } from "../../errors.ts";
import {
  addNetworkOptions,
  type CliContext,
  markRequiredOptions,
  type NetworkOptions,
  requireWriter,
  withContext,
  withIssuerContext,
} from "../context.ts";
import { type IssuerSigningKey, resolveSigningKey, SIGNING_KEY_VARIABLE } from "../signingKey.ts";
import { chainNow, isoTime, parseAddress, parseMoment } from "./args.ts";
import { chainReport, outputOf, transactionLine, transactionReport } from "./report.ts";

interface SigningKeyOptions extends NetworkOptions {
  issuer?: string;
}

export function register(program: Command): void {
  const before = program.commands.length;
  const signingKey = program
    .command("signing-key")
    .description(
      `issuer: your Ed25519 signing key (did:key, from ${SIGNING_KEY_VARIABLE} or --keystore): show it, declare it on chain, retire it`,
    );

  addNetworkOptions(
    signingKey
      .command("show")
      .description("the did:key of your signing key and its term on chain (declared, retired)")
      .option(
        "--issuer <address>",
        "the issuer account (default: the account of your key or --from); read-only",
      ),
    { signer: true },
  ).action(async (options: SigningKeyOptions, command: Command) => {
    const out = outputOf(command);
    await withIssuerContext(options, async (context, issuer) => {
      const key = await issuerKey(context, options, issuer);
      const term = await readSigningKey(context.chain, {
        registry: context.registry,
        issuer,
        publicKey: key.publicKeyHex,
      });
      out.result(
        {
          network: context.network,
          chain: context.caip2,
          registry: context.registry,
          issuer,
          ...keyReport(key),
          state:
            term.declaredAt === 0 ? "undeclared" : term.retiredAt === 0 ? "declared" : "retired",
          declaredAt: term.declaredAt === 0 ? null : isoTime(term.declaredAt),
          retiredAt: term.retiredAt === 0 ? null : isoTime(term.retiredAt),
        },
        (r) =>
          [
            `${r.didKey}  (${r.source} key of issuer ${r.issuer})`,
            `  verification method ${r.verificationMethod}`,
            r.state === "undeclared"
              ? `  not declared in ${r.registry}: run \`credanchor signing-key declare\` as the issuer`
              : `  declared ${r.declaredAt}${r.retiredAt === null ? ", not retired" : `, retired from ${r.retiredAt}`}`,
          ].join("\n"),
      );
    });
  });

  addNetworkOptions(
    signingKey
      .command("declare")
      .description(
        "declare your signing key on chain as the issuer account (operators cannot); credentials anchored from then on may carry its signature",
      )
      .option("--issuer <address>", "the issuer you act for: must be the signing account itself"),
    { signer: true },
  ).action(async (options: SigningKeyOptions, command: Command) => {
    const out = outputOf(command);
    await withContext(options, { signer: true }, async (context) => {
      const writer = requireWriter(context);
      const issuer = issuerItself(options, writer.account, "declare");
      const key = await issuerKey(context, options, issuer);
      const sent = await declareSigningKey(writer, {
        registry: context.registry,
        publicKey: key.publicKeyHex,
      });
      out.result(
        {
          ...chainReport(context),
          action: "declare-signing-key",
          registry: context.registry,
          issuer,
          ...keyReport(key),
          ...transactionReport(sent),
        },
        (r) =>
          `Declared signing key ${r.didKey} for issuer ${r.issuer}: ${transactionLine(r)}${r.source === "development" ? "\n(the public development key: for development chains only)" : ""}`,
      );
    });
  });

  addNetworkOptions(
    signingKey
      .command("retire")
      .description(
        "retire your signing key from now, or from --at (back to its declaration: a leaked key voids the signatures of batches anchored since)",
      )
      .option(
        "--at <date>",
        'when it stops counting: "now" (default), YYYY-MM-DD (UTC), ISO date-time or Unix seconds; not after now, not before its declaration',
      )
      .option("--issuer <address>", "the issuer you act for: must be the signing account itself"),
    { signer: true },
  ).action(async (options: SigningKeyOptions & { at?: string }, command: Command) => {
    const out = outputOf(command);
    await withContext(options, { signer: true }, async (context) => {
      const writer = requireWriter(context);
      const issuer = issuerItself(options, writer.account, "retire");
      const key = await issuerKey(context, options, issuer);
      const now = await chainNow(context.chain);
      const effectiveAt = parseMoment(options.at ?? "now", "--at", { now });
      if (effectiveAt > now) {
        throw new CredanchorError(
          "OPTION_INVALID",
          `--at "${options.at}" is after the chain's latest block (${isoTime(now)}): a key is retired from now or from a past moment.`,
          { option: "--at", value: options.at, now },
        );
      }
      const sent = await retireSigningKey(writer, {
        registry: context.registry,
        publicKey: key.publicKeyHex,
        effectiveAt,
      });
      out.result(
        {
          ...chainReport(context),
          action: "retire-signing-key",
          registry: context.registry,
          issuer,
          ...keyReport(key),
          retiredAt: isoTime(effectiveAt),
          ...transactionReport(sent),
        },
        (r) =>
          `Retired signing key ${r.didKey} of issuer ${r.issuer} from ${r.retiredAt}: ${transactionLine(r)}`,
      );
    });
  });
  for (const command of program.commands.slice(before)) markRequiredOptions(command);
}

function issuerKey(
  context: CliContext,
  options: SigningKeyOptions,
  issuer: Address,
): Promise<IssuerSigningKey> {
  return resolveSigningKey({
    env: process.env,
    keystore: options.keystore,
    chainId: context.chainId,
    issuer,
  });
}

/** Keys are declared and retired by the issuer account itself: refuse any other signer. */
function issuerItself(options: SigningKeyOptions, account: Address, act: string): Address {
  if (options.issuer === undefined) return account;
  const issuer = parseAddress(options.issuer, "--issuer");
  if (issuer !== account) {
    throw new CredanchorError(
      "SIGNER_NOT_ISSUER",
      `You sign as ${account}, not as issuer ${issuer}: only the issuer account may ${act} its signing keys (an operator cannot, even with every right). Sign with the issuer's own key (CREDANCHOR_PRIVATE_KEY, --keystore or --from ${issuer}).`,
      { signer: account, issuer, act },
    );
  }
  return issuer;
}

function keyReport(key: IssuerSigningKey) {
  return {
    didKey: key.didKey,
    verificationMethod: key.verificationMethod,
    publicKey: key.publicKeyHex,
    source: key.source,
  };
}
