// The CLI's credential files: any layout the reader knows is a credential file, and where a v1 or
// v2 credential lives on chain comes from the one reader, naming the file and field at fault.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import {
  locateCredential,
  readCredentialFile,
  readingOf,
} from "../../src/cli/commands/credentialFiles.ts";
import { attachAnchor, attachSignature, buildCredential } from "../../src/credential/index.ts";
import type { CredanchorError } from "../../src/errors.ts";
import {
  anchorV2,
  context,
  contextV2,
  minimalRecord,
  signatureProof,
} from "../credential/support.ts";

async function fileOf(value: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "credanchor-files-"));
  const file = path.join(dir, "c.credential.json");
  await writeFile(file, JSON.stringify(value));
  return file;
}

const signedV2 = () =>
  attachSignature(
    attachAnchor(
      buildCredential({ record: minimalRecord, index: 4, context: contextV2 }),
      anchorV2,
    ),
    signatureProof(anchorV2.blockTime!),
  );

describe("cli/credentialFiles", () => {
  it("locates a v2 file's batch and index through the reader", async () => {
    const loaded = await readCredentialFile(await fileOf(signedV2()));
    expect(readingOf(loaded).version).to.equal(2);
    expect(locateCredential(loaded)).to.deep.equal({
      chainId: 84532,
      registry: context.registryAddress,
      issuer: context.issuerAddress,
      root: anchorV2.merkleRoot,
      index: 4,
    });
  });

  it("locates a v1 file as before", async () => {
    const v1 = attachAnchor(
      buildCredential({ record: minimalRecord, index: 2, context }),
      anchorV2,
    );
    const where = locateCredential(await readCredentialFile(await fileOf(v1)));
    expect(where).to.include({ index: 2, root: anchorV2.merkleRoot, chainId: 84532 });
  });

  it("names the file and the field when a status member is malformed", async () => {
    const bad = signedV2();
    const file = await fileOf({
      ...bad,
      credentialStatus: {
        ...bad.credentialStatus,
        registryAddress: context.registryAddress.toLowerCase(),
      },
    });
    const loaded = await readCredentialFile(file);
    let error: CredanchorError | undefined;
    try {
      locateCredential(loaded);
    } catch (caught) {
      error = caught as CredanchorError;
    }
    expect(error?.code).to.equal("CREDENTIAL_FILE_INVALID");
    expect(error?.message).to.include(file).and.to.include("credentialStatus.registryAddress");
  });

  it("refuses JSON with no proof a reader knows, naming the file", async () => {
    const file = await fileOf({ hello: "world" });
    let error: CredanchorError | undefined;
    try {
      await readCredentialFile(file);
    } catch (caught) {
      error = caught as CredanchorError;
    }
    expect(error?.message).to.include(file).and.to.include("not a credential file");
  });
});
