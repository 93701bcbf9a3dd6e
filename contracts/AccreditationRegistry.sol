// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IAccreditationRegistry} from "./interfaces/IAccreditationRegistry.sol";

/// @title AccreditationRegistry
/// @notice Governance (one admin with a two-step, delayed transfer) appoints accreditation bodies,
/// each with a scope of credential types; bodies accredit issuers per credential type for a window
/// of time, suspend and reinstate them, and withdraw them with an effective date that may lie in
/// the past. History is kept in storage as terms and closed suspensions, so `accreditationAt`
/// answers for any moment, and is emitted as events, so indexers can rebuild it.
///
/// No grant is backdated: a term counts from max(validFrom, the moment it was recorded on chain).
/// That rule is also what keeps every lookup logarithmic. Proof that at most one term of
/// (body, issuer, credentialType) covers any moment t, namely the last term recorded at or before t:
/// (1) `accredit` records term k only when term k-1 is no longer live, so term k-1's end
///     min(validUntil, withdrawnFrom) is at most recordedAt[k] when term k is recorded;
/// (2) validUntil never changes and `withdraw` only ever moves withdrawnFrom earlier, so that end
///     stays at most recordedAt[k] for good;
/// (3) term k counts only from max(validFrom, recordedAt[k]) >= recordedAt[k], and recordedAt never
///     decreases along the array.
/// So a term j with recordedAt[j] > t has not begun at t, and a term j before the last term k with
/// recordedAt[k] <= t ended by recordedAt[j+1] <= recordedAt[k] <= t. Binary search on recordedAt
/// finds k. A term's closed suspensions are appended as they close, each starting no earlier than
/// the previous one ended, so the one that may cover t is the last with `from` <= t, found the
/// same way.
/// @dev Immutable: no proxy, no upgrade path. A new version is deployed beside this one.
contract AccreditationRegistry is IAccreditationRegistry, AccessControlDefaultAdminRules {
    /// @dev Open-ended terms use this as validUntil.
    uint48 public constant FOREVER = type(uint48).max;
    uint256 private constant _MAX_BODY_NAME = 128;
    uint256 private constant _MAX_ISSUER_NAME = 200;
    /// @dev The longest a DNS name can be written.
    uint256 private constant _MAX_ISSUER_DOMAIN = 253;

    mapping(address body => Body) private _bodies;
    mapping(address body => mapping(bytes20 credentialType => bool)) private _scope;
    /// @dev Terms of one (body, issuer, credentialType), oldest first.
    mapping(bytes32 accreditationKey => Term[]) private _terms;
    /// @dev Closed suspensions of one term, oldest first.
    mapping(bytes32 accreditationKey => mapping(uint256 term => Suspension[])) private _suspensions;
    /// @dev Bodies that ever accredited one (issuer, credentialType), in order of first accreditation.
    mapping(bytes32 issuerTypeKey => address[]) private _accreditors;

    /// @param adminDelay Seconds a governance transfer waits between being started and accepted.
    /// @param governance The first governance account (in production a multisig or a timelock).
    constructor(uint48 adminDelay, address governance) AccessControlDefaultAdminRules(adminDelay, governance) {}

    // ---------------------------------------------------------------- governance

    /// @notice Appoints `body` as an accreditation body that may accredit `scope`, under the display
    /// `name` and `jurisdiction` (ISO 3166-1 alpha-2 such as "DE", or ISO 3166-2 such as "US-CA").
    /// @dev Only governance. Reverts if the body exists or was removed before, and with
    /// BodyProfileInvalid for a name outside 1..128 bytes or a malformed jurisdiction. Emits BodyAppointed.
    function appointBody(
        address body,
        bytes20[] calldata scope,
        bytes calldata metadataCid,
        string calldata name,
        string calldata jurisdiction
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (body == address(0)) revert AccreditationBodyInvalid(body);
        Body storage b = _bodies[body];
        if (b.removedAt != 0) revert AccreditationBodyRetired(body);
        if (b.appointedAt != 0) revert AccreditationBodyExists(body);
        _requireValidBodyProfile(name, jurisdiction);
        b.appointedAt = uint48(block.timestamp);
        b.metadataCid = metadataCid;
        b.name = name;
        b.jurisdiction = jurisdiction;
        for (uint256 i = 0; i < scope.length; ++i) {
            if (scope[i] == bytes20(0)) revert CredentialTypeInvalid();
            _scope[body][scope[i]] = true;
        }
        emit BodyAppointed(body, scope, metadataCid, name, jurisdiction);
    }

    /// @notice Replaces the display name and jurisdiction of the active `body`.
    /// @dev Only governance. Reverts with BodyProfileInvalid as `appointBody` does. Terms already
    /// recorded show the new profile too: a body has one name at a time. Emits BodyProfileChanged.
    function setBodyProfile(address body, string calldata name, string calldata jurisdiction)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _requireActiveBody(body);
        _requireValidBodyProfile(name, jurisdiction);
        Body storage b = _bodies[body];
        b.name = name;
        b.jurisdiction = jurisdiction;
        emit BodyProfileChanged(body, name, jurisdiction);
    }

    /// @notice Allows or disallows `body` to accredit each of `credentialTypes` from now on.
    /// @dev Only governance; existing terms are unaffected. Emits BodyScopeChanged per type.
    function setBodyScope(address body, bytes20[] calldata credentialTypes, bool allowed)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _requireActiveBody(body);
        for (uint256 i = 0; i < credentialTypes.length; ++i) {
            if (credentialTypes[i] == bytes20(0)) revert CredentialTypeInvalid();
            _scope[body][credentialTypes[i]] = allowed;
            emit BodyScopeChanged(body, credentialTypes[i], allowed);
        }
    }

    /// @notice Replaces the metadata CID of `body`. Only governance. Emits BodyMetadataChanged.
    function setBodyMetadata(address body, bytes calldata metadataCid) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _requireActiveBody(body);
        _bodies[body].metadataCid = metadataCid;
        emit BodyMetadataChanged(body, metadataCid);
    }

    /// @notice Removes `body`: its accreditations stop counting from now on; the past stands.
    /// @dev Only governance. The address cannot be appointed again. Emits BodyRemoved.
    function removeBody(address body) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _requireActiveBody(body);
        uint48 nowTs = uint48(block.timestamp);
        _bodies[body].removedAt = nowTs;
        emit BodyRemoved(body, nowTs);
    }

    // ---------------------------------------------------------------- accreditation bodies

    /// @notice Accredits `issuer`, under its legal `issuerName` and optional web `issuerDomain`, for
    /// `credentialType` from `validFrom` until `validUntil` (exclusive; FOREVER for no end), citing
    /// `evidenceCid`. The term counts from max(validFrom, now): a past validFrom is recorded as
    /// given but does not make the grant count before this call.
    /// @dev Only an active body whose scope holds `credentialType`, and only when its previous term
    /// for this issuer and type is no longer live. Reverts with IssuerProfileInvalid for a name
    /// outside 1..200 bytes or a domain over 253 bytes. Emits IssuerAccredited.
    /// @return term The index of the new term in the history of (body, issuer, credentialType).
    function accredit(
        address issuer,
        bytes20 credentialType,
        uint48 validFrom,
        uint48 validUntil,
        bytes calldata evidenceCid,
        string calldata issuerName,
        string calldata issuerDomain
    ) external returns (uint256 term) {
        _requireActiveBody(msg.sender);
        if (!_scope[msg.sender][credentialType]) revert CredentialTypeOutOfScope(msg.sender, credentialType);
        if (issuer == address(0)) revert IssuerInvalid(issuer);
        if (validUntil <= validFrom || validUntil <= block.timestamp) {
            revert ValidityWindowInvalid(validFrom, validUntil);
        }
        _requireValidIssuerProfile(issuerName, issuerDomain);
        Term storage t;
        (t, term) = _newTerm(issuer, credentialType);
        t.validFrom = validFrom;
        t.validUntil = validUntil;
        t.recordedAt = uint48(block.timestamp);
        t.evidenceCid = evidenceCid;
        t.issuerName = issuerName;
        t.issuerDomain = issuerDomain;
        // Emitted from storage: the eleven calldata words of the arguments leave no stack for it here.
        _emitAccredited(issuer, credentialType, term, t);
    }

    /// @notice Suspends the caller's current term for `issuer` and `credentialType` from now until
    /// reinstated. Only the body that made the term. Emits AccreditationSuspended.
    function suspend(address issuer, bytes20 credentialType, bytes calldata evidenceCid) external {
        (Term storage t, uint256 term) = _liveTerm(msg.sender, issuer, credentialType);
        if (t.suspendedSince != 0) revert AccreditationNotLive(msg.sender, issuer, credentialType, term);
        uint48 nowTs = uint48(block.timestamp);
        t.suspendedSince = nowTs;
        emit AccreditationSuspended(msg.sender, issuer, credentialType, term, nowTs, evidenceCid);
    }

    /// @notice Ends the suspension of the caller's current term for `issuer` and `credentialType`.
    /// @dev Only the body that made the term. The closed suspension stays in history.
    /// Emits AccreditationReinstated.
    function reinstate(address issuer, bytes20 credentialType) external {
        (Term storage t, uint256 term) = _liveTerm(msg.sender, issuer, credentialType);
        uint48 since = t.suspendedSince;
        if (since == 0) revert AccreditationNotSuspended(msg.sender, issuer, credentialType, term);
        uint48 nowTs = uint48(block.timestamp);
        t.suspendedSince = 0;
        // A suspension lifted in the second it began covered no moment: keeping it would only
        // deepen the search of accreditationAt, which every status view runs. The rest are appended
        // in time order without overlap, which that search relies on.
        if (nowTs > since) {
            _suspensions[_accreditationKey(msg.sender, issuer, credentialType)][term].push(
                Suspension({from: since, until: nowTs})
            );
        }
        emit AccreditationReinstated(msg.sender, issuer, credentialType, term, since, nowTs);
    }

    /// @notice Withdraws the caller's accreditation of `issuer` for `credentialType` with effect from
    /// `effectiveFrom`, which may lie in the past (fraud found later): credentials anchored from
    /// then on lose accreditation, those anchored before keep it. This withdraws the latest term and
    /// every earlier term that would still count at or after `effectiveFrom`.
    /// @dev Only the body that made the terms, while the body is active. A withdrawn latest term may
    /// be withdrawn again only with an earlier date. Emits AccreditationWithdrawn per term reached,
    /// latest first.
    function withdraw(address issuer, bytes20 credentialType, uint48 effectiveFrom, bytes calldata evidenceCid)
        external
    {
        address body = msg.sender;
        _requireActiveBody(body);
        Term[] storage terms = _terms[_accreditationKey(body, issuer, credentialType)];
        uint256 count = terms.length;
        if (count == 0) revert AccreditationNotFound(body, issuer, credentialType);
        Term storage latest = terms[count - 1];
        // 0 marks "not withdrawn", so the earliest expressible effective date is 1.
        if (effectiveFrom == 0) effectiveFrom = 1;
        if (latest.withdrawnFrom != 0 && effectiveFrom >= latest.withdrawnFrom) {
            revert WithdrawalNotEarlier(latest.withdrawnFrom, effectiveFrom);
        }
        // Fraud found during a renewed term may date back into an earlier one, so the withdrawal
        // reaches every term still counting at or after `effectiveFrom`, not only the latest.
        // Every term before one recorded at or before `effectiveFrom` ended by then (see the
        // contract's proof), so the walk stops there.
        for (uint256 i = count; i > 0; --i) {
            Term storage t = terms[i - 1];
            bool stillCounts = t.validUntil > effectiveFrom && (t.withdrawnFrom == 0 || t.withdrawnFrom > effectiveFrom);
            if (i == count || stillCounts) {
                t.withdrawnFrom = effectiveFrom;
                emit AccreditationWithdrawn(body, issuer, credentialType, i - 1, effectiveFrom, evidenceCid);
            }
            if (t.recordedAt <= effectiveFrom) break;
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IAccreditationRegistry
    function accreditationAt(address issuer, bytes20 credentialType, uint48 timestamp)
        external
        view
        returns (bool accredited, address body)
    {
        address[] storage bodies = _accreditors[_issuerTypeKey(issuer, credentialType)];
        for (uint256 i = bodies.length; i > 0; --i) {
            body = bodies[i - 1];
            (accredited,) = _countingTerm(body, issuer, credentialType, timestamp);
            if (accredited) return (true, body);
        }
        return (false, address(0));
    }

    /// @inheritdoc IAccreditationRegistry
    /// @dev Costs O(log(terms) + log(suspensions of the one term that may count)).
    function accreditationByAt(address body, address issuer, bytes20 credentialType, uint48 timestamp)
        external
        view
        returns (bool accredited)
    {
        (accredited,) = _countingTerm(body, issuer, credentialType, timestamp);
    }

    /// @inheritdoc IAccreditationRegistry
    /// @dev Costs O(bodies * log(terms)); with `bodies` empty the bodies are those governance
    /// appointed that accredited (issuer, credentialType), so their number is governance's to bound.
    function accreditationDetailAt(
        address issuer,
        bytes20 credentialType,
        uint48 timestamp,
        address[] calldata bodies
    ) external view returns (Accreditation memory detail) {
        address body;
        bool accredited;
        uint256 term;
        if (bodies.length == 0) {
            address[] storage accreditors = _accreditors[_issuerTypeKey(issuer, credentialType)];
            for (uint256 i = accreditors.length; i > 0 && !accredited; --i) {
                body = accreditors[i - 1];
                (accredited, term) = _countingTerm(body, issuer, credentialType, timestamp);
            }
        } else {
            for (uint256 i = 0; i < bodies.length && !accredited; ++i) {
                body = bodies[i];
                (accredited, term) = _countingTerm(body, issuer, credentialType, timestamp);
            }
        }
        if (!accredited) return detail;
        Body storage b = _bodies[body];
        Term storage t = _terms[_accreditationKey(body, issuer, credentialType)][term];
        detail.accredited = true;
        detail.body = body;
        detail.term = term;
        detail.bodyName = b.name;
        detail.bodyJurisdiction = b.jurisdiction;
        detail.issuerName = t.issuerName;
        detail.issuerDomain = t.issuerDomain;
    }

    /// @notice The appointment record of `body` (appointedAt is 0 for an unknown address).
    function bodyOf(address body) external view returns (Body memory) {
        return _bodies[body];
    }

    /// @notice Whether `body` is appointed and not removed.
    function isActiveBody(address body) public view returns (bool) {
        Body storage b = _bodies[body];
        return b.appointedAt != 0 && b.removedAt == 0;
    }

    /// @notice Whether `body` may accredit `credentialType` now.
    function inScope(address body, bytes20 credentialType) external view returns (bool) {
        return isActiveBody(body) && _scope[body][credentialType];
    }

    /// @notice Every term of (body, issuer, credentialType), oldest first.
    function termsOf(address body, address issuer, bytes20 credentialType) external view returns (Term[] memory) {
        return _terms[_accreditationKey(body, issuer, credentialType)];
    }

    /// @notice The closed suspensions of one term, oldest first (an open one is in the term itself).
    function suspensionsOf(address body, address issuer, bytes20 credentialType, uint256 term)
        external
        view
        returns (Suspension[] memory)
    {
        return _suspensions[_accreditationKey(body, issuer, credentialType)][term];
    }

    /// @notice Every body that ever accredited `issuer` for `credentialType`, in order of first accreditation.
    function accreditorsOf(address issuer, bytes20 credentialType) external view returns (address[] memory) {
        return _accreditors[_issuerTypeKey(issuer, credentialType)];
    }

    // ---------------------------------------------------------------- internals

    /// @dev Whether `body`'s accreditation of (issuer, credentialType) counts at `timestamp`, and by
    /// which term. Only the last term recorded at or before `timestamp` can count (see the contract's
    /// proof), so this is a binary search, not a scan: piling terms on an issuer costs a reader
    /// one more probe per doubling.
    function _countingTerm(address body, address issuer, bytes20 credentialType, uint48 timestamp)
        private
        view
        returns (bool counts, uint256 term)
    {
        Body storage b = _bodies[body];
        if (b.appointedAt == 0 || timestamp < b.appointedAt) return (false, 0);
        if (b.removedAt != 0 && timestamp >= b.removedAt) return (false, 0);
        bytes32 key = _accreditationKey(body, issuer, credentialType);
        Term[] storage terms = _terms[key];
        // Find the number of terms recorded at or before `timestamp`: recordedAt never decreases.
        // The latest term is probed first, so asking about "now" costs one read, not a search.
        uint256 high = terms.length;
        if (high == 0) return (false, 0);
        uint256 low = 0;
        if (terms[high - 1].recordedAt <= timestamp) low = high;
        else --high;
        while (low < high) {
            uint256 mid = (low + high) >> 1;
            if (terms[mid].recordedAt <= timestamp) low = mid + 1;
            else high = mid;
        }
        if (low == 0) return (false, 0);
        term = low - 1;
        Term storage t = terms[term];
        if (timestamp < t.validFrom || timestamp >= t.validUntil) return (false, 0);
        if (t.withdrawnFrom != 0 && timestamp >= t.withdrawnFrom) return (false, 0);
        if (t.suspendedSince != 0 && timestamp >= t.suspendedSince) return (false, 0);
        if (_suspendedAt(_suspensions[key][term], timestamp)) return (false, 0);
        return (true, term);
    }

    /// @dev Closed suspensions are appended in time order and never overlap, so only the last one
    /// starting at or before `timestamp` can cover it.
    function _suspendedAt(Suspension[] storage closed, uint48 timestamp) private view returns (bool) {
        uint256 high = closed.length;
        if (high == 0) return false;
        // As for terms: the latest first, so a moment after every closed suspension costs one read.
        Suspension storage latest = closed[high - 1];
        if (latest.from <= timestamp) return timestamp < latest.until;
        uint256 low = 0;
        --high;
        while (low < high) {
            uint256 mid = (low + high) >> 1;
            if (closed[mid].from <= timestamp) low = mid + 1;
            else high = mid;
        }
        return low != 0 && timestamp < closed[low - 1].until;
    }

    /// @dev Appends an empty term for the caller, once its previous term is no longer live.
    function _newTerm(address issuer, bytes20 credentialType) private returns (Term storage t, uint256 term) {
        Term[] storage terms = _terms[_accreditationKey(msg.sender, issuer, credentialType)];
        term = terms.length;
        if (term == 0) {
            _accreditors[_issuerTypeKey(issuer, credentialType)].push(msg.sender);
        } else if (_isLive(terms[term - 1])) {
            revert AccreditationActive(msg.sender, issuer, credentialType, term - 1);
        }
        t = terms.push();
    }

    function _emitAccredited(address issuer, bytes20 credentialType, uint256 term, Term storage t) private {
        emit IssuerAccredited(
            msg.sender,
            issuer,
            credentialType,
            term,
            t.validFrom,
            t.validUntil,
            t.evidenceCid,
            t.issuerName,
            t.issuerDomain
        );
    }

    /// @dev Issuer name 1..200 bytes; domain at most 253 bytes (empty for none).
    function _requireValidIssuerProfile(string calldata issuerName, string calldata issuerDomain) private pure {
        uint256 nameLength = bytes(issuerName).length;
        if (nameLength == 0 || nameLength > _MAX_ISSUER_NAME || bytes(issuerDomain).length > _MAX_ISSUER_DOMAIN) {
            revert IssuerProfileInvalid(issuerName, issuerDomain);
        }
    }

    /// @dev Name 1..128 bytes; jurisdiction 2..6 bytes of A-Z, 0-9 and '-', the first two A-Z.
    function _requireValidBodyProfile(string calldata name, string calldata jurisdiction) private pure {
        bytes calldata code = bytes(jurisdiction);
        uint256 nameLength = bytes(name).length;
        bool valid = nameLength != 0 && nameLength <= _MAX_BODY_NAME && code.length >= 2 && code.length <= 6;
        for (uint256 i = 0; valid && i < code.length; ++i) {
            bytes1 c = code[i];
            bool letter = c >= "A" && c <= "Z";
            valid = i < 2 ? letter : letter || (c >= "0" && c <= "9") || c == "-";
        }
        if (!valid) revert BodyProfileInvalid(name, jurisdiction);
    }

    /// @dev Live: not withdrawn (or withdrawn only from a future date) and not yet expired.
    function _isLive(Term storage t) private view returns (bool) {
        if (t.withdrawnFrom != 0 && t.withdrawnFrom <= block.timestamp) return false;
        return t.validUntil > block.timestamp;
    }

    function _liveTerm(address body, address issuer, bytes20 credentialType)
        private
        view
        returns (Term storage t, uint256 term)
    {
        _requireActiveBody(body);
        Term[] storage terms = _terms[_accreditationKey(body, issuer, credentialType)];
        if (terms.length == 0) revert AccreditationNotFound(body, issuer, credentialType);
        term = terms.length - 1;
        t = terms[term];
        if (!_isLive(t)) revert AccreditationNotLive(body, issuer, credentialType, term);
    }

    function _requireActiveBody(address body) private view {
        Body storage b = _bodies[body];
        if (b.appointedAt == 0) revert AccreditationBodyUnknown(body);
        if (b.removedAt != 0) revert AccreditationBodyRetired(body);
    }

    function _accreditationKey(address body, address issuer, bytes20 credentialType) private pure returns (bytes32) {
        return keccak256(abi.encode(body, issuer, credentialType));
    }

    function _issuerTypeKey(address issuer, bytes20 credentialType) private pure returns (bytes32) {
        return keccak256(abi.encode(issuer, credentialType));
    }
}
