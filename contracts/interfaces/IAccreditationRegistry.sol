// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title IAccreditationRegistry
/// @notice Governance appoints accreditation bodies; bodies accredit issuers per credential type
/// for a window of time. Every answer is available for any moment, so a credential anchored while
/// its issuer was accredited stays accredited-at-anchoring after the accreditation ends.
interface IAccreditationRegistry {
    /// @notice An accreditation body. A removed body's address is retired for good.
    /// @dev One slot for the two timestamps; the metadata CID (binary CIDv1) lives in its own slots.
    struct Body {
        uint48 appointedAt;
        uint48 removedAt; // 0 while the body is active
        bytes metadataCid;
    }

    /// @notice One term of accreditation of an issuer by a body for a credential type.
    /// @dev The four timestamps pack into one slot. `withdrawnFrom` and `suspendedSince` are 0 when unset.
    struct Term {
        uint48 validFrom;
        uint48 validUntil;
        uint48 withdrawnFrom;
        uint48 suspendedSince;
        bytes evidenceCid;
    }

    /// @notice A closed suspension of a term: the term did not count in [from, until).
    struct Suspension {
        uint48 from;
        uint48 until;
    }

    error AccreditationBodyUnknown(address body);
    error AccreditationBodyExists(address body);
    error AccreditationBodyRetired(address body);
    error AccreditationBodyInvalid(address body);
    error CredentialTypeOutOfScope(address body, bytes20 credentialType);
    error CredentialTypeInvalid();
    error IssuerInvalid(address issuer);
    error ValidityWindowInvalid(uint48 validFrom, uint48 validUntil);
    error AccreditationActive(address body, address issuer, bytes20 credentialType, uint256 term);
    error AccreditationNotFound(address body, address issuer, bytes20 credentialType);
    error AccreditationNotLive(address body, address issuer, bytes20 credentialType, uint256 term);
    error AccreditationNotSuspended(address body, address issuer, bytes20 credentialType, uint256 term);
    error WithdrawalNotEarlier(uint48 current, uint48 requested);

    /// @notice Governance appointed `body` with `scope` and a metadata CID.
    event BodyAppointed(address indexed body, bytes20[] scope, bytes metadataCid);
    /// @notice Governance changed the metadata CID of `body`.
    event BodyMetadataChanged(address indexed body, bytes metadataCid);
    /// @notice Governance allowed or disallowed `body` to accredit `credentialType` from now on.
    event BodyScopeChanged(address indexed body, bytes20 indexed credentialType, bool allowed);
    /// @notice Governance removed `body`: none of its accreditations count from `removedAt` on.
    event BodyRemoved(address indexed body, uint48 removedAt);
    /// @notice `body` accredited `issuer` for `credentialType` in term `term` of their history.
    event IssuerAccredited(
        address indexed body,
        address indexed issuer,
        bytes20 indexed credentialType,
        uint256 term,
        uint48 validFrom,
        uint48 validUntil,
        bytes evidenceCid
    );
    /// @notice `body` suspended term `term` from `at` until reinstated.
    event AccreditationSuspended(
        address indexed body, address indexed issuer, bytes20 indexed credentialType, uint256 term, uint48 at, bytes evidenceCid
    );
    /// @notice `body` reinstated term `term` at `at`, closing the suspension that began at `suspendedSince`.
    event AccreditationReinstated(
        address indexed body, address indexed issuer, bytes20 indexed credentialType, uint256 term, uint48 suspendedSince, uint48 at
    );
    /// @notice `body` withdrew term `term` with effect from `effectiveFrom` (which may lie in the past).
    event AccreditationWithdrawn(
        address indexed body,
        address indexed issuer,
        bytes20 indexed credentialType,
        uint256 term,
        uint48 effectiveFrom,
        bytes evidenceCid
    );

    /// @notice Whether `issuer` was accredited for `credentialType` at `timestamp`, and by which body
    /// (the most recently first-accrediting body that counts, when several do).
    function accreditationAt(address issuer, bytes20 credentialType, uint48 timestamp)
        external
        view
        returns (bool accredited, address body);

    /// @notice Whether `body` in particular accredited `issuer` for `credentialType` at `timestamp`.
    function accreditationByAt(address body, address issuer, bytes20 credentialType, uint48 timestamp)
        external
        view
        returns (bool accredited);
}
