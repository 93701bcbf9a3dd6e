// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title ICredentialRegistry
/// @notice Issuers anchor batches of credentials as Merkle roots, and revoke or suspend them, whole
/// or by index. Verifiers read everything about one credential with one call.
interface ICredentialRegistry {
    /// @notice One anchored batch, keyed by (issuer, root).
    /// @dev Packed into one storage slot: 6 + 4 + 1 + 20 = 31 bytes.
    struct Batch {
        uint48 anchoredAt; // 0 while not anchored
        uint32 leafCount;
        bool revoked;
        bytes20 credentialType;
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

    error NotIssuerOrOperator(address issuer, address account);
    error OperatorInvalid(address operator);
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

    /// @notice `issuer` authorised `operator` to act in its name until `expiresAt` (exclusive).
    event OperatorSet(address indexed issuer, address indexed operator, uint48 expiresAt);
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
}
