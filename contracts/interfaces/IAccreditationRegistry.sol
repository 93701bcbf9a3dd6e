// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title IAccreditationRegistry
/// @notice Governance appoints accreditation bodies; bodies accredit issuers per credential type
/// for a window of time. Every answer is available for any moment, so a credential anchored while
/// its issuer was accredited stays accredited-at-anchoring after the accreditation ends.
interface IAccreditationRegistry {
    /// @notice An accreditation body. A removed body's address is retired for good.
    /// @dev One slot for the two timestamps; the metadata CID (binary CIDv1), the display name and
    /// the jurisdiction (ISO 3166-1 alpha-2 or ISO 3166-2 code) each live in their own slots.
    struct Body {
        uint48 appointedAt;
        uint48 removedAt; // 0 while the body is active
        bytes metadataCid;
        string name;
        string jurisdiction;
    }

    /// @notice One term of accreditation of an issuer by a body for a credential type.
    /// @dev The five timestamps pack into one slot (5 * 6 = 30 bytes), so the lookup reads one slot
    /// per term it probes. `withdrawnFrom` and `suspendedSince` are 0 when unset. A term counts from
    /// max(validFrom, recordedAt): a validFrom before the term was recorded is kept as the body gave
    /// it, but never makes the term count earlier.
    struct Term {
        uint48 validFrom;
        uint48 validUntil;
        uint48 withdrawnFrom;
        uint48 suspendedSince;
        uint48 recordedAt; // block timestamp of the accredit call
        bytes evidenceCid;
        string issuerName; // the issuer's legal name, as the body recorded it
        string issuerDomain; // the issuer's web domain, or "" when the body gave none
    }

    /// @notice Who accredited an issuer at some moment, with the names a verifier shows. All zero and
    /// empty when nobody did.
    struct Accreditation {
        bool accredited;
        address body;
        uint256 term;
        string bodyName;
        string bodyJurisdiction;
        string issuerName;
        string issuerDomain;
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
    /// @dev The name must be 1..128 bytes; the jurisdiction 2..6 bytes of A-Z, 0-9 and '-', the
    /// first two A-Z (an ISO 3166-1 alpha-2 code such as "DE", or ISO 3166-2 such as "US-CA").
    error BodyProfileInvalid(string name, string jurisdiction);
    /// @dev The issuer's name must be 1..200 bytes and its domain at most 253 bytes.
    error IssuerProfileInvalid(string issuerName, string issuerDomain);

    /// @notice Governance appointed `body` with `scope`, a metadata CID, a display name and a jurisdiction.
    event BodyAppointed(
        address indexed body, bytes20[] scope, bytes metadataCid, string name, string jurisdiction
    );
    /// @notice Governance changed the metadata CID of `body`.
    event BodyMetadataChanged(address indexed body, bytes metadataCid);
    /// @notice Governance changed the display name or jurisdiction of `body`.
    event BodyProfileChanged(address indexed body, string name, string jurisdiction);
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
        bytes evidenceCid,
        string issuerName,
        string issuerDomain
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
    /// @dev Costs O(bodies * log(terms)): the bodies of one (issuer, credentialType) are bounded by
    /// governance's appointments, and each body's terms are searched, never scanned.
    function accreditationAt(address issuer, bytes20 credentialType, uint48 timestamp)
        external
        view
        returns (bool accredited, address body);

    /// @notice Whether `body` in particular accredited `issuer` for `credentialType` at `timestamp`.
    function accreditationByAt(address body, address issuer, bytes20 credentialType, uint48 timestamp)
        external
        view
        returns (bool accredited);

    /// @notice Who accredited `issuer` for `credentialType` at `timestamp`, with the body's name and
    /// jurisdiction and the issuer's name and domain from the term. With `bodies` empty, every body
    /// that ever accredited (issuer, credentialType) is asked, most recently first-accrediting first
    /// (as `accreditationAt` does); otherwise only the listed bodies, in the order given. The first
    /// that counts at `timestamp` wins; all zero and empty when none does.
    function accreditationDetailAt(
        address issuer,
        bytes20 credentialType,
        uint48 timestamp,
        address[] calldata bodies
    ) external view returns (Accreditation memory);
}
