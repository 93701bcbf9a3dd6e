// The one cached chain-id check: an endpoint is asked its chain once, a failed answer is not
// remembered, and an endpoint serving another chain is refused with both chain ids.
import { expect } from "chai";
import { assertServesChain, type RpcEndpoint, servedChainId } from "../../src/chain/index.ts";

/** An endpoint answering eth_chainId from `answers` in turn, counting the questions. */
function endpoint(...answers: (string | Error)[]): RpcEndpoint & { asked: () => number } {
  let asked = 0;
  return {
    urls: ["http://rpc.test"],
    asked: () => asked,
    async request({ method }) {
      expect(method).to.equal("eth_chainId");
      const answer = answers[Math.min(asked++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe("chain: assertServesChain", () => {
  it("asks an endpoint its chain once, however many credentials name it", async () => {
    const rpc = endpoint("0x7a69");
    await Promise.all([assertServesChain(rpc, 31337), assertServesChain(rpc, 31337)]);
    expect(await servedChainId(rpc)).to.equal(31337);
    expect(rpc.asked()).to.equal(1);
  });

  it("refuses an endpoint serving another chain, naming both chain ids", async () => {
    const error = await assertServesChain(endpoint("0x1"), 8453).catch((e: unknown) => e);
    expect(error).to.deep.include({ code: "RPC_CHAIN_MISMATCH" });
    expect((error as Error).message)
      .to.include("serves chain 1")
      .and.include("chain 8453");
  });

  it("forgets a failed or nonsensical answer, so the next check asks again", async () => {
    const rpc = endpoint(new Error("connection refused"), "not a chain id", "0x2105");
    for (const _ of [1, 2]) {
      const error = await servedChainId(rpc).catch((e: unknown) => e);
      expect(error).to.deep.include({ code: "RPC_UNREACHABLE" });
    }
    await assertServesChain(rpc, 8453);
    expect(rpc.asked()).to.equal(3);
  });
});
