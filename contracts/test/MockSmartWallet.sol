// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title MockSmartWallet
/// @notice Test-only contract wallet: an issuer that is a contract, like a Safe with one owner. It
/// accepts (EIP-1271) exactly the signatures its owner's key makes over the digest, and lets the
/// owner make calls in the wallet's name.
contract MockSmartWallet is IERC1271 {
    /// @notice The key whose signatures the wallet accepts.
    // solhint-disable-next-line immutable-vars-naming
    address public immutable owner;

    error NotOwner(address caller);

    /// @param walletOwner The key whose signatures the wallet accepts and who may call `execute`.
    constructor(address walletOwner) {
        owner = walletOwner;
    }

    /// @notice EIP-1271: the magic value when `signature` is the owner's signature of `hash`.
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == owner) return IERC1271.isValidSignature.selector;
        return 0xffffffff;
    }

    /// @notice Calls `target` with `data` as the wallet, bubbling up a revert. Only the owner.
    function execute(address target, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        bool ok;
        (ok, result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }
}
