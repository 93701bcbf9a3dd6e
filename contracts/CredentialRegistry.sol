// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IAccreditationRegistry} from "./interfaces/IAccreditationRegistry.sol";
import {ICredentialRegistry} from "./interfaces/ICredentialRegistry.sol";

/// @title CredentialRegistry
/// @notice Issuers (EOAs or contract wallets) anchor batches of credentials as Merkle roots, keyed by
/// (issuer, root) so nobody can squat another issuer's root, and record revocation of whole batches
/// and revocation and suspension of single credentials as bitmaps (256 credentials per storage
/// word). An issuer may authorise operator keys with an expiry and a set of rights (anchor,
/// suspend, revoke), so a leaked batch-server key that may only anchor cannot revoke anything;
/// events record which key acted (an anchor by an operator adds OperatorAnchored). Anchors can
/// also be submitted by anyone with an EIP-712 signature of the issuer or an operator holding the
/// anchor right (EIP-1271 for contract wallets). An issuer declares the Ed25519 keys that sign its
/// credentials and retires them; only the issuer itself can, never an operator, since binding a key
/// to the issuer's identity is an identity-level act.
/// @dev Immutable: no proxy, no upgrade path. A leaf is OpenZeppelin's StandardMerkleTree leaf of
/// (uint256 index, bytes32 credentialDigest), so the index is bound into the proof.
contract CredentialRegistry is ICredentialRegistry, EIP712, Nonces {
    /// @dev EIP-712 type of a signed anchor; the manifest CID is hashed as EIP-712 requires for bytes.
    bytes32 public constant ANCHOR_TYPEHASH = keccak256(
        "Anchor(address issuer,bytes32 root,uint32 leafCount,bytes20 credentialType,bytes manifestCid,uint256 nonce,uint256 deadline)"
    );

    /// @notice The right to anchor batches in the issuer's name (directly or by signature).
    uint8 public constant RIGHT_ANCHOR = 1;
    /// @notice The right to suspend and unsuspend the issuer's credentials.
    uint8 public constant RIGHT_SUSPEND = 2;
    /// @notice The right to revoke the issuer's batches and credentials (final).
    uint8 public constant RIGHT_REVOKE = 4;
    uint8 private constant _ALL_RIGHTS = RIGHT_ANCHOR | RIGHT_SUSPEND | RIGHT_REVOKE;

    /// @notice The accreditation registry consulted by the status views.
    // solhint-disable-next-line immutable-vars-naming
    IAccreditationRegistry public immutable accreditation;

    /// @dev One slot per (issuer, operator): expiry and rights together.
    mapping(address issuer => mapping(address operator => Operator)) private _operators;
    mapping(address issuer => mapping(bytes32 root => Batch)) private _batches;
    mapping(address issuer => mapping(bytes32 root => mapping(uint256 word => uint256))) private _revoked;
    mapping(address issuer => mapping(bytes32 root => mapping(uint256 word => uint256))) private _suspended;
    /// @dev One slot per (issuer, key): declaredAt and retiredAt together, so the term is one read.
    mapping(address issuer => mapping(bytes32 publicKey => SigningKey)) private _signingKeys;

    /// @param accreditationRegistry The AccreditationRegistry whose answers the status views include.
    constructor(IAccreditationRegistry accreditationRegistry) EIP712("credanchor CredentialRegistry", "1") {
        accreditation = accreditationRegistry;
    }

    // ---------------------------------------------------------------- operators

    /// @notice Authorises `operator` to use `rights` (RIGHT_* bits) in the caller's name until
    /// `expiresAt` (exclusive); calling again replaces both the expiry and the rights.
    /// @dev The caller is the issuer. Reverts with OperatorRightsInvalid unless `rights` is a
    /// non-empty subset of the three rights. Anchors an operator made stay valid after it expires.
    /// Emits OperatorSet.
    function setOperator(address operator, uint48 expiresAt, uint8 rights) external {
        if (operator == address(0) || operator == msg.sender) revert OperatorInvalid(operator);
        if (expiresAt <= block.timestamp) revert OperatorExpiryInvalid(expiresAt);
        if (rights == 0 || rights > _ALL_RIGHTS) revert OperatorRightsInvalid(rights);
        _operators[msg.sender][operator] = Operator({expiresAt: expiresAt, rights: rights});
        emit OperatorSet(msg.sender, operator, expiresAt, rights);
    }

    /// @notice Removes `operator` from the caller's operators at once.
    /// @dev The caller is the issuer. Emits OperatorRemoved.
    function removeOperator(address operator) external {
        if (_operators[msg.sender][operator].expiresAt == 0) revert OperatorNotFound(msg.sender, operator);
        delete _operators[msg.sender][operator];
        emit OperatorRemoved(msg.sender, operator);
    }

    /// @notice When `operator`'s authority for `issuer` ends and what it covers (both 0 if it has none).
    function operatorOf(address issuer, address operator) external view returns (uint48 expiresAt, uint8 rights) {
        Operator storage op = _operators[issuer][operator];
        return (op.expiresAt, op.rights);
    }

    /// @notice Whether `account` may use `right` (one or more RIGHT_* bits) for `issuer` now: the
    /// issuer itself always may; an operator must be live and hold every bit of `right`.
    function canActFor(address issuer, address account, uint8 right) public view returns (bool) {
        if (account == issuer) return true;
        Operator storage op = _operators[issuer][account];
        return op.expiresAt > block.timestamp && op.rights & right == right;
    }

    // ---------------------------------------------------------------- signing keys

    /// @notice Declares the Ed25519 public key `publicKey` (the raw 32 bytes of its did:key) as a
    /// signing key of the caller from now on.
    /// @dev The caller is the issuer; there is no way to declare in another's name, so an operator
    /// cannot. Reverts with ZeroSigningKey for 0, SigningKeyAlreadyDeclared for a key the caller
    /// declared before (also once retired: a term is written once). Emits SigningKeyDeclared.
    function declareSigningKey(bytes32 publicKey) external {
        if (publicKey == bytes32(0)) revert ZeroSigningKey();
        SigningKey storage key = _signingKeys[msg.sender][publicKey];
        if (key.declaredAt != 0) revert SigningKeyAlreadyDeclared(msg.sender, publicKey);
        key.declaredAt = uint64(block.timestamp);
        emit SigningKeyDeclared(msg.sender, publicKey, uint64(block.timestamp));
    }

    /// @notice Retires the caller's signing key `publicKey` from `effectiveAt`: batches anchored at
    /// or after it no longer verify with the key, earlier ones still do. A past `effectiveAt` (back
    /// to the declaration) voids the batches anchored since, for a key that leaked.
    /// @dev The caller is the issuer, for its own key; an operator cannot. Reverts with
    /// SigningKeyNotDeclared for a key the caller never declared, SigningKeyRetirementInvalid
    /// unless declaredAt <= effectiveAt <= now and, when already retired, effectiveAt is earlier
    /// than before (a retirement only ever moves earlier). Emits SigningKeyRetired.
    function retireSigningKey(bytes32 publicKey, uint64 effectiveAt) external {
        SigningKey storage key = _signingKeys[msg.sender][publicKey];
        (uint64 declaredAt, uint64 retiredAt) = (key.declaredAt, key.retiredAt);
        if (declaredAt == 0) revert SigningKeyNotDeclared(msg.sender, publicKey);
        // retiredAt never lies ahead of now, so it bounds a second call; 0 < declaredAt <= retiredAt.
        uint64 latest = retiredAt == 0 ? uint64(block.timestamp) : retiredAt - 1;
        if (effectiveAt < declaredAt || effectiveAt > latest) {
            revert SigningKeyRetirementInvalid(publicKey, effectiveAt, declaredAt, latest);
        }
        key.retiredAt = effectiveAt;
        emit SigningKeyRetired(msg.sender, publicKey, effectiveAt);
    }

    /// @inheritdoc ICredentialRegistry
    function signingKey(address issuer, bytes32 publicKey)
        external
        view
        returns (uint64 declaredAt, uint64 retiredAt)
    {
        SigningKey storage key = _signingKeys[issuer][publicKey];
        return (key.declaredAt, key.retiredAt);
    }

    // ---------------------------------------------------------------- anchoring

    /// @notice Anchors a batch of `leafCount` credentials of `credentialType` under `root` in the
    /// caller's own name, with the IPFS CID (binary CIDv1) of the batch's public manifest.
    /// @dev The caller is the issuer. Reverts with BatchAlreadyAnchored if it anchored `root`
    /// before. Emits BatchAnchored.
    function anchor(bytes32 root, uint32 leafCount, bytes20 credentialType, bytes calldata manifestCid) external {
        _anchor(msg.sender, msg.sender, root, leafCount, credentialType, manifestCid);
    }

    /// @notice Anchors a batch like `anchor`, in the name of `issuer`.
    /// @dev Only the issuer or a live operator with RIGHT_ANCHOR. Emits BatchAnchored, and
    /// OperatorAnchored when the caller is an operator.
    function anchorFor(
        address issuer,
        bytes32 root,
        uint32 leafCount,
        bytes20 credentialType,
        bytes calldata manifestCid
    ) external {
        _requireRight(issuer, msg.sender, RIGHT_ANCHOR);
        _anchor(issuer, msg.sender, root, leafCount, credentialType, manifestCid);
    }

    /// @notice Anchors a batch on the strength of an EIP-712 signature by `signer`, the issuer or one
    /// of its live operators with RIGHT_ANCHOR; anyone may submit it and pay the gas.
    /// @dev Consumes `signer`'s next nonce (see `nonces`). Contract signers are checked with
    /// EIP-1271. Reverts with SignatureExpired after `deadline`, SignatureInvalid for a bad
    /// signature. Emits BatchAnchored, and OperatorAnchored when the signer is an operator.
    function anchorWithSig(
        address issuer,
        bytes32 root,
        uint32 leafCount,
        bytes20 credentialType,
        bytes calldata manifestCid,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        _requireRight(issuer, signer, RIGHT_ANCHOR);
        bytes32 digest = anchorDigest(
            issuer, root, leafCount, credentialType, manifestCid, _useNonce(signer), deadline
        );
        if (!SignatureChecker.isValidSignatureNow(signer, digest, signature)) revert SignatureInvalid(signer);
        _anchor(issuer, signer, root, leafCount, credentialType, manifestCid);
    }

    /// @notice The EIP-712 digest a signer signs for `anchorWithSig` with the given nonce.
    function anchorDigest(
        address issuer,
        bytes32 root,
        uint32 leafCount,
        bytes20 credentialType,
        bytes calldata manifestCid,
        uint256 nonce,
        uint256 deadline
    ) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    ANCHOR_TYPEHASH, issuer, root, leafCount, credentialType, keccak256(manifestCid), nonce, deadline
                )
            )
        );
    }

    /// @notice The EIP-712 domain separator of this registry.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------- revocation and suspension

    /// @notice Revokes the whole batch `root` of `issuer` (for instance, issued in error).
    /// @dev Only the issuer or a live operator with RIGHT_REVOKE; final. Emits BatchRevoked.
    function revokeBatch(address issuer, bytes32 root, uint8 reason) external {
        _requireRight(issuer, msg.sender, RIGHT_REVOKE);
        Batch storage batch = _batches[issuer][root];
        if (batch.anchoredAt == 0) revert BatchNotAnchored(issuer, root);
        batch.revoked = true;
        emit BatchRevoked(issuer, root, msg.sender, reason);
    }

    /// @notice Revokes credential `index` of batch `root`; final.
    /// @dev Only the issuer or a live operator with RIGHT_REVOKE. Emits CredentialsRevoked.
    function revokeCredential(address issuer, bytes32 root, uint256 index, uint8 reason) external {
        StatusWord[] memory words = _singleWord(issuer, root, index, RIGHT_REVOKE);
        _revoked[issuer][root][words[0].word] |= words[0].mask;
        emit CredentialsRevoked(issuer, root, msg.sender, reason, words);
    }

    /// @notice Revokes every credential whose bit is set in `words`, in one transaction; final.
    /// @dev Only the issuer or a live operator with RIGHT_REVOKE. One storage write per word: group
    /// indices by word (index / 256) off-chain. Emits CredentialsRevoked once.
    function revokeCredentials(address issuer, bytes32 root, StatusWord[] calldata words, uint8 reason) external {
        _checkWords(issuer, root, words, RIGHT_REVOKE);
        mapping(uint256 => uint256) storage bits = _revoked[issuer][root];
        for (uint256 i = 0; i < words.length; ++i) {
            bits[words[i].word] |= words[i].mask;
        }
        emit CredentialsRevoked(issuer, root, msg.sender, reason, words);
    }

    /// @notice Suspends credential `index` of batch `root` until unsuspended.
    /// @dev Only the issuer or a live operator with RIGHT_SUSPEND. Emits CredentialsSuspended.
    function suspendCredential(address issuer, bytes32 root, uint256 index, uint8 reason) external {
        StatusWord[] memory words = _singleWord(issuer, root, index, RIGHT_SUSPEND);
        _suspended[issuer][root][words[0].word] |= words[0].mask;
        emit CredentialsSuspended(issuer, root, msg.sender, reason, words);
    }

    /// @notice Suspends every credential whose bit is set in `words`.
    /// @dev Only the issuer or a live operator with RIGHT_SUSPEND. Emits CredentialsSuspended once.
    function suspendCredentials(address issuer, bytes32 root, StatusWord[] calldata words, uint8 reason) external {
        _checkWords(issuer, root, words, RIGHT_SUSPEND);
        mapping(uint256 => uint256) storage bits = _suspended[issuer][root];
        for (uint256 i = 0; i < words.length; ++i) {
            bits[words[i].word] |= words[i].mask;
        }
        emit CredentialsSuspended(issuer, root, msg.sender, reason, words);
    }

    /// @notice Lifts the suspension of credential `index` of batch `root`.
    /// @dev Only the issuer or a live operator with RIGHT_SUSPEND. Emits CredentialsUnsuspended.
    function unsuspendCredential(address issuer, bytes32 root, uint256 index, uint8 reason) external {
        StatusWord[] memory words = _singleWord(issuer, root, index, RIGHT_SUSPEND);
        _suspended[issuer][root][words[0].word] &= ~words[0].mask;
        emit CredentialsUnsuspended(issuer, root, msg.sender, reason, words);
    }

    /// @notice Lifts the suspension of every credential whose bit is set in `words`.
    /// @dev Only the issuer or a live operator with RIGHT_SUSPEND. Emits CredentialsUnsuspended once.
    function unsuspendCredentials(address issuer, bytes32 root, StatusWord[] calldata words, uint8 reason) external {
        _checkWords(issuer, root, words, RIGHT_SUSPEND);
        mapping(uint256 => uint256) storage bits = _suspended[issuer][root];
        for (uint256 i = 0; i < words.length; ++i) {
            bits[words[i].word] &= ~words[i].mask;
        }
        emit CredentialsUnsuspended(issuer, root, msg.sender, reason, words);
    }

    // ---------------------------------------------------------------- views

    /// @notice The batch `root` of `issuer` (anchoredAt is 0 if it was never anchored).
    function batchOf(address issuer, bytes32 root) external view returns (Batch memory) {
        return _batches[issuer][root];
    }

    /// @notice The revocation bitmap word `word` of batch `root` of `issuer`.
    function revokedWord(address issuer, bytes32 root, uint256 word) external view returns (uint256) {
        return _revoked[issuer][root][word];
    }

    /// @notice The suspension bitmap word `word` of batch `root` of `issuer`.
    function suspendedWord(address issuer, bytes32 root, uint256 word) external view returns (uint256) {
        return _suspended[issuer][root][word];
    }

    /// @inheritdoc ICredentialRegistry
    function credentialStatus(address issuer, bytes32 root, uint256 index)
        public
        view
        returns (CredentialStatus memory status)
    {
        Batch memory batch = _batches[issuer][root];
        if (batch.anchoredAt == 0) return status;
        status.anchoredAt = batch.anchoredAt;
        status.leafCount = batch.leafCount;
        status.credentialType = batch.credentialType;
        status.batchRevoked = batch.revoked;
        uint256 bit = 1 << (index & 0xff);
        status.revoked = _revoked[issuer][root][index >> 8] & bit != 0;
        status.suspended = _suspended[issuer][root][index >> 8] & bit != 0;
        (status.accreditedAtAnchoring, status.accreditorAtAnchoring) =
            accreditation.accreditationAt(issuer, batch.credentialType, batch.anchoredAt);
        (status.accreditedNow, status.accreditorNow) =
            accreditation.accreditationAt(issuer, batch.credentialType, uint48(block.timestamp));
    }

    /// @notice The status of many credentials of one batch in one call (one round trip for a
    /// verifier checking a whole batch).
    function credentialStatuses(address issuer, bytes32 root, uint256[] calldata indices)
        external
        view
        returns (CredentialStatus[] memory statuses)
    {
        statuses = new CredentialStatus[](indices.length);
        if (indices.length == 0) return statuses;
        CredentialStatus memory shared = credentialStatus(issuer, root, indices[0]);
        for (uint256 i = 0; i < indices.length; ++i) {
            uint256 index = indices[i];
            uint256 bit = 1 << (index & 0xff);
            CredentialStatus memory s = statuses[i];
            s.anchoredAt = shared.anchoredAt;
            s.leafCount = shared.leafCount;
            s.credentialType = shared.credentialType;
            s.batchRevoked = shared.batchRevoked;
            s.accreditedAtAnchoring = shared.accreditedAtAnchoring;
            s.accreditorAtAnchoring = shared.accreditorAtAnchoring;
            s.accreditedNow = shared.accreditedNow;
            s.accreditorNow = shared.accreditorNow;
            if (shared.anchoredAt != 0) {
                s.revoked = _revoked[issuer][root][index >> 8] & bit != 0;
                s.suspended = _suspended[issuer][root][index >> 8] & bit != 0;
            }
        }
    }

    /// @inheritdoc ICredentialRegistry
    function verify(
        address issuer,
        bytes32 root,
        uint256 index,
        bytes32 credentialDigest,
        bytes32[] calldata proof
    ) external view returns (bool valid, CredentialStatus memory status) {
        status = credentialStatus(issuer, root, index);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, credentialDigest))));
        valid = status.anchoredAt != 0 && index < status.leafCount && !status.batchRevoked && !status.revoked
            && !status.suspended && MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @inheritdoc ICredentialRegistry
    /// @dev `accreditation` is set even for a root never anchored: it belongs to the registry.
    /// Words past the batch's last word are answered 0 without reading storage (no bit can be set
    /// there), so asking a fixed range of words costs what the batch holds. The key's term is read
    /// whether or not the root was anchored; key 0 (a v1 credential) reads no storage.
    function batchView(
        address issuer,
        bytes32 root,
        uint256[] calldata words,
        address[] calldata bodies,
        bytes32 publicKey
    ) external view returns (BatchView memory view_) {
        view_.accreditation = address(accreditation);
        if (publicKey != bytes32(0)) {
            SigningKey storage key = _signingKeys[issuer][publicKey];
            (view_.keyDeclaredAt, view_.keyRetiredAt) = (key.declaredAt, key.retiredAt);
        }
        view_.revokedWords = new uint256[](words.length);
        view_.suspendedWords = new uint256[](words.length);
        Batch memory batch = _batches[issuer][root];
        if (batch.anchoredAt == 0) return view_;
        view_.anchoredAt = batch.anchoredAt;
        view_.leafCount = batch.leafCount;
        view_.credentialType = batch.credentialType;
        view_.batchRevoked = batch.revoked;
        uint256 wordCount = (uint256(batch.leafCount) + 255) >> 8;
        mapping(uint256 => uint256) storage revokedBits = _revoked[issuer][root];
        mapping(uint256 => uint256) storage suspendedBits = _suspended[issuer][root];
        for (uint256 i = 0; i < words.length; ++i) {
            uint256 word = words[i];
            if (word >= wordCount) continue;
            view_.revokedWords[i] = revokedBits[word];
            view_.suspendedWords[i] = suspendedBits[word];
        }
        view_.atAnchoring =
            accreditation.accreditationDetailAt(issuer, batch.credentialType, batch.anchoredAt, bodies);
        view_.current =
            accreditation.accreditationDetailAt(issuer, batch.credentialType, uint48(block.timestamp), bodies);
    }

    // ---------------------------------------------------------------- internals

    function _anchor(
        address issuer,
        address by,
        bytes32 root,
        uint32 leafCount,
        bytes20 credentialType,
        bytes calldata manifestCid
    ) private {
        if (root == bytes32(0)) revert RootInvalid();
        if (leafCount == 0) revert LeafCountInvalid(leafCount);
        if (credentialType == bytes20(0)) revert CredentialTypeInvalid();
        Batch storage batch = _batches[issuer][root];
        if (batch.anchoredAt != 0) revert BatchAlreadyAnchored(issuer, root);
        batch.anchoredAt = uint48(block.timestamp);
        batch.leafCount = leafCount;
        batch.credentialType = credentialType;
        emit BatchAnchored(issuer, root, credentialType, leafCount, manifestCid);
        if (by != issuer) emit OperatorAnchored(issuer, root, by);
    }

    function _requireRight(address issuer, address account, uint8 right) private view {
        if (!canActFor(issuer, account, right)) revert NotIssuerOrOperator(issuer, account, right);
    }

    function _requireBatch(address issuer, bytes32 root) private view returns (uint256 leafCount) {
        Batch storage batch = _batches[issuer][root];
        if (batch.anchoredAt == 0) revert BatchNotAnchored(issuer, root);
        return batch.leafCount;
    }

    function _singleWord(address issuer, bytes32 root, uint256 index, uint8 right)
        private
        view
        returns (StatusWord[] memory words)
    {
        _requireRight(issuer, msg.sender, right);
        uint256 leafCount = _requireBatch(issuer, root);
        if (index >= leafCount) revert IndexOutOfRange(index, leafCount);
        words = new StatusWord[](1);
        words[0] = StatusWord({word: index >> 8, mask: 1 << (index & 0xff)});
    }

    /// @dev The list and every word must be non-empty, and every set bit must name an index below
    /// leafCount: a call that changes nothing would still emit an event indexers must replay.
    function _checkWords(address issuer, bytes32 root, StatusWord[] calldata words, uint8 right) private view {
        _requireRight(issuer, msg.sender, right);
        if (words.length == 0) revert StatusWordsEmpty();
        uint256 leafCount = _requireBatch(issuer, root);
        uint256 lastWord = (leafCount - 1) >> 8;
        uint256 tailBits = leafCount & 0xff; // bits used in the last word; 0 means all 256
        for (uint256 i = 0; i < words.length; ++i) {
            StatusWord calldata w = words[i];
            if (w.mask == 0) revert StatusMaskEmpty(w.word);
            if (w.word > lastWord || (w.word == lastWord && tailBits != 0 && w.mask >> tailBits != 0)) {
                revert IndexOutOfRange(_highestIndex(w), leafCount);
            }
        }
    }

    function _highestIndex(StatusWord calldata w) private pure returns (uint256 index) {
        uint256 mask = w.mask;
        uint256 bit = 0;
        while (mask > 1) {
            mask >>= 1;
            ++bit;
        }
        // Saturate instead of overflowing for absurd word numbers: the value is only reported.
        unchecked {
            index = w.word > type(uint256).max >> 8 ? type(uint256).max : (w.word << 8) | bit;
        }
    }
}
