// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice The cheatcodes our Solidity tests use, as Hardhat 3's test runner (EDR) exposes them at
/// the conventional cheatcode address. Written here so the tests need no git dependency.
interface Vm {
    function warp(uint256 timestamp) external;
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 selector) external;
    function expectRevert() external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;
    function assume(bool condition) external pure;
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function label(address account, string calldata name) external;
}

/// @notice A small base for Solidity tests: the cheatcodes, assertions that say what differed,
/// `bound` for fuzz inputs, and the target lists the invariant runner reads.
abstract contract Test {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address[] private _targetContracts;
    address[] private _targetSenders;

    error AssertionFailed(string what);
    error AssertionFailedUint(string what, uint256 actual, uint256 expected);
    error AssertionFailedAddress(string what, address actual, address expected);
    error AssertionFailedString(string what, string actual, string expected);
    error AssertionFailedBytes32(string what, bytes32 actual, bytes32 expected);

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert AssertionFailed(what);
    }

    function assertFalse(bool condition, string memory what) internal pure {
        if (condition) revert AssertionFailed(what);
    }

    function assertEq(uint256 actual, uint256 expected, string memory what) internal pure {
        if (actual != expected) revert AssertionFailedUint(what, actual, expected);
    }

    function assertEq(address actual, address expected, string memory what) internal pure {
        if (actual != expected) revert AssertionFailedAddress(what, actual, expected);
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory what) internal pure {
        if (actual != expected) revert AssertionFailedBytes32(what, actual, expected);
    }

    function assertEq(bool actual, bool expected, string memory what) internal pure {
        if (actual != expected) revert AssertionFailed(what);
    }

    function assertEq(string memory actual, string memory expected, string memory what) internal pure {
        if (keccak256(bytes(actual)) != keccak256(bytes(expected))) revert AssertionFailedString(what, actual, expected);
    }

    /// @dev Maps any `x` into [min, max] without discarding fuzz runs.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @dev Invariant tests call only functions of these contracts ...
    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    /// @dev ... from these senders (when set).
    function targetSender(address sender) internal {
        _targetSenders.push(sender);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSenders() public view returns (address[] memory) {
        return _targetSenders;
    }
}
