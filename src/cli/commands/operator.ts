// `credanchor operator ...`: an issuer authorises operator keys (the batch server's key) to use
// some of its rights (anchor, suspend, revoke) until an expiry, changes both by adding again,
// removes them, and lists them. The signer is the issuer itself: an operator cannot appoint
// operators. By default a key may only anchor: that is all a batch server needs.
import type { Command } from "commander";
import { listOperators, removeOperator, setOperator } from "../../chain/index.ts";
import {
  addNetworkOptions,
  markRequiredOptions,
  type NetworkOptions,
  requireWriter,
  withContext,
  withIssuerContext,
} from "../context.ts";
import {
  chainNow,
  isoTime,
  operatorRightNames,
  parseAddress,
  parseMomentOrDuration,
  parseOperatorRights,
} from "./args.ts";
import { chainReport, outputOf, transactionLine, transactionReport } from "./report.ts";

export function register(program: Command): void {
  const before = program.commands.length;
  const operator = program
    .command("operator")
    .description("issuer: authorise, expire, remove and list operator keys that act in your name");

  addNetworkOptions(
    operator
      .command("add <address>")
      .description(
        "authorise an operator key with some of your rights until an expiry; adding it again replaces the expiry and the rights (a past-due key: use remove)",
      )
      .requiredOption(
        "--expires <date|duration>",
        "when its authority ends: YYYY-MM-DD (UTC), ISO date-time, Unix seconds, or a duration from now (90d, 12h, 2w, 1y)",
      )
      .option(
        "--rights <list>",
        "what it may do in your name, comma-separated: anchor, suspend (and unsuspend), revoke",
        "anchor",
      ),
    { signer: true },
  ).action(
    async (
      address: string,
      options: NetworkOptions & { expires: string; rights: string },
      command: Command,
    ) => {
      const operatorAddress = parseAddress(address, "<address>");
      const rights = parseOperatorRights(options.rights, "--rights");
      const out = outputOf(command);
      await withContext(options, { signer: true }, async (context) => {
        const expiresAt = parseMomentOrDuration(
          options.expires,
          "--expires",
          await chainNow(context.chain),
        );
        const sent = await setOperator(requireWriter(context), {
          registry: context.registry,
          operator: operatorAddress,
          expiresAt,
          rights,
        });
        out.result(
          {
            ...chainReport(context),
            action: "set-operator",
            registry: context.registry,
            issuer: context.account,
            operator: operatorAddress,
            expiresAt: isoTime(expiresAt),
            rights: operatorRightNames(rights),
            ...transactionReport(sent),
          },
          (r) =>
            `Authorised operator ${r.operator} to ${r.rights.join(", ")} for issuer ${r.issuer} until ${r.expiresAt}: ${transactionLine(r)}`,
        );
      });
    },
  );

  addNetworkOptions(
    operator
      .command("remove <address>")
      .description(
        "remove an operator key at once (a leaked key: remove it, then revoke what it made)",
      ),
    { signer: true },
  ).action(async (address: string, options: NetworkOptions, command: Command) => {
    const operatorAddress = parseAddress(address, "<address>");
    const out = outputOf(command);
    await withContext(options, { signer: true }, async (context) => {
      const sent = await removeOperator(requireWriter(context), {
        registry: context.registry,
        operator: operatorAddress,
      });
      out.result(
        {
          ...chainReport(context),
          action: "remove-operator",
          registry: context.registry,
          issuer: context.account,
          operator: operatorAddress,
          ...transactionReport(sent),
        },
        (r) => `Removed operator ${r.operator} of issuer ${r.issuer}: ${transactionLine(r)}`,
      );
    });
  });

  addNetworkOptions(
    operator
      .command("list")
      .description(
        "list an issuer's operator keys (from the registry's events) with their rights and expiry",
      )
      .option("--issuer <address>", "the issuer (default: the account of your key or --from)"),
    { signer: true },
  ).action(async (options: NetworkOptions & { issuer?: string }, command: Command) => {
    const out = outputOf(command);
    await withIssuerContext(options, async (context, issuer) => {
      const operators = (
        await listOperators(context.chain, context.registry, issuer, context.deployBlocks.registry)
      ).map((o) => ({
        operator: o.operator,
        live: o.live,
        expiresAt: isoTime(o.expiresAt),
        rights: operatorRightNames(o.rights),
      }));
      out.result(
        {
          network: context.network,
          chain: context.caip2,
          registry: context.registry,
          issuer,
          operators,
        },
        (r) =>
          r.operators.length === 0
            ? `Issuer ${r.issuer} has no operators.`
            : r.operators
                .map(
                  (o) =>
                    `${o.operator}  ${o.live ? `live until ${o.expiresAt}` : o.expiresAt === null ? "removed" : `expired ${o.expiresAt}`}  rights: ${o.rights.join(", ") || "(none)"}`,
                )
                .join("\n"),
      );
    });
  });
  for (const command of program.commands.slice(before)) markRequiredOptions(command);
}
