// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccreditationRegistry} from "./IAccreditationRegistry.sol";

/// @title ICredentialRegistry
/// @notice Issuers anchor batches of credentials as Merkle roots, and revoke or suspend them, whole
/// or by index; they declare the signing keys their credentials carry, and retire them. Verifiers
/// read everything about one credential with one call.
interface ICredentialRegistry {
    /// @notice One anchored batch, keyed by (issuer, root).
    /// @dev Packed into one storage slot: 6 + 4 + 1 + 20 = 31 bytes.
    struct Batch {
        uint48 anchoredAt; // 0 while not anchored
        uint32 leafCount;
        bool revoked;
        bytes20 credentialType;
    }

    /// @notice What an issuer allowed one operator key, until when.
    /// @dev Packed into one storage slot: 6 + 1 = 7 bytes. `rights` is a set of RIGHT_* bits.
    struct Operator {
        uint48 expiresAt; // exclusive; 0 when not an operator
        uint8 rights;
    }

    /// @notice The term of one signing key an issuer declared: from `declaredAt`, until `retiredAt`
    /// (exclusive) once retired.
    /// @dev Packed into one storage slot: 8 + 8 = 16 bytes, read and written whole.
    struct SigningKey {
        uint64 declaredAt; // 0 while not declared
        uint64 retiredAt; // 0 while not retired
    }

    /// @notice Everything a verifier needs about one batch, from one call.
    /// @dev Only ever returned, never stored, so its field order is the ABI's and not packed.
    // solhint-disable-next-line gas-struct-packing
    struct BatchView {
        address accreditation; // this registry's AccreditationRegistry
        uint48 anchoredAt; // 0 when (issuer, root) was never anchored; the batch fields are then zero
        uint32 leafCount;
        bytes20 credentialType;
        bool batchRevoked;
        uint256[] revokedWords; // per asked word: bit b is index word * 256 + b; 0 past the batch
        uint256[] suspendedWords; // per asked word, likewise
        IAccreditationRegistry.Accreditation atAnchoring;
        IAccreditationRegistry.Accreditation current;
        uint64 keyDeclaredAt; // signingKey(issuer, publicKey).declaredAt; 0 for key 0 or an undeclared key
        uint64 keyRetiredAt; // signingKey(issuer, publicKey).retiredAt; likewise
    }

    /// @notice A change to one 256-index word of a status bitmap: bit b of `mask` is index
    /// `word * 256 + b` of the batch.
    struct StatusWord {
        uint256 word;
        uint256 mask;
    }

    /// @notice Everything a verifier needs about one credential, from one call.
    struct CredentialStatus {
        uint48 anchoredAt; // 0 when (issuer, root) was never anchored
        uint32 leafCount;
        bytes20 credentialType;
        bool batchRevoked;
        bool revoked;
        bool suspended;
        bool accreditedAtAnchoring;
        address accreditorAtAnchoring;
        bool accreditedNow;
        address accreditorNow;
    }

    /// @dev `account` is neither `issuer` nor a live operator of it holding `right`.
    error NotIssuerOrOperator(address issuer, address account, uint8 right);
    error OperatorInvalid(address operator);
    /// @dev Rights must be a non-empty set of RIGHT_ANCHOR, RIGHT_SUSPEND and RIGHT_REVOKE.
    error OperatorRightsInvalid(uint8 rights);
    error OperatorExpiryInvalid(uint48 expiresAt);
    error OperatorNotFound(address issuer, address operator);
    error RootInvalid();
    error LeafCountInvalid(uint256 leafCount);
    error CredentialTypeInvalid();
    error BatchAlreadyAnchored(address issuer, bytes32 root);
    error BatchNotAnchored(address issuer, bytes32 root);
    error IndexOutOfRange(uint256 index, uint256 leafCount);
    error StatusMaskEmpty(uint256 word);
    error StatusWordsEmpty();
    error SignatureExpired(uint256 deadline);
    error SignatureInvalid(address signer);
    error ZeroSigningKey();
    /// @dev A key's term is written once: declaring it again, even after retiring it, is refused.
    error SigningKeyAlreadyDeclared(address issuer, bytes32 publicKey);
    error SigningKeyNotDeclared(address issuer, bytes32 publicKey);
    /// @dev `effectiveAt` must lie in [earliest, latest]: not before the declaration, not after now,
    /// and before the time it is already retired from, if any (earliest > latest: no time is left).
    error SigningKeyRetirementInvalid(bytes32 publicKey, uint64 effectiveAt, uint64 earliest, uint64 latest);

    /// @notice `issuer` authorised `operator` to use `rights` in its name until `expiresAt` (exclusive).
    event OperatorSet(address indexed issuer, address indexed operator, uint48 expiresAt, uint8 rights);
    /// @notice `issuer` removed `operator`.
    event OperatorRemoved(address indexed issuer, address indexed operator);
    /// @notice `root` was anchored in the name of `issuer`. When the key that acted was not the
    /// issuer's own, OperatorAnchored follows in the same transaction.
    /// @dev Kept to what rebuilding state needs: the anchor path is held to 50,000 gas.
    event BatchAnchored(
        address indexed issuer, bytes32 indexed root, bytes20 credentialType, uint32 leafCount, bytes manifestCid
    );
    /// @notice `operator` (a live operator of `issuer`, directly or by signature) anchored `root`.
    /// Indexed by operator so the batches of a leaked key can be found and revoked.
    event OperatorAnchored(address indexed issuer, bytes32 indexed root, address indexed operator);
    /// @notice `by` revoked the whole batch `root` of `issuer` for `reason`.
    event BatchRevoked(address indexed issuer, bytes32 indexed root, address indexed by, uint8 reason);
    /// @notice `by` revoked the credentials whose bits are set in `words` (revocation is final).
    event CredentialsRevoked(
        address indexed issuer, bytes32 indexed root, address indexed by, uint8 reason, StatusWord[] words
    );
    /// @notice `by` suspended the credentials whose bits are set in `words`.
    event CredentialsSuspended(
        address indexed issuer, bytes32 indexed root, address indexed by, uint8 reason, StatusWord[] words
    );
    /// @notice `by` lifted the suspension of the credentials whose bits are set in `words`.
    event CredentialsUnsuspended(
        address indexed issuer, bytes32 indexed root, address indexed by, uint8 reason, StatusWord[] words
    );

    /// @notice `issuer` declared the Ed25519 key `publicKey` as its signing key from `declaredAt`.
    event SigningKeyDeclared(address indexed issuer, bytes32 indexed publicKey, uint64 declaredAt);
    /// @notice `issuer` retired its signing key `publicKey` from `effectiveAt`: batches anchored at
    /// or after it no longer carry a valid signature by that key. A later event moves it earlier.
    event SigningKeyRetired(address indexed issuer, bytes32 indexed publicKey, uint64 effectiveAt);

    /// @notice The status of credential `index` of batch `root` anchored by `issuer`; never reverts.
    function credentialStatus(address issuer, bytes32 root, uint256 index)
        external
        view
        returns (CredentialStatus memory);

    /// @notice Whether the credential with `credentialDigest` at `index` is included under `root`,
    /// anchored by `issuer`, in range, and neither revoked (batch or credential) nor suspended;
    /// with its full status for the caller's own accreditation policy.
    function verify(
        address issuer,
        bytes32 root,
        uint256 index,
        bytes32 credentialDigest,
        bytes32[] calldata proof
    ) external view returns (bool valid, CredentialStatus memory status);

    /// @notice Everything a verifier needs about batch `root` of `issuer` in one call: the batch,
    /// the revocation and suspension bitmap words numbered in `words` (word w holds indices
    /// w * 256 to w * 256 + 255), and who accredited the issuer at anchoring and now (see
    /// IAccreditationRegistry.accreditationDetailAt for `bodies`), and the term of the issuer's
    /// signing key `publicKey` (0 and 0 for key 0, a v1 credential's); never reverts.
    /// @dev Words rather than indices, so the calldata an RPC provider sees need not name the
    /// credential checked: a verifier asks for the whole batch, or for the credential's word among
    /// decoy words. A word past the batch (or of a root never anchored) reads as 0. The key is
    /// valid for the batch iff keyDeclaredAt != 0 && keyDeclaredAt <= anchoredAt &&
    /// (keyRetiredAt == 0 || anchoredAt < keyRetiredAt).
    function batchView(
        address issuer,
        bytes32 root,
        uint256[] calldata words,
        address[] calldata bodies,
        bytes32 publicKey
    ) external view returns (BatchView memory);

    /// @notice The term of `publicKey` as a signing key of `issuer`: when it was declared and from
    /// when it is retired (0 for either that has not happened); (0, 0) for a key `issuer` never
    /// declared, even if another issuer did; never reverts.
    function signingKey(address issuer, bytes32 publicKey)
        external
        view
        returns (uint64 declaredAt, uint64 retiredAt);
}
