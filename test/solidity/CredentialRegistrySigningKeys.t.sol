// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccreditationRegistry} from "../../contracts/AccreditationRegistry.sol";
import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {Test} from "./lib/Test.sol";

/// @notice Fuzzes the signing keys of CredentialRegistry: a declaration belongs to the account that
/// made it and to no other; a retirement is accepted exactly inside [declaredAt, now] and only ever
/// moves earlier; batchView reports the same term as signingKey, and the validity rule a verifier
/// applies to it (declared at or before the anchoring, retired after it) holds at every moment.
contract CredentialRegistrySigningKeysTest is Test {
    CredentialRegistry internal registry;

    address internal constant ISSUER = address(0x1551e4);
    address internal constant OPERATOR = address(0x0e4a7042);
    bytes32 internal constant ROOT = keccak256("root");
    bytes20 internal constant DEGREE = bytes20(keccak256("BachelorDegree"));
    uint256 internal constant START = 1_800_000_000;
    uint256 internal constant SPAN = 3650 days;

    function setUp() public {
        vm.warp(START);
        registry = new CredentialRegistry(new AccreditationRegistry(1 days, address(this)));
        vm.prank(ISSUER);
        registry.setOperator(OPERATOR, uint48(START + SPAN * 2), 7);
    }

    /// @dev A declaration is recorded under the caller and no one else, whoever declares what.
    function testFuzz_DeclarationBelongsToTheCallerOnly(address a, address b, bytes32 key, uint256 at) public {
        vm.assume(a != b && key != bytes32(0));
        vm.warp(bound(at, START, START + SPAN));
        vm.prank(a);
        registry.declareSigningKey(key);
        (uint64 declaredAt, uint64 retiredAt) = registry.signingKey(a, key);
        assertEq(declaredAt, block.timestamp, "declared at the block's time");
        assertEq(retiredAt, 0, "not retired");
        (declaredAt, retiredAt) = registry.signingKey(b, key);
        assertEq(declaredAt, 0, "not another's");
        ICredentialRegistry.BatchView memory view_ =
            registry.batchView(b, ROOT, new uint256[](0), new address[](0), key);
        assertEq(view_.keyDeclaredAt, 0, "not another's in batchView");
    }

    /// @dev The issuer's operator, with every right, declares and retires only in its own name.
    function testFuzz_OperatorNeverChangesTheIssuersKeys(bytes32 key, uint256 effectiveAt, bool declareFirst) public {
        vm.assume(key != bytes32(0));
        vm.prank(ISSUER);
        registry.declareSigningKey(key);
        vm.warp(START + 1 days);
        if (declareFirst) {
            vm.prank(OPERATOR);
            registry.declareSigningKey(key);
        }
        effectiveAt = bound(effectiveAt, START, block.timestamp);
        vm.prank(OPERATOR);
        if (!declareFirst) {
            vm.expectRevert(
                abi.encodeWithSelector(ICredentialRegistry.SigningKeyNotDeclared.selector, OPERATOR, key)
            );
        } else if (effectiveAt < block.timestamp) {
            // Before the operator's own declaration, made now.
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICredentialRegistry.SigningKeyRetirementInvalid.selector,
                    key,
                    uint64(effectiveAt),
                    uint64(block.timestamp),
                    uint64(block.timestamp)
                )
            );
        }
        registry.retireSigningKey(key, uint64(effectiveAt));
        (uint64 declaredAt, uint64 retiredAt) = registry.signingKey(ISSUER, key);
        assertEq(declaredAt, START, "issuer's declaration unchanged");
        assertEq(retiredAt, 0, "issuer's key not retired");
    }

    /// @dev A first retirement succeeds exactly when declaredAt <= effectiveAt <= now, and a
    /// refusal names the window.
    function testFuzz_RetirementAcceptedExactlyInsideItsWindow(uint256 declaredAt, uint256 now_, uint256 effectiveAt)
        public
    {
        declaredAt = bound(declaredAt, START, START + SPAN);
        now_ = bound(now_, declaredAt, declaredAt + SPAN);
        effectiveAt = bound(effectiveAt, declaredAt > 2 days ? declaredAt - 2 days : 0, now_ + 2 days);
        _declareAt(ISSUER, keccak256("key"), declaredAt);
        vm.warp(now_);
        bool inside = declaredAt <= effectiveAt && effectiveAt <= now_;
        if (!inside) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICredentialRegistry.SigningKeyRetirementInvalid.selector,
                    keccak256("key"),
                    uint64(effectiveAt),
                    uint64(declaredAt),
                    uint64(now_)
                )
            );
        }
        vm.prank(ISSUER);
        registry.retireSigningKey(keccak256("key"), uint64(effectiveAt));
        (, uint64 retiredAt) = registry.signingKey(ISSUER, keccak256("key"));
        assertEq(retiredAt, inside ? effectiveAt : 0, "retiredAt");
    }

    /// @dev After a first retirement, a second one succeeds only strictly earlier (and not before
    /// the declaration); the stored time never moves later.
    function testFuzz_RetirementOnlyMovesEarlier(uint256 first, uint256 second, uint256 later) public {
        bytes32 key = keccak256("key");
        _declareAt(ISSUER, key, START);
        vm.warp(START + SPAN);
        first = bound(first, START, START + SPAN);
        vm.prank(ISSUER);
        registry.retireSigningKey(key, uint64(first));
        vm.warp(bound(later, START + SPAN, START + 2 * SPAN));
        second = bound(second, START, block.timestamp);
        vm.prank(ISSUER);
        try registry.retireSigningKey(key, uint64(second)) {
            assertTrue(second < first, "accepted only earlier");
        } catch {
            assertTrue(second >= first, "refused only at or after the first");
        }
        (, uint64 retiredAt) = registry.signingKey(ISSUER, key);
        assertEq(retiredAt, second < first ? second : first, "retiredAt is the earliest accepted");
    }

    /// @dev batchView's key fields equal signingKey's answer, and the verifier's rule on them says
    /// valid exactly when the key was declared at or before the anchoring and retired after it.
    function testFuzz_BatchViewKeyTermDecidesValidityAtAnchoring(
        uint256 declaredAt,
        uint256 anchoredAt,
        uint256 effectiveAt,
        bool retire,
        bool declare
    ) public {
        bytes32 key = keccak256("key");
        declaredAt = bound(declaredAt, START, START + SPAN);
        anchoredAt = bound(anchoredAt, START, START + SPAN);
        // Anchor and declare in time order (the chain's clock only moves forward).
        if (declare && declaredAt <= anchoredAt) _declareAt(ISSUER, key, declaredAt);
        vm.warp(anchoredAt);
        vm.prank(ISSUER);
        registry.anchor(ROOT, 10, DEGREE, "");
        if (declare && declaredAt > anchoredAt) _declareAt(ISSUER, key, declaredAt);
        vm.warp(START + 2 * SPAN);
        if (declare && retire) {
            effectiveAt = bound(effectiveAt, declaredAt, block.timestamp);
            vm.prank(ISSUER);
            registry.retireSigningKey(key, uint64(effectiveAt));
        }
        ICredentialRegistry.BatchView memory view_ =
            registry.batchView(ISSUER, ROOT, new uint256[](0), new address[](0), key);
        (uint64 d, uint64 r) = registry.signingKey(ISSUER, key);
        assertEq(view_.keyDeclaredAt, d, "keyDeclaredAt");
        assertEq(view_.keyRetiredAt, r, "keyRetiredAt");
        bool valid = view_.keyDeclaredAt != 0 && view_.keyDeclaredAt <= view_.anchoredAt
            && (view_.keyRetiredAt == 0 || view_.anchoredAt < view_.keyRetiredAt);
        bool expected = declare && declaredAt <= anchoredAt && (!retire || anchoredAt < effectiveAt);
        assertEq(valid, expected, "key valid at anchoring");
    }

    /// @dev Key 0 is never declared, and batchView answers 0 and 0 for it.
    function testFuzz_KeyZeroIsNeverAKey(address issuer) public {
        vm.prank(issuer);
        vm.expectRevert(ICredentialRegistry.ZeroSigningKey.selector);
        registry.declareSigningKey(bytes32(0));
        ICredentialRegistry.BatchView memory view_ =
            registry.batchView(issuer, ROOT, new uint256[](0), new address[](0), bytes32(0));
        assertEq(view_.keyDeclaredAt, 0, "keyDeclaredAt");
        assertEq(view_.keyRetiredAt, 0, "keyRetiredAt");
    }

    function _declareAt(address issuer, bytes32 key, uint256 at) internal {
        vm.warp(at);
        vm.prank(issuer);
        registry.declareSigningKey(key);
    }
}
