// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccreditationRegistry} from "../AccreditationRegistry.sol";

/// @title HostileBody
/// @notice Test-only accreditation body that tries to make one issuer's credentials too costly to
/// read: once appointed, it piles terms on the issuer (each withdrawn in the second it is made, so
/// the next may follow at once) and suspend/reinstate cycles on its latest term.
contract HostileBody {
    uint48 private constant _FOREVER = type(uint48).max;

    /// @notice The registry this body was appointed in.
    // solhint-disable-next-line immutable-vars-naming
    AccreditationRegistry public immutable registry;

    /// @notice Whether the latest term is suspended by the last `cycleSuspension`.
    bool public suspended;

    /// @param accreditationRegistry The registry governance appoints this body in.
    constructor(AccreditationRegistry accreditationRegistry) {
        registry = accreditationRegistry;
    }

    /// @notice Records `count` terms on (issuer, credentialType), each withdrawn as soon as it is made.
    /// @dev Anyone may call; emits the registry's IssuerAccredited and AccreditationWithdrawn per term.
    function pileTerms(address issuer, bytes20 credentialType, uint256 count) external {
        uint48 nowTs = uint48(block.timestamp);
        for (uint256 i = 0; i < count; ++i) {
            registry.accredit(issuer, credentialType, nowTs, _FOREVER, "", "Pile", "");
            registry.withdraw(issuer, credentialType, nowTs, "");
        }
    }

    /// @notice Records one open-ended term, which stays live for `cycleSuspension`.
    /// @dev Anyone may call; emits the registry's IssuerAccredited.
    function accredit(address issuer, bytes20 credentialType) external {
        registry.accredit(issuer, credentialType, uint48(block.timestamp), _FOREVER, "", "Pile", "");
    }

    /// @notice Closes the suspension opened by the previous call (in an earlier second) and, unless
    /// `last`, opens a new one, so each call adds one closed suspension to the latest term.
    /// @dev Anyone may call; emits the registry's AccreditationReinstated and AccreditationSuspended.
    function cycleSuspension(address issuer, bytes20 credentialType, bool last) external {
        if (suspended) registry.reinstate(issuer, credentialType);
        suspended = !last;
        if (!last) registry.suspend(issuer, credentialType, "");
    }
}
