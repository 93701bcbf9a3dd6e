import { expect } from "chai";
import { CredanchorError } from "../../src/errors.ts";
import { createPinningServiceClient } from "../../src/storage/pinningService.ts";
import { type PinningServiceStandIn, startPinningServiceStandIn } from "./pinningServiceStandIn.ts";

const CID_A = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
const CID_B = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

describe("Pinning Service API client against a local stand-in for a pinning service (none reachable here)", () => {
  let service: PinningServiceStandIn;

  beforeEach(async () => {
    service = await startPinningServiceStandIn({ token: "secret-token" });
  });

  afterEach(async () => {
    await service.close();
  });

  const client = (token = "secret-token") =>
    createPinningServiceClient({ url: service.url, token, timeoutMs: 5_000 });

  it("finds every pin request for a CID, whatever its status, and only that CID's", async () => {
    const pinned = service.add(CID_A, "pinned");
    const queued = service.add(CID_A, "queued");
    const failed = service.add(CID_A, "failed");
    service.add(CID_B);
    const found = await client().findPins(CID_A);
    expect(found.map((p) => p.requestid).sort()).to.deep.equal([pinned, queued, failed].sort());
    expect(found.every((p) => p.cid === CID_A)).to.equal(true);
    const [request] = service.requests;
    expect(request!.query.get("status")).to.equal("queued,pinning,pinned,failed");
    expect(request!.authorization).to.equal("Bearer secret-token");
  });

  it("pages through more pin requests than one page holds", async () => {
    for (let i = 0; i < 1005; i++) service.add(CID_A);
    const found = await client().findPins(CID_A);
    expect(new Set(found.map((p) => p.requestid)).size).to.equal(1005);
    expect(service.requests.filter((r) => r.method === "GET")).to.have.length(2);
  });

  it("deletes a pin request by id, and a second delete of it is not an error", async () => {
    const id = service.add(CID_A);
    const kept = service.add(CID_B);
    await client().removePin(id);
    await client().removePin(id);
    expect([...service.pins.keys()]).to.deep.equal([kept]);
    expect(service.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      `DELETE /pins/${id}`,
      `DELETE /pins/${id}`,
    ]);
  });

  it("asks for a pin with a name and gets the service's pin request back", async () => {
    const added = await client().addPin(CID_A, { name: "shared credential" });
    expect(added).to.include({ cid: CID_A, status: "queued", name: "shared credential" });
    expect(service.pins.get(added.requestid)?.cid).to.equal(CID_A);
    expect((await client().findPins(CID_A)).map((p) => p.requestid)).to.deep.equal([
      added.requestid,
    ]);
  });

  it("names the service and the token when it refuses the token", async () => {
    try {
      await client("wrong").findPins(CID_A);
      expect.fail("a refused token was accepted");
    } catch (error) {
      expect(error).to.be.instanceOf(CredanchorError);
      expect((error as CredanchorError).code).to.equal("STORAGE_UNREACHABLE");
      expect((error as Error).message).to.contain(`the pinning service at ${service.url}`);
      expect((error as Error).message).to.contain("HTTP 401 (check the access token)");
    }
  });

  it("refuses a CID it cannot take down before asking the service", async () => {
    try {
      await client().findPins("not-a-cid");
      expect.fail("a bad CID was sent");
    } catch (error) {
      expect((error as CredanchorError).code).to.equal("STORAGE_CID_INVALID");
    }
    expect(service.requests).to.have.length(0);
  });
});
