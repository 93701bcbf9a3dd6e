// The two ways a message leaves: to an SMTP server through nodemailer (one pooled connection), or
// as an .eml file for registrars who send mail themselves. The SMTP sender sorts every failure by
// what it means for the graduate: the server refused the message (it was not delivered: send it
// again later), the server could not be reached (not delivered, stop), or the connection dropped
// while the server may have had the message (uncertain: never sent again on its own).
import { createTransport, type SendMailOptions } from "nodemailer";
import { CredanchorError } from "../errors.ts";
import { MailServerError } from "./errors.ts";

export type SendOutcome =
  | { kind: "sent"; response: string }
  /** The server answered no. `stop`: it asked us to come back later (4xx), so the run stops. */
  | { kind: "refused"; response: string; stop: boolean }
  /** Never reached the server (refused connection, no such host, TLS): not delivered; stop. */
  | { kind: "unreachable"; reason: string }
  /** The connection died with the message in flight: the server may have it; stop. */
  | { kind: "dropped"; reason: string };

export interface MailSender {
  /** What the report calls the server (its URL without the password). */
  readonly describe: string;
  /** Checks the server answers and takes our login, before anything is sent. */
  check(): Promise<void>;
  send(message: SendMailOptions): Promise<SendOutcome>;
  close(): void;
}

/** The environment variable holding the SMTP password when the URL has none. */
export const SMTP_PASSWORD_VARIABLE = "CREDANCHOR_SMTP_PASSWORD";

/**
 * An SMTP sender for `smtp://user@host:port` (STARTTLS when offered) or `smtps://` (TLS from the
 * start). The password comes from `password` (the environment) unless the URL carries one.
 */
export function smtpSender(url: string, password?: string): MailSender {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUrl(url);
  }
  if ((parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") || parsed.hostname === "") {
    throw badUrl(url);
  }
  const user = decodeURIComponent(parsed.username);
  const pass = parsed.password === "" ? password : decodeURIComponent(parsed.password);
  const secure = parsed.protocol === "smtps:";
  const transport = createTransport({
    pool: true,
    maxConnections: 1,
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port === "" ? (secure ? 465 : 587) : Number(parsed.port),
    secure,
    ...(user === "" ? {} : { auth: { user, pass: pass ?? "" } }),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  });
  const shown = new URL(parsed.href);
  shown.password = "";
  const describe = shown.href.replace(/\/$/, "");
  return {
    describe,
    async check() {
      try {
        await transport.verify();
      } catch (error) {
        throw serverError(error, describe);
      }
    },
    async send(message) {
      try {
        const info = await transport.sendMail(message);
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.length > 0) return { kind: "refused", response: info.response, stop: false };
        return { kind: "sent", response: info.response };
      } catch (error) {
        return classify(error as MailError);
      }
    },
    close() {
      transport.close();
    },
  };
}

interface MailError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  rejectedErrors?: MailError[];
}

const BEFORE_CONNECTING = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

function classify(error: MailError): SendOutcome {
  const answer = error.rejectedErrors?.[0] ?? error;
  if (typeof answer.responseCode === "number") {
    const response = answer.response ?? `${answer.responseCode} ${answer.message}`;
    if (error.code === "EAUTH") return { kind: "unreachable", reason: response };
    return { kind: "refused", response, stop: answer.responseCode < 500 };
  }
  if (
    error.code === "EDNS" ||
    error.code === "ETLS" ||
    error.code === "ENOAUTH" ||
    BEFORE_CONNECTING.test(error.message)
  ) {
    return { kind: "unreachable", reason: error.message };
  }
  return { kind: "dropped", reason: error.message };
}

function serverError(error: unknown, describe: string): CredanchorError {
  const e = error as MailError;
  if (e.code === "EAUTH" || e.code === "ENOAUTH") {
    return new MailServerError(
      "MAIL_LOGIN_FAILED",
      `${describe} refused the login (${e.response ?? e.message}): check the user in --smtp and the password in ${SMTP_PASSWORD_VARIABLE}; nothing was sent.`,
      { server: describe },
    );
  }
  return new MailServerError(
    "MAIL_SERVER_UNREACHABLE",
    `${describe} cannot be reached (${e.message}): check --smtp, or try again later; nothing was sent.`,
    { server: describe },
  );
}

function badUrl(url: string): CredanchorError {
  return new CredanchorError(
    "OPTION_INVALID",
    `--smtp "${url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@")}" is not an SMTP URL: smtp://user@host:587 (STARTTLS) or smtps://user@host:465, with the password in ${SMTP_PASSWORD_VARIABLE}.`,
    { option: "--smtp" },
  );
}

/** Renders a message as RFC 5322 bytes (CRLF line ends), as an .eml file holds it. */
export async function renderMessage(message: SendMailOptions): Promise<Buffer> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const info = await transport.sendMail(message);
  return info.message as Buffer;
}
