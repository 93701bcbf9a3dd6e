// A real SMTP server for the delivery tests (the smtp-server package, on 127.0.0.1, with a login),
// and what it received, parsed by mailparser as a mail client would. A test can make it answer
// "try later" to the n-th message, or drop the connection once it holds the n-th message.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export const SMTP_USER = "registrar";
export const SMTP_PASSWORD = "correct horse battery staple";

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  parsed: ParsedMail;
}

export interface MailServer {
  /** smtp://registrar@127.0.0.1:<port>, without the password (it goes in the environment). */
  url: string;
  received: ReceivedMail[];
  /** Answer the n-th DATA (1-based, counted from now) with 451; undefined: accept all. */
  failAt: number | undefined;
  /** Close the connection, without an answer, once the n-th message (from now) is stored. */
  dropAt: number | undefined;
  /** Addresses answered "550 no such mailbox" at RCPT TO. */
  unknownMailboxes: Set<string>;
  /** Messages received (stored or refused) since the last change of failAt or dropAt. */
  resetCount(): void;
  close(): Promise<void>;
}

export async function startMailServer(): Promise<MailServer> {
  let count = 0;
  const state = {
    received: [] as ReceivedMail[],
    failAt: undefined as number | undefined,
    dropAt: undefined as number | undefined,
    unknownMailboxes: new Set<string>(),
  };
  const server: SMTPServer = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      }
    },
    onRcptTo(address, _session, callback) {
      if (state.unknownMailboxes.has(address.address)) {
        callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      count++;
      const n = count;
      simpleParser(stream).then(
        (parsed) => {
          if (n === state.failAt) {
            callback(
              Object.assign(new Error("Service busy, try again later"), { responseCode: 451 }),
            );
            return;
          }
          state.received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
          if (n === state.dropAt) {
            dropConnection(server, session);
            return;
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = (server.server as unknown as { address(): AddressInfo }).address();
  return {
    url: `smtp://${SMTP_USER}@127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    get unknownMailboxes() {
      return state.unknownMailboxes;
    },
    get failAt() {
      return state.failAt;
    },
    set failAt(n) {
      state.failAt = n;
      count = 0;
    },
    get dropAt() {
      return state.dropAt;
    },
    set dropAt(n) {
      state.dropAt = n;
      count = 0;
    },
    resetCount() {
      count = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The server's own socket for `session`, destroyed as a crash or a cut network would: the message
 * is stored, the client never hears "250". smtp-server keeps its connections in `connections`.
 */
function dropConnection(server: SMTPServer, session: SMTPServerSession): void {
  const connections = (
    server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }
  ).connections;
  for (const connection of connections) {
    if (connection.id === session.id) connection._socket.destroy();
  }
}

/** The one attachment of `mail` named `filename`. */
export function attachmentOf(mail: ReceivedMail, filename: string) {
  return mail.parsed.attachments.find((a) => a.filename === filename);
}
