// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccreditationRegistry} from "../../contracts/AccreditationRegistry.sol";
import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {Test} from "./lib/Test.sol";

/// @notice Fuzzes the revocation and suspension bitmaps of CredentialRegistry against a reference
/// model (one uint256 per word, kept in memory): random batch sizes, random index sets in random
/// order through the single and bulk calls, by the issuer and its operator; out-of-range and empty
/// input must revert with the named error and change nothing.
contract CredentialRegistryBitmapTest is Test {
    CredentialRegistry internal registry;

    address internal constant ISSUER = address(0x1551e4);
    address internal constant OPERATOR = address(0x0e4a7042);
    address internal constant OTHER_ISSUER = address(0x07e4);
    bytes32 internal constant ROOT = keccak256("root");
    bytes32 internal constant OTHER_ROOT = keccak256("other root");
    bytes20 internal constant DEGREE = bytes20(keccak256("BachelorDegree"));
    uint256 internal constant MAX_LEAVES = 1200; // five words, the last one partly used at most sizes

    enum Op {
        RevokeOne,
        RevokeMany,
        SuspendOne,
        SuspendMany,
        UnsuspendOne,
        UnsuspendMany
    }

    function setUp() public {
        registry = new CredentialRegistry(new AccreditationRegistry(1 days, address(this)));
        vm.prank(ISSUER);
        registry.setOperator(OPERATOR, uint48(block.timestamp + 365 days), 7);
    }

    // ------------------------------------------------------------ model-based fuzzing

    /// @dev Random revocations and suspensions, single and bulk, in random order: both bitmaps
    /// always equal the model, revocation only ever adds bits, unsuspension clears only the bits
    /// it names.
    function testFuzz_BitmapsMatchModel(uint256 seed, uint256 leafCount, uint256 steps) public {
        leafCount = bound(leafCount, 1, MAX_LEAVES);
        steps = bound(steps, 1, 24);
        _anchor(ISSUER, ROOT, leafCount);
        uint256 words = _wordCount(leafCount);
        uint256[] memory revoked = new uint256[](words);
        uint256[] memory suspended = new uint256[](words);

        for (uint256 step = 0; step < steps; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            Op op = Op(r % 6);
            vm.prank(r & (1 << 200) == 0 ? ISSUER : OPERATOR);
            if (op == Op.RevokeOne || op == Op.SuspendOne || op == Op.UnsuspendOne) {
                uint256 index = (r >> 8) % leafCount;
                uint256 word = index >> 8;
                uint256 bit = 1 << (index & 0xff);
                if (op == Op.RevokeOne) {
                    registry.revokeCredential(ISSUER, ROOT, index, uint8(step));
                    revoked[word] |= bit;
                } else if (op == Op.SuspendOne) {
                    registry.suspendCredential(ISSUER, ROOT, index, uint8(step));
                    suspended[word] |= bit;
                } else {
                    registry.unsuspendCredential(ISSUER, ROOT, index, uint8(step));
                    suspended[word] &= ~bit;
                }
            } else {
                ICredentialRegistry.StatusWord[] memory change = _randomWords(r, leafCount);
                if (op == Op.RevokeMany) {
                    registry.revokeCredentials(ISSUER, ROOT, change, uint8(step));
                } else if (op == Op.SuspendMany) {
                    registry.suspendCredentials(ISSUER, ROOT, change, uint8(step));
                } else {
                    registry.unsuspendCredentials(ISSUER, ROOT, change, uint8(step));
                }
                for (uint256 i = 0; i < change.length; ++i) {
                    if (op == Op.RevokeMany) revoked[change[i].word] |= change[i].mask;
                    else if (op == Op.SuspendMany) suspended[change[i].word] |= change[i].mask;
                    else suspended[change[i].word] &= ~change[i].mask;
                }
            }
            _assertBitmaps(ISSUER, ROOT, revoked, suspended);
        }
        _assertStatusesAgree(seed, leafCount, revoked, suspended);
    }

    /// @dev Suspending mask `a` then lifting mask `b` of one word leaves exactly `a & ~b`.
    function testFuzz_UnsuspendClearsOnlyWhatItNames(uint256 a, uint256 b, uint256 word) public {
        _anchor(ISSUER, ROOT, MAX_LEAVES);
        uint256 lastWord = (MAX_LEAVES - 1) >> 8;
        word = bound(word, 0, lastWord);
        uint256 valid = _validMask(word, MAX_LEAVES);
        a = (a & valid) | 1;
        b = (b & valid) | 2;
        vm.prank(ISSUER);
        registry.suspendCredentials(ISSUER, ROOT, _one(word, a), 0);
        vm.prank(OPERATOR);
        registry.unsuspendCredentials(ISSUER, ROOT, _one(word, b), 0);
        assertEq(registry.suspendedWord(ISSUER, ROOT, word), a & ~b, "suspended word");
        assertEq(registry.revokedWord(ISSUER, ROOT, word), 0, "revoked word untouched");
    }

    /// @dev Changes to one (issuer, root) never reach another root of the issuer, nor the same root
    /// of another issuer.
    function testFuzz_BitsStayInTheirBatch(uint256 seed, uint256 leafCount) public {
        leafCount = bound(leafCount, 1, MAX_LEAVES);
        _anchor(ISSUER, ROOT, leafCount);
        _anchor(ISSUER, OTHER_ROOT, leafCount);
        _anchor(OTHER_ISSUER, ROOT, leafCount);
        ICredentialRegistry.StatusWord[] memory change = _randomWords(seed, leafCount);
        vm.prank(ISSUER);
        registry.revokeCredentials(ISSUER, ROOT, change, 1);
        vm.prank(OPERATOR);
        registry.suspendCredentials(ISSUER, ROOT, change, 1);
        for (uint256 word = 0; word <= _wordCount(leafCount); ++word) {
            assertEq(registry.revokedWord(ISSUER, OTHER_ROOT, word), 0, "other root revoked");
            assertEq(registry.suspendedWord(ISSUER, OTHER_ROOT, word), 0, "other root suspended");
            assertEq(registry.revokedWord(OTHER_ISSUER, ROOT, word), 0, "other issuer revoked");
            assertEq(registry.suspendedWord(OTHER_ISSUER, ROOT, word), 0, "other issuer suspended");
        }
    }

    // ------------------------------------------------------------ out of range, empty, unauthorised

    /// @dev A single index at or past the batch reverts with IndexOutOfRange(index, leafCount); one
    /// run in four tries the first index past the batch exactly.
    function testFuzz_SingleIndexPastTheBatchReverts(uint256 leafCount, uint256 index, uint8 which) public {
        leafCount = bound(leafCount, 1, type(uint32).max);
        index = index % 4 == 0 ? leafCount : bound(index, leafCount, type(uint256).max);
        _anchor(ISSUER, ROOT, leafCount);
        bytes memory expected =
            abi.encodeWithSelector(ICredentialRegistry.IndexOutOfRange.selector, index, leafCount);
        vm.prank(ISSUER);
        vm.expectRevert(expected);
        if (which % 3 == 0) registry.revokeCredential(ISSUER, ROOT, index, 0);
        else if (which % 3 == 1) registry.suspendCredential(ISSUER, ROOT, index, 0);
        else registry.unsuspendCredential(ISSUER, ROOT, index, 0);
    }

    /// @dev A mask with any bit at or past the batch reverts with IndexOutOfRange naming its highest
    /// bit, and the valid words sent with it are not applied.
    function testFuzz_MaskPastTheBatchReverts(uint256 leafCount, uint256 word, uint256 mask, uint8 which) public {
        leafCount = bound(leafCount, 1, MAX_LEAVES);
        uint256 lastWord = (leafCount - 1) >> 8;
        word = bound(word, lastWord, lastWord + 1000);
        uint256 invalid = ~_validMask(word, leafCount);
        vm.assume(invalid != 0);
        mask = mask & invalid;
        if (mask == 0) mask = _highestBit(invalid);
        _anchor(ISSUER, ROOT, leafCount);

        ICredentialRegistry.StatusWord[] memory change = new ICredentialRegistry.StatusWord[](2);
        change[0] = ICredentialRegistry.StatusWord({word: 0, mask: 1});
        change[1] = ICredentialRegistry.StatusWord({word: word, mask: mask});
        uint256 highest = (word << 8) | _log2(mask);
        vm.prank(OPERATOR);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.IndexOutOfRange.selector, highest, leafCount));
        _bulk(which, ISSUER, ROOT, change);
        assertEq(registry.revokedWord(ISSUER, ROOT, 0), 0, "nothing revoked");
        assertEq(registry.suspendedWord(ISSUER, ROOT, 0), 0, "nothing suspended");
    }

    /// @dev Every bit below leafCount is accepted in bulk: the full valid mask of every word.
    function testFuzz_EveryIndexOfTheBatchIsAccepted(uint256 leafCount) public {
        leafCount = bound(leafCount, 1, MAX_LEAVES);
        _anchor(ISSUER, ROOT, leafCount);
        uint256 words = _wordCount(leafCount);
        ICredentialRegistry.StatusWord[] memory all = new ICredentialRegistry.StatusWord[](words);
        for (uint256 w = 0; w < words; ++w) {
            all[w] = ICredentialRegistry.StatusWord({word: w, mask: _validMask(w, leafCount)});
        }
        vm.prank(ISSUER);
        registry.revokeCredentials(ISSUER, ROOT, all, 0);
        ICredentialRegistry.CredentialStatus memory last = registry.credentialStatus(ISSUER, ROOT, leafCount - 1);
        ICredentialRegistry.CredentialStatus memory past = registry.credentialStatus(ISSUER, ROOT, leafCount);
        assertTrue(last.revoked, "last credential revoked");
        assertFalse(past.revoked, "no bit past the batch");
    }

    /// @dev An empty mask anywhere in a bulk call reverts with StatusMaskEmpty(word).
    function testFuzz_EmptyMaskReverts(uint256 word, uint8 which) public {
        _anchor(ISSUER, ROOT, MAX_LEAVES);
        ICredentialRegistry.StatusWord[] memory change = new ICredentialRegistry.StatusWord[](2);
        change[0] = ICredentialRegistry.StatusWord({word: 1, mask: 1});
        change[1] = ICredentialRegistry.StatusWord({word: word, mask: 0});
        vm.prank(ISSUER);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.StatusMaskEmpty.selector, word));
        _bulk(which, ISSUER, ROOT, change);
    }

    /// @dev Anyone but the issuer and its live operator is refused, whatever it sends.
    function testFuzz_StrangersCannotChangeBits(address caller, uint256 seed, uint8 which) public {
        vm.assume(caller != ISSUER && caller != OPERATOR);
        _anchor(ISSUER, ROOT, MAX_LEAVES);
        ICredentialRegistry.StatusWord[] memory change = _randomWords(seed, MAX_LEAVES);
        bytes memory refused =
            abi.encodeWithSelector(ICredentialRegistry.NotIssuerOrOperator.selector, ISSUER, caller, _rightFor(which));
        vm.prank(caller);
        vm.expectRevert(refused);
        _bulk(which, ISSUER, ROOT, change);
    }

    /// @dev A live operator changes bits only with the right for the change (revoke, or suspend for
    /// both suspension and unsuspension), whatever other rights it holds.
    function testFuzz_OperatorNeedsTheRightForTheChange(uint8 rights, uint256 seed, uint8 which) public {
        rights = uint8(bound(rights, 1, 7));
        vm.prank(ISSUER);
        registry.setOperator(OPERATOR, uint48(block.timestamp + 1 days), rights);
        _anchor(ISSUER, ROOT, MAX_LEAVES);
        ICredentialRegistry.StatusWord[] memory change = _randomWords(seed, MAX_LEAVES);
        uint8 right = _rightFor(which);
        vm.prank(OPERATOR);
        if (rights & right == 0) {
            vm.expectRevert(
                abi.encodeWithSelector(ICredentialRegistry.NotIssuerOrOperator.selector, ISSUER, OPERATOR, right)
            );
        }
        _bulk(which, ISSUER, ROOT, change);
    }

    /// @dev Setting rights outside 1..7 is refused and leaves the operator as it was.
    function testFuzz_OperatorRightsOutsideTheThreeAreRefused(uint8 rights) public {
        vm.assume(rights == 0 || rights > 7);
        vm.prank(ISSUER);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.OperatorRightsInvalid.selector, rights));
        registry.setOperator(OPERATOR, uint48(block.timestamp + 1 days), rights);
        (, uint8 kept) = registry.operatorOf(ISSUER, OPERATOR);
        assertEq(kept, 7, "rights unchanged");
    }

    /// @dev An operator is refused from its expiry on, whatever it sends.
    function testFuzz_ExpiredOperatorCannotChangeBits(uint256 after_, uint256 seed, uint8 which) public {
        _anchor(ISSUER, ROOT, MAX_LEAVES);
        (uint48 expiry,) = registry.operatorOf(ISSUER, OPERATOR);
        vm.warp(bound(after_, expiry, expiry + 3650 days));
        ICredentialRegistry.StatusWord[] memory change = _randomWords(seed, MAX_LEAVES);
        bytes memory refused =
            abi.encodeWithSelector(ICredentialRegistry.NotIssuerOrOperator.selector, ISSUER, OPERATOR, _rightFor(which));
        vm.prank(OPERATOR);
        vm.expectRevert(refused);
        _bulk(which, ISSUER, ROOT, change);
    }

    // ------------------------------------------------------------ helpers

    function _anchor(address issuer, bytes32 root, uint256 leafCount) internal {
        vm.prank(issuer);
        registry.anchor(root, uint32(leafCount), DEGREE, "");
    }

    function _rightFor(uint8 which) internal view returns (uint8) {
        return which % 3 == 0 ? registry.RIGHT_REVOKE() : registry.RIGHT_SUSPEND();
    }

    function _bulk(uint8 which, address issuer, bytes32 root, ICredentialRegistry.StatusWord[] memory change)
        internal
    {
        if (which % 3 == 0) registry.revokeCredentials(issuer, root, change, 0);
        else if (which % 3 == 1) registry.suspendCredentials(issuer, root, change, 0);
        else registry.unsuspendCredentials(issuer, root, change, 0);
    }

    /// @dev One to three non-empty, in-range words (possibly repeated), drawn from `seed`.
    function _randomWords(uint256 seed, uint256 leafCount)
        internal
        pure
        returns (ICredentialRegistry.StatusWord[] memory change)
    {
        uint256 words = _wordCount(leafCount);
        change = new ICredentialRegistry.StatusWord[](1 + (seed >> 16) % 3);
        for (uint256 i = 0; i < change.length; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "words", i)));
            uint256 word = r % words;
            uint256 valid = _validMask(word, leafCount);
            uint256 mask = uint256(keccak256(abi.encode(r))) & valid;
            // Sparse masks as often as dense ones: keep roughly one bit in eight, or one bit only.
            if (r & 1 == 0) mask &= uint256(keccak256(abi.encode(r, 1))) & uint256(keccak256(abi.encode(r, 2)));
            if (r & 2 == 0) mask = 1 << ((r >> 8) % (_log2(valid) + 1));
            if (mask == 0) mask = 1;
            change[i] = ICredentialRegistry.StatusWord({word: word, mask: mask});
        }
    }

    function _assertBitmaps(address issuer, bytes32 root, uint256[] memory revoked, uint256[] memory suspended)
        internal
        view
    {
        for (uint256 w = 0; w < revoked.length; ++w) {
            assertEq(registry.revokedWord(issuer, root, w), revoked[w], "revoked word");
            assertEq(registry.suspendedWord(issuer, root, w), suspended[w], "suspended word");
        }
        assertEq(registry.revokedWord(issuer, root, revoked.length), 0, "revoked past the batch");
        assertEq(registry.suspendedWord(issuer, root, revoked.length), 0, "suspended past the batch");
    }

    /// @dev credentialStatus and credentialStatuses agree with the model at random indices.
    function _assertStatusesAgree(
        uint256 seed,
        uint256 leafCount,
        uint256[] memory revoked,
        uint256[] memory suspended
    ) internal view {
        uint256[] memory indices = new uint256[](16);
        for (uint256 i = 0; i < indices.length; ++i) {
            indices[i] = uint256(keccak256(abi.encode(seed, "index", i))) % leafCount;
        }
        ICredentialRegistry.CredentialStatus[] memory many = registry.credentialStatuses(ISSUER, ROOT, indices);
        for (uint256 i = 0; i < indices.length; ++i) {
            uint256 index = indices[i];
            bool isRevoked = revoked[index >> 8] & (1 << (index & 0xff)) != 0;
            bool isSuspended = suspended[index >> 8] & (1 << (index & 0xff)) != 0;
            ICredentialRegistry.CredentialStatus memory one = registry.credentialStatus(ISSUER, ROOT, index);
            assertEq(one.revoked, isRevoked, "credentialStatus revoked");
            assertEq(one.suspended, isSuspended, "credentialStatus suspended");
            assertEq(many[i].revoked, isRevoked, "credentialStatuses revoked");
            assertEq(many[i].suspended, isSuspended, "credentialStatuses suspended");
        }
    }

    function _one(uint256 word, uint256 mask) internal pure returns (ICredentialRegistry.StatusWord[] memory change) {
        change = new ICredentialRegistry.StatusWord[](1);
        change[0] = ICredentialRegistry.StatusWord({word: word, mask: mask});
    }

    function _wordCount(uint256 leafCount) internal pure returns (uint256) {
        return (leafCount + 255) >> 8;
    }

    /// @dev The bits of `word` that name indices below `leafCount`.
    function _validMask(uint256 word, uint256 leafCount) internal pure returns (uint256) {
        if (word >= _wordCount(leafCount)) return 0;
        uint256 used = leafCount - (word << 8);
        return used >= 256 ? type(uint256).max : (1 << used) - 1;
    }

    function _log2(uint256 x) internal pure returns (uint256 n) {
        while (x > 1) {
            x >>= 1;
            ++n;
        }
    }

    function _highestBit(uint256 x) internal pure returns (uint256) {
        return 1 << _log2(x);
    }
}
