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
/// @dev Immutable: no proxy, no upgrade path. A new version is deployed beside this one.
contract AccreditationRegistry is IAccreditationRegistry, AccessControlDefaultAdminRules {
    /// @dev Open-ended terms use this as validUntil.
    uint48 public constant FOREVER = type(uint48).max;

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

    /// @notice Appoints `body` as an accreditation body that may accredit `scope`.
    /// @dev Only governance. Reverts if the body exists or was removed before. Emits BodyAppointed.
    function appointBody(address body, bytes20[] calldata scope, bytes calldata metadataCid)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        if (body == address(0)) revert AccreditationBodyInvalid(body);
        Body storage b = _bodies[body];
        if (b.removedAt != 0) revert AccreditationBodyRetired(body);
        if (b.appointedAt != 0) revert AccreditationBodyExists(body);
        b.appointedAt = uint48(block.timestamp);
        b.metadataCid = metadataCid;
        for (uint256 i = 0; i < scope.length; ++i) {
            if (scope[i] == bytes20(0)) revert CredentialTypeInvalid();
            _scope[body][scope[i]] = true;
        }
        emit BodyAppointed(body, scope, metadataCid);
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

    /// @notice Accredits `issuer` for `credentialType` from `validFrom` until `validUntil`
    /// (exclusive; FOREVER for no end), citing `evidenceCid`.
    /// @dev Only an active body whose scope holds `credentialType`, and only when its previous term
    /// for this issuer and type is no longer live. Counts only from the body's appointment on.
    /// Emits IssuerAccredited.
    /// @return term The index of the new term in the history of (body, issuer, credentialType).
    function accredit(
        address issuer,
        bytes20 credentialType,
        uint48 validFrom,
        uint48 validUntil,
        bytes calldata evidenceCid
    ) external returns (uint256 term) {
        address body = msg.sender;
        _requireActiveBody(body);
        if (!_scope[body][credentialType]) revert CredentialTypeOutOfScope(body, credentialType);
        if (issuer == address(0)) revert IssuerInvalid(issuer);
        if (validUntil <= validFrom || validUntil <= block.timestamp) {
            revert ValidityWindowInvalid(validFrom, validUntil);
        }
        bytes32 key = _accreditationKey(body, issuer, credentialType);
        Term[] storage terms = _terms[key];
        term = terms.length;
        if (term == 0) {
            _accreditors[_issuerTypeKey(issuer, credentialType)].push(body);
        } else if (_isLive(terms[term - 1])) {
            revert AccreditationActive(body, issuer, credentialType, term - 1);
        }
        terms.push(
            Term({
                validFrom: validFrom,
                validUntil: validUntil,
                withdrawnFrom: 0,
                suspendedSince: 0,
                evidenceCid: evidenceCid
            })
        );
        emit IssuerAccredited(body, issuer, credentialType, term, validFrom, validUntil, evidenceCid);
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
        // lengthen the loops of accreditationAt, which every status view runs.
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
        for (uint256 i = count; i > 0; --i) {
            Term storage t = terms[i - 1];
            if (i < count) {
                if (t.validUntil <= effectiveFrom) continue;
                if (t.withdrawnFrom != 0 && t.withdrawnFrom <= effectiveFrom) continue;
            }
            t.withdrawnFrom = effectiveFrom;
            emit AccreditationWithdrawn(body, issuer, credentialType, i - 1, effectiveFrom, evidenceCid);
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
            if (_accreditedBy(body, issuer, credentialType, timestamp)) return (true, body);
        }
        return (false, address(0));
    }

    /// @inheritdoc IAccreditationRegistry
    function accreditationByAt(address body, address issuer, bytes20 credentialType, uint48 timestamp)
        external
        view
        returns (bool accredited)
    {
        return _accreditedBy(body, issuer, credentialType, timestamp);
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

    function _accreditedBy(address body, address issuer, bytes20 credentialType, uint48 timestamp)
        private
        view
        returns (bool)
    {
        Body storage b = _bodies[body];
        if (b.appointedAt == 0 || timestamp < b.appointedAt) return false;
        if (b.removedAt != 0 && timestamp >= b.removedAt) return false;
        bytes32 key = _accreditationKey(body, issuer, credentialType);
        Term[] storage terms = _terms[key];
        for (uint256 i = terms.length; i > 0; --i) {
            Term storage t = terms[i - 1];
            if (timestamp < t.validFrom || timestamp >= t.validUntil) continue;
            if (t.withdrawnFrom != 0 && timestamp >= t.withdrawnFrom) continue;
            if (t.suspendedSince != 0 && timestamp >= t.suspendedSince) continue;
            if (_suspendedAt(_suspensions[key][i - 1], timestamp)) continue;
            return true;
        }
        return false;
    }

    function _suspendedAt(Suspension[] storage closed, uint48 timestamp) private view returns (bool) {
        for (uint256 i = 0; i < closed.length; ++i) {
            if (timestamp >= closed[i].from && timestamp < closed[i].until) return true;
        }
        return false;
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
