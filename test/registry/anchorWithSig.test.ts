// Anchoring on the strength of an EIP-712 signature by the issuer or a live operator (EIP-1271
// for contract wallets), submitted by anyone; one nonce per signer stops replays.
import { expect } from "chai";
import { TypedDataEncoder, ZeroAddress } from "ethers";
import {
  ANCHOR_TYPES,
  anchorDomain,
  anchoredBatch,
  anchorRequest,
  DAY,
  DEGREE,
  deployRegistries,
  ethers,
  LEAF_COUNT,
  MANIFEST_CID,
  networkHelpers,
  OTHER_ROOT,
  RIGHT_ANCHOR,
  ROOT,
  signAnchor,
  submitAnchor,
  time,
  withOperator,
} from "./fixtures.ts";

const { loadFixture } = networkHelpers;

/** The issuer is a contract wallet that accepts its owner's signatures (EIP-1271). */
async function walletIssuer() {
  const f = await withOperator();
  const wallet = await ethers.deployContract("MockSmartWallet", [f.walletOwner.address]);
  return { ...f, wallet, walletAddress: await wallet.getAddress() };
}

describe("CredentialRegistry anchorWithSig", () => {
  describe("DOMAIN_SEPARATOR", () => {
    it("is the EIP-712 domain of this registry on this chain", async () => {
      const { registry } = await loadFixture(deployRegistries);
      expect(await registry.DOMAIN_SEPARATOR()).to.equal(
        TypedDataEncoder.hashDomain(await anchorDomain(registry)),
      );
    });
  });

  describe("eip712Domain", () => {
    it("describes the same domain for wallets that read it (ERC-5267)", async () => {
      const { registry } = await loadFixture(deployRegistries);
      const domain = await anchorDomain(registry);
      const [, name, version, chainId, verifyingContract] = await registry.eip712Domain();
      expect([name, version, chainId, verifyingContract]).to.deep.equal([
        domain.name,
        domain.version,
        domain.chainId,
        domain.verifyingContract,
      ]);
    });
  });

  describe("ANCHOR_TYPEHASH", () => {
    it("is the hash of the Anchor type wallets sign", async () => {
      const { registry } = await loadFixture(deployRegistries);
      expect(await registry.ANCHOR_TYPEHASH()).to.equal(
        ethers.id(TypedDataEncoder.from(ANCHOR_TYPES).encodeType("Anchor")),
      );
    });
  });

  describe("anchorDigest", () => {
    it("is the EIP-712 hash a wallet signs for the Anchor type", async () => {
      const { registry, issuer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address, { nonce: 7n });
      expect(
        await registry.anchorDigest(
          request.issuer,
          request.root,
          request.leafCount,
          request.credentialType,
          request.manifestCid,
          request.nonce,
          request.deadline,
        ),
      ).to.equal(TypedDataEncoder.hash(await anchorDomain(registry), ANCHOR_TYPES, request));
    });
  });

  describe("nonces", () => {
    it("starts at zero and counts each signature used by that signer", async () => {
      const { registry, issuer, operator, relayer } = await loadFixture(withOperator);
      expect(await registry.nonces(issuer.address)).to.equal(0);
      for (const root of [ROOT, OTHER_ROOT]) {
        const request = await anchorRequest(registry, issuer.address, issuer.address, { root });
        await submitAnchor(
          registry,
          relayer,
          request,
          issuer.address,
          await signAnchor(registry, issuer, request),
        );
      }
      expect(await registry.nonces(issuer.address)).to.equal(2);
      expect(await registry.nonces(operator.address)).to.equal(0);
    });
  });

  describe("anchorWithSig", () => {
    it("anchors in the issuer's name on the issuer's signature, submitted by anyone", async () => {
      const { registry, issuer, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address);
      const signature = await signAnchor(registry, issuer, request);
      await expect(submitAnchor(registry, relayer, request, issuer.address, signature))
        .to.emit(registry, "BatchAnchored")
        .withArgs(issuer.address, ROOT, DEGREE, LEAF_COUNT, MANIFEST_CID);
      expect((await registry.batchOf(issuer.address, ROOT)).leafCount).to.equal(LEAF_COUNT);
      expect(await registry.nonces(issuer.address)).to.equal(1);
    });

    it("anchors in the issuer's name on a live operator's signature, recording the operator", async () => {
      const { registry, issuer, operator, relayer } = await loadFixture(withOperator);
      const request = await anchorRequest(registry, issuer.address, operator.address);
      const signature = await signAnchor(registry, operator, request);
      await expect(submitAnchor(registry, relayer, request, operator.address, signature))
        .to.emit(registry, "BatchAnchored")
        .withArgs(issuer.address, ROOT, DEGREE, LEAF_COUNT, MANIFEST_CID)
        .and.to.emit(registry, "OperatorAnchored")
        .withArgs(issuer.address, ROOT, operator.address);
      expect(await registry.nonces(operator.address)).to.equal(1);
    });

    it("anchors for a contract-wallet issuer on its owner's signature (EIP-1271)", async () => {
      const { registry, walletOwner, walletAddress, relayer } = await loadFixture(walletIssuer);
      const request = await anchorRequest(registry, walletAddress, walletAddress);
      const signature = await signAnchor(registry, walletOwner, request);
      await expect(submitAnchor(registry, relayer, request, walletAddress, signature))
        .to.emit(registry, "BatchAnchored")
        .withArgs(walletAddress, ROOT, DEGREE, LEAF_COUNT, MANIFEST_CID);
      expect((await registry.batchOf(walletAddress, ROOT)).leafCount).to.equal(LEAF_COUNT);
    });

    it("anchors on the signature of a contract wallet that is an operator", async () => {
      const { registry, issuer, walletOwner, walletAddress, relayer } =
        await loadFixture(walletIssuer);
      await registry.connect(issuer).setOperator(walletAddress, (await time.latest()) + DAY, 7);
      const request = await anchorRequest(registry, issuer.address, walletAddress);
      const signature = await signAnchor(registry, walletOwner, request);
      await expect(submitAnchor(registry, relayer, request, walletAddress, signature))
        .to.emit(registry, "BatchAnchored")
        .withArgs(issuer.address, ROOT, DEGREE, LEAF_COUNT, MANIFEST_CID)
        .and.to.emit(registry, "OperatorAnchored")
        .withArgs(issuer.address, ROOT, walletAddress);
    });

    it("rejects a contract wallet's signature made by a key that is not its owner", async () => {
      const { registry, stranger, walletAddress, relayer } = await loadFixture(walletIssuer);
      const request = await anchorRequest(registry, walletAddress, walletAddress);
      const signature = await signAnchor(registry, stranger, request);
      await expect(submitAnchor(registry, relayer, request, walletAddress, signature))
        .to.be.revertedWithCustomError(registry, "SignatureInvalid")
        .withArgs(walletAddress);
    });

    it("rejects a replayed signature", async () => {
      const { registry, issuer, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address);
      const signature = await signAnchor(registry, issuer, request);
      await submitAnchor(registry, relayer, request, issuer.address, signature);
      await expect(submitAnchor(registry, relayer, request, issuer.address, signature))
        .to.be.revertedWithCustomError(registry, "SignatureInvalid")
        .withArgs(issuer.address);
    });

    it("rejects a signature made for a nonce not yet reached", async () => {
      const { registry, issuer, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address, { nonce: 1n });
      const signature = await signAnchor(registry, issuer, request);
      await expect(submitAnchor(registry, relayer, request, issuer.address, signature))
        .to.be.revertedWithCustomError(registry, "SignatureInvalid")
        .withArgs(issuer.address);
    });

    it("accepts a signature in the last second of its deadline", async () => {
      const { registry, issuer, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address);
      const signature = await signAnchor(registry, issuer, request);
      await time.setNextBlockTimestamp(request.deadline);
      await submitAnchor(registry, relayer, request, issuer.address, signature);
      expect((await registry.batchOf(issuer.address, ROOT)).anchoredAt).to.equal(request.deadline);
    });

    it("rejects a signature after its deadline", async () => {
      const { registry, issuer, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address);
      const signature = await signAnchor(registry, issuer, request);
      await time.setNextBlockTimestamp(request.deadline + 1);
      await expect(submitAnchor(registry, relayer, request, issuer.address, signature))
        .to.be.revertedWithCustomError(registry, "SignatureExpired")
        .withArgs(request.deadline);
    });

    it("rejects a signature by another key than the named signer", async () => {
      const { registry, issuer, stranger, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address);
      const signature = await signAnchor(registry, stranger, request);
      await expect(submitAnchor(registry, relayer, request, issuer.address, signature))
        .to.be.revertedWithCustomError(registry, "SignatureInvalid")
        .withArgs(issuer.address);
    });

    it("rejects a signer that is not an operator of the issuer", async () => {
      const { registry, issuer, stranger, relayer } = await loadFixture(withOperator);
      const request = await anchorRequest(registry, issuer.address, stranger.address);
      const signature = await signAnchor(registry, stranger, request);
      await expect(submitAnchor(registry, relayer, request, stranger.address, signature))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, stranger.address, RIGHT_ANCHOR);
    });

    it("rejects an operator's signature once the operator has expired", async () => {
      const { registry, issuer, operator, operatorExpiry, relayer } =
        await loadFixture(withOperator);
      const request = await anchorRequest(registry, issuer.address, operator.address, {
        deadline: operatorExpiry + DAY,
      });
      const signature = await signAnchor(registry, operator, request);
      await time.setNextBlockTimestamp(operatorExpiry);
      await expect(submitAnchor(registry, relayer, request, operator.address, signature))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_ANCHOR);
    });

    it("rejects an operator's signature once the operator is removed", async () => {
      const { registry, issuer, operator, relayer } = await loadFixture(withOperator);
      const request = await anchorRequest(registry, issuer.address, operator.address);
      const signature = await signAnchor(registry, operator, request);
      await registry.connect(issuer).removeOperator(operator.address);
      await expect(submitAnchor(registry, relayer, request, operator.address, signature))
        .to.be.revertedWithCustomError(registry, "NotIssuerOrOperator")
        .withArgs(issuer.address, operator.address, RIGHT_ANCHOR);
    });

    it("rejects a signature whose signed fields were changed", async () => {
      const { registry, issuer, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address);
      const signature = await signAnchor(registry, issuer, request);
      const tampered = { ...request, leafCount: request.leafCount + 1 };
      await expect(submitAnchor(registry, relayer, tampered, issuer.address, signature))
        .to.be.revertedWithCustomError(registry, "SignatureInvalid")
        .withArgs(issuer.address);
    });

    it("rejects an operator's signature for one issuer used for another it also serves", async () => {
      const { registry, issuer, operator, otherIssuer, relayer } = await loadFixture(withOperator);
      await registry
        .connect(otherIssuer)
        .setOperator(operator.address, (await time.latest()) + DAY, 7);
      const request = await anchorRequest(registry, issuer.address, operator.address);
      const signature = await signAnchor(registry, operator, request);
      const redirected = { ...request, issuer: otherIssuer.address };
      await expect(submitAnchor(registry, relayer, redirected, operator.address, signature))
        .to.be.revertedWithCustomError(registry, "SignatureInvalid")
        .withArgs(operator.address);
    });

    it("rejects a signature made for another registry", async () => {
      const { registry, accreditation, issuer, relayer } = await loadFixture(deployRegistries);
      const other = await ethers.deployContract("CredentialRegistry", [
        await accreditation.getAddress(),
      ]);
      const request = await anchorRequest(registry, issuer.address, issuer.address);
      const signature = await signAnchor(other, issuer, request);
      await expect(submitAnchor(registry, relayer, request, issuer.address, signature))
        .to.be.revertedWithCustomError(registry, "SignatureInvalid")
        .withArgs(issuer.address);
    });

    it("rejects a malformed signature with SignatureInvalid", async () => {
      const { registry, issuer, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address);
      await expect(submitAnchor(registry, relayer, request, issuer.address, "0x1234"))
        .to.be.revertedWithCustomError(registry, "SignatureInvalid")
        .withArgs(issuer.address);
    });

    it("never anchors in the name of the zero address", async () => {
      const { registry, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, ZeroAddress, ZeroAddress);
      const garbage = `0x${"00".repeat(64)}1b`;
      await expect(submitAnchor(registry, relayer, request, ZeroAddress, garbage))
        .to.be.revertedWithCustomError(registry, "SignatureInvalid")
        .withArgs(ZeroAddress);
    });

    it("rejects a signed anchor of a root the issuer already anchored", async () => {
      const { registry, issuer, relayer } = await loadFixture(anchoredBatch);
      const request = await anchorRequest(registry, issuer.address, issuer.address);
      const signature = await signAnchor(registry, issuer, request);
      await expect(submitAnchor(registry, relayer, request, issuer.address, signature))
        .to.be.revertedWithCustomError(registry, "BatchAlreadyAnchored")
        .withArgs(issuer.address, ROOT);
    });

    it("checks the signed batch like anchor", async () => {
      const { registry, issuer, relayer } = await loadFixture(deployRegistries);
      const request = await anchorRequest(registry, issuer.address, issuer.address, {
        leafCount: 0,
      });
      const signature = await signAnchor(registry, issuer, request);
      await expect(submitAnchor(registry, relayer, request, issuer.address, signature))
        .to.be.revertedWithCustomError(registry, "LeafCountInvalid")
        .withArgs(0);
    });
  });
});
