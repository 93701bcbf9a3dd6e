// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title MerkleProofHarness
/// @notice Test-only: checks a credential's batch proof with OpenZeppelin's MerkleProof and the
/// leaf rule of CredentialRegistry, and nothing else (no anchor, no status), so the SDK's trees
/// can be tested against the on-chain verifier on their own.
contract MerkleProofHarness {
    /// @notice The leaf of credential `index` with digest `credentialDigest`: OpenZeppelin's
    /// StandardMerkleTree leaf of (uint256, bytes32). Anyone may call; pure.
    function leaf(uint256 index, bytes32 credentialDigest) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, credentialDigest))));
    }

    /// @notice True when `proof` leads from the leaf of (`index`, `credentialDigest`) to `root`.
    /// Anyone may call; pure.
    function verify(bytes32 root, uint256 index, bytes32 credentialDigest, bytes32[] calldata proof)
        external
        pure
        returns (bool)
    {
        return MerkleProof.verifyCalldata(proof, root, leaf(index, credentialDigest));
    }
}
