// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {AccreditationRegistry} from "../../contracts/AccreditationRegistry.sol";
import {IAccreditationRegistry} from "../../contracts/interfaces/IAccreditationRegistry.sol";
import {Test} from "./lib/Test.sol";

/// @notice Fuzzes the accreditation time windows of AccreditationRegistry against a reference
/// model written here in the plainest terms: a moment counts for a body if the body was appointed
/// and not yet removed, and some term's [max(validFrom, recordedAt), validUntil) holds it (no grant
/// counts before it was recorded), minus its suspensions and everything from a withdrawal's
/// effective date on. The model scans every term and suspension; the registry searches them. Every answer is checked at the fuzzed
/// query and at each boundary the history names (and the seconds either side).
contract AccreditationRegistryWindowsTest is Test {
    uint48 internal constant START = 1_700_000_000;
    uint48 internal constant FOREVER = type(uint48).max;
    bytes20 internal constant DEGREE = bytes20(keccak256("BachelorDegree"));
    address internal constant BODY = address(0xB0D1);
    /// @dev A second body with one fixed term, so accreditationAt has someone to fall back to.
    address internal constant OTHER = address(0x07E4);
    address internal constant ISSUER = address(0x155E);
    uint48 internal constant OTHER_FROM = START + 100 days;
    uint48 internal constant OTHER_UNTIL = START + 200 days;

    AccreditationRegistry internal registry;

    struct RefTerm {
        uint48 validFrom;
        uint48 validUntil;
        uint48 withdrawnFrom; // 0: not withdrawn
        uint48 suspendedSince; // 0: no open suspension
        uint48 recordedAt;
    }

    /// @dev The reference model of BODY's history for (ISSUER, DEGREE).
    RefTerm[] internal _ref;
    mapping(uint256 term => uint48[2][]) internal _refClosed;
    uint48 internal _refRemovedAt;
    uint256[] internal _moments;

    error ModelDisagrees(uint256 moment, bool contractSays, bool modelSays);
    error ModelDisagreesOnBody(uint256 moment, address contractSays, address modelSays);

    function setUp() public {
        vm.warp(START);
        registry = new AccreditationRegistry(1 days, address(this));
        bytes20[] memory scope = new bytes20[](1);
        scope[0] = DEGREE;
        registry.appointBody(OTHER, scope, "", "Accreditation Council", "DE");
        vm.prank(OTHER);
        registry.accredit(ISSUER, DEGREE, OTHER_FROM, OTHER_UNTIL, "", "Example University", "");
        registry.appointBody(BODY, scope, "", "Accreditation Council", "DE");
    }

    // ------------------------------------------------------------ focused window fuzzing

    function testFuzz_termCountsFromValidFromUntilValidUntil(uint48 validFrom, uint48 validUntil, uint48 query)
        public
    {
        validFrom = uint48(bound(validFrom, START - 1000 days, START + 1000 days));
        validUntil = uint48(bound(validUntil, START + 1, START + 2000 days));
        if (validUntil <= validFrom) {
            vm.expectRevert(
                abi.encodeWithSelector(IAccreditationRegistry.ValidityWindowInvalid.selector, validFrom, validUntil)
            );
            _accredit(validFrom, validUntil);
            return;
        }
        _accredit(validFrom, validUntil);
        _checkEverywhere(query);
    }

    /// @dev However far back validFrom lies, the grant counts from the second it was recorded on.
    function testFuzz_grantNeverCountsBeforeItWasRecorded(uint48 backdate, uint48 recordAt, uint48 query) public {
        recordAt = uint48(bound(recordAt, START, START + 1000 days));
        uint48 validFrom = uint48(bound(backdate, 0, recordAt));
        vm.warp(recordAt);
        _accredit(validFrom, FOREVER);
        query = uint48(bound(query, 0, recordAt + 10 days));
        assertEq(registry.accreditationByAt(BODY, ISSUER, DEGREE, query), query >= recordAt, "counts from recordedAt");
        assertEq(registry.termsOf(BODY, ISSUER, DEGREE)[0].validFrom, validFrom, "validFrom kept as given");
        _checkEverywhere(query);
    }

    function testFuzz_closedSuspensionIsTheOnlyGap(
        uint48 validUntil,
        uint48 suspendAt,
        uint48 reinstateAt,
        uint48 query
    ) public {
        validUntil = uint48(bound(validUntil, START + 1, START + 1000 days));
        _accredit(START, validUntil);
        suspendAt = uint48(bound(suspendAt, START, START + 1000 days));
        vm.warp(suspendAt);
        if (suspendAt >= validUntil) {
            vm.expectRevert(_notLive(0));
            _suspend();
            return;
        }
        _suspend();
        reinstateAt = uint48(bound(reinstateAt, suspendAt, START + 1000 days));
        vm.warp(reinstateAt);
        if (reinstateAt >= validUntil) {
            vm.expectRevert(_notLive(0));
            _reinstate();
        } else {
            _reinstate();
        }
        _checkEverywhere(query);
    }

    function testFuzz_withdrawalCutsFromItsEffectiveDate(
        uint48 validFrom,
        uint48 withdrawAt,
        uint48 effectiveFrom,
        uint48 query
    ) public {
        validFrom = uint48(bound(validFrom, START - 100 days, START + 100 days));
        _accredit(validFrom, FOREVER);
        withdrawAt = uint48(bound(withdrawAt, START, START + 1000 days));
        vm.warp(withdrawAt);
        effectiveFrom = uint48(bound(effectiveFrom, 0, START + 2000 days));
        _withdraw(effectiveFrom);
        _checkEverywhere(query);
    }

    function testFuzz_withdrawalMovesOnlyEarlier(uint48 first, uint48 second, uint48 query) public {
        _accredit(START, FOREVER);
        first = uint48(bound(first, 0, START + 1000 days));
        second = uint48(bound(second, 0, START + 1000 days));
        _withdraw(first);
        uint48 current = first == 0 ? 1 : first;
        uint48 requested = second == 0 ? 1 : second;
        if (requested >= current) {
            vm.expectRevert(
                abi.encodeWithSelector(IAccreditationRegistry.WithdrawalNotEarlier.selector, current, requested)
            );
            vm.prank(BODY);
            registry.withdraw(ISSUER, DEGREE, second, "");
        } else {
            _withdraw(second);
        }
        _checkEverywhere(query);
    }

    // ------------------------------------------------------------ whole histories

    function testFuzz_withdrawalAfterRenewalReachesEarlierTerms(
        uint48 firstUntil,
        uint48 renewAt,
        uint48 secondFrom,
        uint48 secondUntil,
        uint48 effectiveFrom,
        uint48 query
    ) public {
        firstUntil = uint48(bound(firstUntil, START + 1, START + 400 days));
        _accredit(START, firstUntil);
        renewAt = uint48(bound(renewAt, firstUntil, firstUntil + 100 days));
        vm.warp(renewAt);
        secondFrom = uint48(bound(secondFrom, START - 100 days, renewAt + 100 days));
        uint256 earliestEnd = (secondFrom > renewAt ? secondFrom : renewAt) + 1;
        secondUntil = uint48(bound(secondUntil, earliestEnd, earliestEnd + 500 days));
        _accredit(secondFrom, secondUntil);
        vm.warp(renewAt + 10 days);
        effectiveFrom = uint48(bound(effectiveFrom, START - 10 days, renewAt + 200 days));
        _withdraw(effectiveFrom);
        _checkEverywhere(query);
    }

    // ------------------------------------------------------------ whole histories

    /// @notice Twelve random steps (accredit, suspend, reinstate, withdraw, wait, remove the body),
    /// each at a random time after the last; the model predicts which revert, with which error,
    /// and every answer afterwards. Times are biased towards "now" and towards moments the history
    /// already named, where the off-by-one mistakes live.
    function testFuzz_historyMatchesModel(uint256[12] calldata steps, uint48 query) public {
        for (uint256 i = 0; i < steps.length; ++i) {
            _step(steps[i]);
        }
        _checkEverywhere(query);
    }

    /// @notice The same with forty-eight steps: long enough for several terms, each with several
    /// closed suspensions, so both binary searches run over more than a handful of entries.
    function testFuzz_longHistoryMatchesModel(uint256[48] calldata steps, uint48 query) public {
        for (uint256 i = 0; i < steps.length; ++i) {
            _step(steps[i]);
        }
        _checkEverywhere(query);
    }

    function _step(uint256 step) internal {
        uint256 target = _pickTime(step >> 8, block.timestamp, block.timestamp + 200 days);
        if (target > block.timestamp && target < START + 4000 days) vm.warp(target);
        uint256 kind = step % 16;
        uint256 a = uint48(step >> 64);
        uint256 b = uint48(step >> 112);
        if (_refRemovedAt != 0 && kind < 13) {
            vm.expectRevert(abi.encodeWithSelector(IAccreditationRegistry.AccreditationBodyRetired.selector, BODY));
            vm.prank(BODY);
            registry.reinstate(ISSUER, DEGREE);
        } else if (kind < 4) {
            uint48 validFrom = _pickTime(a, START - 400 days, block.timestamp + 300 days);
            uint48 validUntil =
                (step >> 160) & 1 == 1 ? FOREVER : _pickTime(b, block.timestamp - 50 days, block.timestamp + 600 days);
            _stepAccredit(validFrom, validUntil);
        } else if (kind < 7) {
            _stepSuspend();
        } else if (kind < 10) {
            _stepReinstate();
        } else if (kind < 13) {
            uint48 effectiveFrom = a % 16 == 2 ? 0 : _pickTime(a, START - 100 days, block.timestamp + 300 days);
            _stepWithdraw(effectiveFrom);
        } else if (kind == 15 && _refRemovedAt == 0) {
            registry.removeBody(BODY);
            _refRemovedAt = uint48(block.timestamp);
        }
    }

    /// @dev One time in eight "now", one in eight a moment the history already named, otherwise
    /// anywhere in [lo, hi].
    function _pickTime(uint256 r, uint256 lo, uint256 hi) internal view returns (uint48) {
        uint256 choice = r % 8;
        if (choice == 0) return uint48(block.timestamp);
        if (choice == 1 && _moments.length > 0) return uint48(_moments[(r >> 3) % _moments.length]);
        return uint48(bound(r >> 3, lo, hi));
    }

    function _stepAccredit(uint48 validFrom, uint48 validUntil) internal {
        if (validUntil <= validFrom || validUntil <= block.timestamp) {
            vm.expectRevert(
                abi.encodeWithSelector(IAccreditationRegistry.ValidityWindowInvalid.selector, validFrom, validUntil)
            );
            vm.prank(BODY);
            registry.accredit(ISSUER, DEGREE, validFrom, validUntil, "", "Example University", "");
        } else if (_ref.length > 0 && _refLive(_ref.length - 1)) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccreditationRegistry.AccreditationActive.selector, BODY, ISSUER, DEGREE, _ref.length - 1
                )
            );
            vm.prank(BODY);
            registry.accredit(ISSUER, DEGREE, validFrom, validUntil, "", "Example University", "");
        } else {
            _accredit(validFrom, validUntil);
        }
    }

    function _stepSuspend() internal {
        if (_ref.length == 0) {
            vm.expectRevert(_notFound());
        } else if (!_refLive(_ref.length - 1) || _ref[_ref.length - 1].suspendedSince != 0) {
            vm.expectRevert(_notLive(_ref.length - 1));
        } else {
            _suspend();
            return;
        }
        vm.prank(BODY);
        registry.suspend(ISSUER, DEGREE, "");
    }

    function _stepReinstate() internal {
        if (_ref.length == 0) {
            vm.expectRevert(_notFound());
        } else if (!_refLive(_ref.length - 1)) {
            vm.expectRevert(_notLive(_ref.length - 1));
        } else if (_ref[_ref.length - 1].suspendedSince == 0) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccreditationRegistry.AccreditationNotSuspended.selector, BODY, ISSUER, DEGREE, _ref.length - 1
                )
            );
        } else {
            _reinstate();
            return;
        }
        vm.prank(BODY);
        registry.reinstate(ISSUER, DEGREE);
    }

    function _stepWithdraw(uint48 effectiveFrom) internal {
        uint48 requested = effectiveFrom == 0 ? 1 : effectiveFrom;
        if (_ref.length == 0) {
            vm.expectRevert(_notFound());
        } else if (_ref[_ref.length - 1].withdrawnFrom != 0 && requested >= _ref[_ref.length - 1].withdrawnFrom) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccreditationRegistry.WithdrawalNotEarlier.selector, _ref[_ref.length - 1].withdrawnFrom, requested
                )
            );
        } else {
            _withdraw(effectiveFrom);
            return;
        }
        vm.prank(BODY);
        registry.withdraw(ISSUER, DEGREE, effectiveFrom, "");
    }

    // ------------------------------------------------------------ acting on contract and model together

    function _accredit(uint48 validFrom, uint48 validUntil) internal {
        vm.prank(BODY);
        uint256 term = registry.accredit(ISSUER, DEGREE, validFrom, validUntil, "", "Example University", "");
        assertEq(term, _ref.length, "accredit returns the next term index");
        if (validUntil <= validFrom) return; // the expected revert: nothing to record
        _ref.push(
            RefTerm({
                validFrom: validFrom,
                validUntil: validUntil,
                withdrawnFrom: 0,
                suspendedSince: 0,
                recordedAt: uint48(block.timestamp)
            })
        );
        _note(validFrom);
        _note(block.timestamp);
        _note(validUntil);
    }

    function _suspend() internal {
        vm.prank(BODY);
        registry.suspend(ISSUER, DEGREE, "");
        _ref[_ref.length - 1].suspendedSince = uint48(block.timestamp);
        _note(block.timestamp);
    }

    function _reinstate() internal {
        vm.prank(BODY);
        registry.reinstate(ISSUER, DEGREE);
        uint256 term = _ref.length - 1;
        _refClosed[term].push([_ref[term].suspendedSince, uint48(block.timestamp)]);
        _ref[term].suspendedSince = 0;
        _note(block.timestamp);
    }

    /// @dev The model of a withdrawal: from `effectiveFrom` on (0 meaning 1), no moment of any term
    /// that exists now counts. Stored per term as the earliest such date.
    function _withdraw(uint48 effectiveFrom) internal {
        vm.prank(BODY);
        registry.withdraw(ISSUER, DEGREE, effectiveFrom, "");
        if (effectiveFrom == 0) effectiveFrom = 1;
        for (uint256 i = 0; i < _ref.length; ++i) {
            uint48 w = _ref[i].withdrawnFrom;
            if (w == 0 || effectiveFrom < w) _ref[i].withdrawnFrom = effectiveFrom;
        }
        _note(effectiveFrom);
    }

    // ------------------------------------------------------------ the reference model

    function _refLive(uint256 term) internal view returns (bool) {
        RefTerm storage t = _ref[term];
        bool withdrawn = t.withdrawnFrom != 0 && t.withdrawnFrom <= block.timestamp;
        return !withdrawn && block.timestamp < t.validUntil;
    }

    function _refCounts(uint256 moment) internal view returns (bool) {
        if (moment < START) return false; // BODY was appointed at START
        if (_refRemovedAt != 0 && moment >= _refRemovedAt) return false;
        for (uint256 i = 0; i < _ref.length; ++i) {
            RefTerm storage t = _ref[i];
            if (moment < t.validFrom || moment < t.recordedAt || moment >= t.validUntil) continue;
            if (t.withdrawnFrom != 0 && moment >= t.withdrawnFrom) continue;
            if (t.suspendedSince != 0 && moment >= t.suspendedSince) continue;
            if (_inClosedSuspension(i, moment)) continue;
            return true;
        }
        return false;
    }

    function _inClosedSuspension(uint256 term, uint256 moment) internal view returns (bool) {
        uint48[2][] storage closed = _refClosed[term];
        for (uint256 j = 0; j < closed.length; ++j) {
            if (moment >= closed[j][0] && moment < closed[j][1]) return true;
        }
        return false;
    }

    function _otherCounts(uint256 moment) internal pure returns (bool) {
        return moment >= OTHER_FROM && moment < OTHER_UNTIL;
    }

    // ------------------------------------------------------------ checking

    function _note(uint256 moment) internal {
        _moments.push(moment);
    }

    /// @dev Checks the fuzzed query, every moment the history named, the seconds either side of
    /// each, and the appointment and removal boundaries.
    function _checkEverywhere(uint48 query) internal {
        _note(START);
        _note(OTHER_FROM);
        _note(OTHER_UNTIL);
        if (_refRemovedAt != 0) _note(_refRemovedAt);
        _check(query);
        for (uint256 i = 0; i < _moments.length; ++i) {
            uint256 m = _moments[i];
            if (m > 0) _check(m - 1);
            _check(m);
            if (m < FOREVER) _check(m + 1);
        }
    }

    function _check(uint256 moment) internal view {
        uint48 t = uint48(moment);
        bool expected = _refCounts(t);
        bool byBody = registry.accreditationByAt(BODY, ISSUER, DEGREE, t);
        if (byBody != expected) revert ModelDisagrees(t, byBody, expected);
        address expectedBody = expected ? BODY : (_otherCounts(t) ? OTHER : address(0));
        (bool accredited, address body) = registry.accreditationAt(ISSUER, DEGREE, t);
        if (body != expectedBody) revert ModelDisagreesOnBody(t, body, expectedBody);
        assertEq(accredited, expectedBody != address(0), "accreditationAt names a body exactly when accredited");
        IAccreditationRegistry.Accreditation memory detail =
            registry.accreditationDetailAt(ISSUER, DEGREE, t, new address[](0));
        if (detail.body != expectedBody) revert ModelDisagreesOnBody(t, detail.body, expectedBody);
        assertEq(detail.accredited, expectedBody != address(0), "accreditationDetailAt agrees with accreditationAt");
        address[] memory onlyOther = new address[](1);
        onlyOther[0] = OTHER;
        detail = registry.accreditationDetailAt(ISSUER, DEGREE, t, onlyOther);
        assertEq(detail.accredited, _otherCounts(t), "accreditationDetailAt asks only the listed bodies");
    }

    function _notLive(uint256 term) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccreditationRegistry.AccreditationNotLive.selector, BODY, ISSUER, DEGREE, term);
    }

    function _notFound() internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccreditationRegistry.AccreditationNotFound.selector, BODY, ISSUER, DEGREE);
    }
}

/// @notice Fuzzed access control: any address that is not an active body cannot act as one, a
/// body cannot act on another body's terms, and only governance manages bodies.
contract AccreditationRegistryAccessTest is Test {
    uint48 internal constant START = 1_700_000_000;
    bytes20 internal constant DEGREE = bytes20(keccak256("BachelorDegree"));
    address internal constant BODY = address(0xB0D1);
    address internal constant ISSUER = address(0x155E);

    AccreditationRegistry internal registry;
    bytes20[] internal _scope;

    function setUp() public {
        vm.warp(START);
        registry = new AccreditationRegistry(1 days, address(this));
        _scope.push(DEGREE);
        registry.appointBody(BODY, _scope, "", "Accreditation Council", "DE");
        vm.prank(BODY);
        registry.accredit(ISSUER, DEGREE, START, type(uint48).max, "", "Example University", "");
        // Suspended a day in, so that reinstate, too, has a term to be refused on.
        vm.warp(START + 1 days);
        vm.prank(BODY);
        registry.suspend(ISSUER, DEGREE, "");
    }

    function _unknown(address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccreditationRegistry.AccreditationBodyUnknown.selector, caller);
    }

    function _notGovernance(address caller) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, bytes32(0));
    }

    function testFuzz_nonBodyCannotAccredit(address caller, address issuer, uint48 validUntil) public {
        vm.assume(caller != BODY);
        validUntil = uint48(bound(validUntil, START + 1, type(uint48).max));
        vm.expectRevert(_unknown(caller));
        vm.prank(caller);
        registry.accredit(issuer, DEGREE, START, validUntil, "", "Example University", "");
    }

    function testFuzz_nonBodyCannotSuspend(address caller) public {
        vm.assume(caller != BODY);
        vm.expectRevert(_unknown(caller));
        vm.prank(caller);
        registry.suspend(ISSUER, DEGREE, "");
    }

    function testFuzz_nonBodyCannotReinstate(address caller) public {
        vm.assume(caller != BODY);
        vm.expectRevert(_unknown(caller));
        vm.prank(caller);
        registry.reinstate(ISSUER, DEGREE);
    }

    function testFuzz_nonBodyCannotWithdraw(address caller, uint48 effectiveFrom) public {
        vm.assume(caller != BODY);
        vm.expectRevert(_unknown(caller));
        vm.prank(caller);
        registry.withdraw(ISSUER, DEGREE, effectiveFrom, "");
    }

    function testFuzz_bodyCannotActOnAnotherBodysTerm(address other) public {
        vm.assume(other != BODY && other != address(0));
        registry.appointBody(other, _scope, "", "Accreditation Council", "DE");
        bytes memory notFound =
            abi.encodeWithSelector(IAccreditationRegistry.AccreditationNotFound.selector, other, ISSUER, DEGREE);
        vm.startPrank(other);
        vm.expectRevert(notFound);
        registry.suspend(ISSUER, DEGREE, "");
        vm.expectRevert(notFound);
        registry.reinstate(ISSUER, DEGREE);
        vm.expectRevert(notFound);
        registry.withdraw(ISSUER, DEGREE, START, "");
        vm.stopPrank();
        assertTrue(registry.accreditationByAt(BODY, ISSUER, DEGREE, START), "BODY's term is untouched");
    }

    function testFuzz_removedBodyIsRetiredForEverything(uint48 effectiveFrom) public {
        registry.removeBody(BODY);
        bytes memory retired = abi.encodeWithSelector(IAccreditationRegistry.AccreditationBodyRetired.selector, BODY);
        vm.startPrank(BODY);
        vm.expectRevert(retired);
        registry.accredit(address(0xABCD), DEGREE, START, type(uint48).max, "", "Example University", "");
        vm.expectRevert(retired);
        registry.reinstate(ISSUER, DEGREE);
        vm.expectRevert(retired);
        registry.withdraw(ISSUER, DEGREE, effectiveFrom, "");
        vm.stopPrank();
    }

    function testFuzz_nonGovernanceCannotAppointBody(address caller, address body) public {
        vm.assume(caller != address(this));
        vm.expectRevert(_notGovernance(caller));
        vm.prank(caller);
        registry.appointBody(body, _scope, "", "Accreditation Council", "DE");
    }

    function testFuzz_nonGovernanceCannotSetBodyScope(address caller, bool allowed) public {
        vm.assume(caller != address(this));
        vm.expectRevert(_notGovernance(caller));
        vm.prank(caller);
        registry.setBodyScope(BODY, _scope, allowed);
    }

    function testFuzz_nonGovernanceCannotSetBodyMetadata(address caller, bytes calldata metadataCid) public {
        vm.assume(caller != address(this));
        vm.expectRevert(_notGovernance(caller));
        vm.prank(caller);
        registry.setBodyMetadata(BODY, metadataCid);
    }

    function testFuzz_nonGovernanceCannotSetBodyProfile(address caller) public {
        vm.assume(caller != address(this));
        vm.expectRevert(_notGovernance(caller));
        vm.prank(caller);
        registry.setBodyProfile(BODY, "Someone Else", "XX");
        assertEq(registry.bodyOf(BODY).name, "Accreditation Council", "name unchanged");
    }

    /// @dev A jurisdiction is accepted exactly when it has 2..6 bytes of A-Z, 0-9 and '-', the
    /// first two A-Z; the model here reads the bytes one by one.
    function testFuzz_jurisdictionIsAnIso3166Code(bytes calldata code) public {
        bool valid = code.length >= 2 && code.length <= 6;
        for (uint256 i = 0; valid && i < code.length; ++i) {
            uint8 c = uint8(code[i]);
            bool letter = c >= 0x41 && c <= 0x5a;
            valid = letter || (i >= 2 && ((c >= 0x30 && c <= 0x39) || c == 0x2d));
        }
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(IAccreditationRegistry.BodyProfileInvalid.selector, "Council", string(code))
            );
        }
        registry.setBodyProfile(BODY, "Council", string(code));
        if (valid) assertEq(registry.bodyOf(BODY).jurisdiction, string(code), "jurisdiction stored");
    }

    function testFuzz_nonGovernanceCannotRemoveBody(address caller) public {
        vm.assume(caller != address(this));
        vm.expectRevert(_notGovernance(caller));
        vm.prank(caller);
        registry.removeBody(BODY);
    }

    function testFuzz_nonGovernanceCannotStartGovernanceTransfer(address caller, address newAdmin) public {
        vm.assume(caller != address(this));
        vm.expectRevert(_notGovernance(caller));
        vm.prank(caller);
        registry.beginDefaultAdminTransfer(newAdmin);
    }

    function test_declaresItsGovernanceInterfacesThroughErc165() public view {
        assertTrue(
            registry.supportsInterface(type(IAccessControlDefaultAdminRules).interfaceId), "default admin rules"
        );
        assertTrue(registry.supportsInterface(type(IAccessControl).interfaceId), "access control");
        assertFalse(registry.supportsInterface(0xffffffff), "the ERC-165 invalid id");
    }

    function testFuzz_onlyThePendingAccountAcceptsGovernance(address newAdmin, address caller) public {
        vm.assume(newAdmin != address(0) && caller != newAdmin);
        registry.beginDefaultAdminTransfer(newAdmin);
        vm.warp(block.timestamp + 1 days + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, caller)
        );
        vm.prank(caller);
        registry.acceptDefaultAdminTransfer();
    }
}
