import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string; subject: string; text: string; html: string; raw: ParsedMail };

/**
 * A real SMTP server on a free local port for the mail tests: it accepts every message (no TLS,
 * any login), parses it, and hands it to whoever waits for it. `refuse` makes it answer 451 (a
 * temporary failure) until turned off.
 */
export async function startTestSmtp() {
  const received: ReceivedMail[] = [];
  const waiting: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Closing does not wait for the app's pooled connection to leave.
    closeTimeout: 200,
    onAuth: (auth, _session, done) => done(null, { user: auth.username }),
    onData(stream, _session, done) {
      if (state.refuse) {
        stream.resume();
        stream.on("end", () => done(Object.assign(new Error("try again later"), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then((raw) => {
        const to = [raw.to].flat().flatMap((a) => a?.value ?? []).map((v) => v.address ?? "").join(",");
        const mail = { to, subject: raw.subject ?? "", text: raw.text ?? "", html: typeof raw.html === "string" ? raw.html : "", raw };
        received.push(mail);
        for (const w of waiting.filter((w) => w.match(mail))) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(mail);
        }
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://tester:secret@127.0.0.1:${port}`,
    received,
    state,
    /** The first message (already received or still to come) to `to`; fails after `timeoutMs`. */
    mailTo(to: string, timeoutMs = 5_000): Promise<ReceivedMail> {
      const match = (m: ReceivedMail) => m.to.toLowerCase() === to.toLowerCase();
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that goes to `path`. */
export function linkIn(text: string, path: string): string {
  const link = text.match(new RegExp(`https?://\\S+${path.replace(/[/]/g, "\\/")}\\?token=[A-Za-z0-9_-]+`))?.[0];
  if (!link) throw new Error(`no ${path} link in: ${text}`);
  return link;
}

export const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;
