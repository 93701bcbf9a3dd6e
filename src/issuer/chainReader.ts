// The writer's public client as src/chain's read actions take it (a ChainClient): the pipeline
// reads the chain through the same client it sends with, so reads see its own transactions.
import type { ChainClient, RegistryWriter } from "../chain/index.ts";

export function chainReaderOf(writer: RegistryWriter): ChainClient {
  return {
    client: writer.reader,
    urls: [],
    request: (args) => writer.reader.request(args as never),
  };
}
