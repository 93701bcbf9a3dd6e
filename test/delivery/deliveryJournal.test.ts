// The delivery journal read back as a rerun reads it: each graduate's last step decides whether
// they are mailed again, a line cut short by a kill never counts, and a damaged line stops the run.
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { DeliveryJournal } from "../../src/delivery/deliveryJournal.ts";
import { DELIVERY_JOURNAL_FILE } from "../../src/delivery/index.ts";

const addressed = (id: string) => ({
  id,
  credentialId: `urn:uuid:${id}`,
  to: `${id}@uni.example`,
  messageId: `<${id}@uni.example>`,
});

describe("delivery journal", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "credanchor-delivery-journal-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("tells sent, refused, uncertain and resent graduates apart after a reopen", async () => {
    const journal = await DeliveryJournal.open(dir);
    expect(journal.resumed).to.equal(false);
    await journal.append({ step: "sending", ...addressed("a") });
    await journal.append({ step: "sent", ...addressed("a"), response: "250 OK" });
    await journal.append({ step: "sending", ...addressed("b") });
    await journal.append({ step: "failed", ...addressed("b"), response: "451 later" });
    await journal.append({ step: "sending", ...addressed("c") });
    await journal.append({ step: "sending", ...addressed("d") });
    await journal.append({ step: "sent", ...addressed("d"), response: "250 OK" });
    await journal.append({ step: "resend", id: "d" });
    await journal.close();

    const reopened = await DeliveryJournal.open(dir);
    expect(reopened.resumed).to.equal(true);
    expect(reopened.stateOf("a")?.state).to.equal("sent");
    expect(reopened.stateOf("b")?.state).to.equal("failed");
    expect(reopened.stateOf("c")?.state).to.equal("uncertain");
    expect(reopened.stateOf("d")).to.equal(undefined);
    expect(reopened.stateOf("e")).to.equal(undefined);
    await reopened.close();
    expect((await stat(join(dir, DELIVERY_JOURNAL_FILE))).mode & 0o777).to.equal(0o600);
  });

  it("drops a last line cut short by a kill", async () => {
    const journal = await DeliveryJournal.open(dir);
    await journal.append({ step: "sending", ...addressed("a") });
    await journal.close();
    const file = join(dir, DELIVERY_JOURNAL_FILE);
    const whole = await readFile(file, "utf8");
    await appendFile(file, '{"step":"sent","id":"a","cre');

    const reopened = await DeliveryJournal.open(dir);
    expect(reopened.stateOf("a")?.state).to.equal("uncertain");
    await reopened.append({ step: "sent", ...addressed("a"), response: "250 OK" });
    await reopened.close();
    const lines = (await readFile(file, "utf8")).split("\n");
    expect(lines[0]).to.equal(whole.trimEnd());
    expect(lines.slice(1).map((l) => (l === "" ? l : JSON.parse(l).step))).to.deep.equal([
      "sent",
      "",
    ]);
  });

  it("refuses a damaged line, naming it, rather than guess who was mailed", async () => {
    await writeFile(join(dir, DELIVERY_JOURNAL_FILE), '{"step":"sent","id":"a"}\nnot json\n');
    const error = await DeliveryJournal.open(dir).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).to.equal("JOURNAL_CORRUPT");
    expect(error?.message).to.include("line 2 is not a delivery journal entry");
  });
});
