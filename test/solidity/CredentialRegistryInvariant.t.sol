// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccreditationRegistry} from "../../contracts/AccreditationRegistry.sol";
import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {MockSmartWallet} from "../../contracts/test/MockSmartWallet.sol";
import {Test} from "./lib/Test.sol";

/// @notice Drives CredentialRegistry for the invariant runner: random actors (the watched issuer,
/// a live operator with every right, an anchor-only operator that expires, a removed operator,
/// strangers, another issuer and a contract wallet) call every mutating function with random
/// arguments, and the issuer gives operators random rights (valid or not). A ghost model of the
/// watched issuer's operators, batches, bitmaps and nonces takes in only the calls its own rules
/// authorise (the issuer, or an operator whose ghost expiry lies ahead and whose ghost rights hold
/// the right the call needs) with valid input; any call whose outcome disagrees is counted.
/// Signing keys are modelled for every actor, from a small shared set of keys (so actors declare
/// the same keys): only the account itself changes its own terms, whatever rights it holds.
contract CredentialRegistryHandler is Test {
    CredentialRegistry public immutable registry;

    uint256 internal constant ISSUER = 0;
    uint256 internal constant ACTORS = 7;
    uint256 internal constant ROOTS = 3;
    uint256 internal constant WORDS = 4; // leaf counts stay below 768: three words, one to spare
    uint256 internal constant KEYS = 3;
    bytes20 internal constant DEGREE = bytes20(keccak256("BachelorDegree"));
    // The model's own copy of the rights, so a wrong constant in the registry shows as a disagreement.
    uint8 internal constant RIGHT_ANCHOR = 1;
    uint8 internal constant RIGHT_SUSPEND = 2;
    uint8 internal constant RIGHT_REVOKE = 4;
    uint8 internal constant ALL_RIGHTS = 7;

    address[ACTORS] internal _actors;
    uint256[ACTORS] internal _keys; // the key that signs for each actor (the owner's, for the wallet)
    bytes32[ROOTS] internal _roots;
    bytes32[KEYS] internal _signingKeys;

    /// @dev The ghost model of the watched issuer, and the nonces of every actor.
    mapping(address operator => uint48) public ghostExpiry;
    mapping(address operator => uint8) public ghostRights;
    mapping(bytes32 root => ICredentialRegistry.Batch) internal _ghostBatches;
    mapping(bytes32 root => mapping(uint256 word => uint256)) public ghostRevoked;
    mapping(bytes32 root => mapping(uint256 word => uint256)) public ghostSuspended;
    mapping(address signer => uint256) public ghostNonce;
    /// @dev The signing-key terms of every actor, each taken in only from that actor's own calls.
    mapping(address issuer => mapping(bytes32 publicKey => ICredentialRegistry.SigningKey)) internal _ghostKeys;

    /// @dev Calls the registry accepted although the model refused them (the property under test) ...
    uint256 public unauthorisedSuccesses;
    /// @dev ... and calls by the issuer or a live operator with valid input that the registry refused.
    uint256 public authorisedFailures;
    /// @dev Retirements (by anyone) after which a key's retiredAt lay later than before.
    uint256 public retirementsMovedLater;
    /// @dev Per handler function, how many calls on the watched issuer the model and registry both
    /// accepted or both refused, so a campaign can be seen not to be vacuous.
    mapping(bytes4 action => uint256) public accepted;
    mapping(bytes4 action => uint256) public refused;

    struct SignedAnchor {
        address issuer;
        bytes32 root;
        uint32 leafCount;
        address signer;
        uint256 deadline;
        bytes signature;
    }

    SignedAnchor internal _lastSigned;

    constructor(CredentialRegistry registry_) {
        registry = registry_;
        for (uint256 i = 0; i < ACTORS; ++i) {
            _keys[i] = uint256(keccak256(abi.encode("credanchor actor", i))) >> 8;
            _actors[i] = vm.addr(_keys[i]);
        }
        // Actor 6 is a contract wallet whose owner is the stranger of actor 4.
        _actors[6] = address(new MockSmartWallet(_actors[4]));
        _keys[6] = _keys[4];
        for (uint256 i = 0; i < ROOTS; ++i) {
            _roots[i] = keccak256(abi.encode("credanchor root", i));
        }
        for (uint256 i = 0; i < KEYS; ++i) {
            _signingKeys[i] = keccak256(abi.encode("credanchor signing key", i));
        }
        // 1: live operator with every right; 2: an anchor-only operator (a batch server's key) that
        // expires within days; 3: an operator removed at once.
        _setOperator(ISSUER, 1, uint48(block.timestamp + 3650 days), ALL_RIGHTS);
        _setOperator(ISSUER, 2, uint48(block.timestamp + 2 days), RIGHT_ANCHOR);
        _setOperator(ISSUER, 3, uint48(block.timestamp + 3650 days), ALL_RIGHTS);
        vm.prank(_actors[ISSUER]);
        registry.removeOperator(_actors[3]);
        ghostExpiry[_actors[3]] = 0;
        ghostRights[_actors[3]] = 0;
    }

    // ------------------------------------------------------------ actions

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    /// @dev Lands on an operator's last live second or on its expiry, where authority ends.
    function warpToExpiry(uint256 operatorSeed, bool lastLiveSecond) external {
        uint256 expiresAt = ghostExpiry[_actors[operatorSeed % ACTORS]];
        uint256 target = lastLiveSecond ? expiresAt - 1 : expiresAt;
        if (expiresAt != 0 && target > block.timestamp) vm.warp(target);
    }

    function setOperator(uint256 actorSeed, uint256 operatorSeed, uint256 lifetime, bool inThePast, uint8 rights)
        external
    {
        uint256 actor = actorSeed % ACTORS;
        address operator = operatorSeed % 9 == 8 ? address(0) : _actors[operatorSeed % ACTORS];
        lifetime = bound(lifetime, 1, 30 days);
        // In the past, one time in four exactly now (an expiry must lie ahead), or ahead.
        uint256 back = lifetime % 4 == 0 ? 0 : lifetime;
        uint48 expiresAt = uint48(inThePast ? block.timestamp - back : block.timestamp + lifetime);
        // Mostly valid rights, one time in nine 0 or past the three bits.
        rights = rights % 9 == 8 ? uint8(rights % 2 == 0 ? 0 : 8 + rights % 248) : 1 + rights % 7;
        bool valid = operator != address(0) && operator != _actors[actor] && expiresAt > block.timestamp
            && rights != 0 && rights <= ALL_RIGHTS;
        vm.prank(_actors[actor]);
        try registry.setOperator(operator, expiresAt, rights) {
            if (actor == ISSUER && _expect(valid, true)) {
                ghostExpiry[operator] = expiresAt;
                ghostRights[operator] = rights;
            }
        } catch {
            if (actor == ISSUER) _expect(valid, false);
        }
    }

    function removeOperator(uint256 actorSeed, uint256 operatorSeed) external {
        uint256 actor = actorSeed % ACTORS;
        address operator = _actors[operatorSeed % ACTORS];
        vm.prank(_actors[actor]);
        try registry.removeOperator(operator) {
            if (actor == ISSUER && _expect(ghostExpiry[operator] != 0, true)) {
                ghostExpiry[operator] = 0;
                ghostRights[operator] = 0;
            }
        } catch {
            if (actor == ISSUER) _expect(ghostExpiry[operator] != 0, false);
        }
    }

    /// @dev `anchor` in the actor's own name: only the issuer itself can reach the watched state.
    function anchor(uint256 actorSeed, uint256 rootSeed, uint256 leafCount, bool zeroType) external {
        uint256 actor = actorSeed % ACTORS;
        (bytes32 root, uint32 count, bytes20 credentialType) = _batchInput(rootSeed, leafCount, zeroType);
        bool valid = _validAnchor(root, count, credentialType);
        vm.prank(_actors[actor]);
        try registry.anchor(root, count, credentialType, "") {
            if (actor == ISSUER && _expect(valid, true)) _ghostAnchor(root, count, credentialType);
        } catch {
            if (actor == ISSUER) _expect(valid, false);
        }
    }

    function anchorFor(uint256 actorSeed, uint256 targetSeed, uint256 rootSeed, uint256 leafCount, bool zeroType)
        external
    {
        uint256 actor = actorSeed % ACTORS;
        address issuer = _target(targetSeed);
        (bytes32 root, uint32 count, bytes20 credentialType) = _batchInput(rootSeed, leafCount, zeroType);
        bool allowed = _mayAct(actor, RIGHT_ANCHOR) && _validAnchor(root, count, credentialType);
        vm.prank(_actors[actor]);
        try registry.anchorFor(issuer, root, count, credentialType, "") {
            if (_watched(issuer) && _expect(allowed, true)) _ghostAnchor(root, count, credentialType);
        } catch {
            if (_watched(issuer)) _expect(allowed, false);
        }
    }

    /// @dev A signed anchor by a random signer, signed by its own key or by another actor's, with a
    /// fresh, stale or future nonce and a live or past deadline, submitted by a random actor.
    function anchorWithSig(
        uint256 signerSeed,
        uint256 keySeed,
        uint256 targetSeed,
        uint256 rootSeed,
        uint256 leafCount,
        uint256 nonceSkew,
        bool expired
    ) external {
        uint256 signer = signerSeed % ACTORS;
        uint256 key = keySeed % 4 == 0 ? _keys[keySeed % ACTORS] : _keys[signer];
        SignedAnchor memory s;
        s.issuer = _target(targetSeed);
        (s.root, s.leafCount,) = _batchInput(rootSeed, leafCount, false);
        s.signer = _actors[signer];
        s.deadline = expired ? block.timestamp - 1 : block.timestamp + 1 hours;
        uint256 nonce = ghostNonce[s.signer];
        if (nonceSkew % 5 == 0) nonce += 1;
        else if (nonceSkew % 5 == 1 && nonce > 0) nonce -= 1;
        s.signature = _sign(key, registry.anchorDigest(s.issuer, s.root, s.leafCount, DEGREE, "", nonce, s.deadline));

        bool allowed = !expired && _mayAct(signer, RIGHT_ANCHOR) && key == _keys[signer] && nonce == ghostNonce[s.signer]
            && _validAnchor(s.root, s.leafCount, DEGREE);
        _submit(s, allowed);
    }

    /// @dev Submits the last signed anchor again: a replay must never pass.
    function replaySignedAnchor() external {
        if (_lastSigned.signer == address(0)) return;
        _submit(_lastSigned, false);
    }

    function revokeBatch(uint256 actorSeed, uint256 targetSeed, uint256 rootSeed, uint8 reason) external {
        uint256 actor = actorSeed % ACTORS;
        address issuer = _target(targetSeed);
        bytes32 root = _roots[rootSeed % ROOTS];
        bool allowed = _mayAct(actor, RIGHT_REVOKE) && _ghostBatches[root].anchoredAt != 0;
        vm.prank(_actors[actor]);
        try registry.revokeBatch(issuer, root, reason) {
            if (_watched(issuer) && _expect(allowed, true)) _ghostBatches[root].revoked = true;
        } catch {
            if (_watched(issuer)) _expect(allowed, false);
        }
    }

    /// @dev revokeCredential, suspendCredential or unsuspendCredential of one index, in range or not.
    function changeOne(uint8 op, uint256 actorSeed, uint256 targetSeed, uint256 rootSeed, uint256 index) external {
        uint256 actor = actorSeed % ACTORS;
        address issuer = _target(targetSeed);
        bytes32 root = _roots[rootSeed % ROOTS];
        index = bound(index, 0, WORDS * 256 - 1);
        bool allowed = _mayAct(actor, _rightFor(op)) && index < _ghostBatches[root].leafCount;
        bool ok;
        vm.prank(_actors[actor]);
        if (op % 3 == 0) {
            try registry.revokeCredential(issuer, root, index, op) {
                ok = true;
            } catch {}
        } else if (op % 3 == 1) {
            try registry.suspendCredential(issuer, root, index, op) {
                ok = true;
            } catch {}
        } else {
            try registry.unsuspendCredential(issuer, root, index, op) {
                ok = true;
            } catch {}
        }
        if (_watched(issuer) && _expect(allowed, ok) && ok) {
            _ghostApply(op, root, index >> 8, 1 << (index & 0xff));
        }
    }

    /// @dev The bulk calls with two words: random, sparse or empty masks, in range or not.
    function changeMany(
        uint8 op,
        uint256 actorSeed,
        uint256 targetSeed,
        uint256 rootSeed,
        uint256 wordA,
        uint256 maskA,
        uint256 wordB,
        uint256 maskB
    ) external {
        uint256 actor = actorSeed % ACTORS;
        address issuer = _target(targetSeed);
        bytes32 root = _roots[rootSeed % ROOTS];
        ICredentialRegistry.StatusWord[] memory words = new ICredentialRegistry.StatusWord[](2);
        words[0] = ICredentialRegistry.StatusWord({word: wordA % WORDS, mask: _shapeMask(maskA)});
        words[1] = ICredentialRegistry.StatusWord({word: wordB % WORDS, mask: _shapeMask(maskB)});
        bool allowed = _allowedMany(op, actor, root, words);
        bool ok = _changeMany(op, _actors[actor], issuer, root, words);
        if (_watched(issuer) && _expect(allowed, ok) && ok) {
            _ghostApply(op, root, words[0].word, words[0].mask);
            _ghostApply(op, root, words[1].word, words[1].mask);
        }
    }

    function _allowedMany(uint8 op, uint256 actor, bytes32 root, ICredentialRegistry.StatusWord[] memory words)
        internal
        view
        returns (bool)
    {
        uint256 leafCount = _ghostBatches[root].leafCount;
        return _mayAct(actor, _rightFor(op)) && leafCount != 0 && _inRange(words[0], leafCount)
            && _inRange(words[1], leafCount);
    }

    function _changeMany(
        uint8 op,
        address actor,
        address issuer,
        bytes32 root,
        ICredentialRegistry.StatusWord[] memory words
    ) internal returns (bool ok) {
        vm.prank(actor);
        if (op % 3 == 0) {
            try registry.revokeCredentials(issuer, root, words, op) {
                ok = true;
            } catch {}
        } else if (op % 3 == 1) {
            try registry.suspendCredentials(issuer, root, words, op) {
                ok = true;
            } catch {}
        } else {
            try registry.unsuspendCredentials(issuer, root, words, op) {
                ok = true;
            } catch {}
        }
    }

    /// @dev Any actor declares one of the shared keys, or (rarely) key 0.
    function declareSigningKey(uint256 actorSeed, uint256 keySeed) external {
        address actor = _actors[actorSeed % ACTORS];
        bytes32 key = _keyOf(keySeed);
        bool valid = key != bytes32(0) && _ghostKeys[actor][key].declaredAt == 0;
        vm.prank(actor);
        try registry.declareSigningKey(key) {
            if (_expect(valid, true)) _ghostKeys[actor][key].declaredAt = uint64(block.timestamp);
        } catch {
            _expect(valid, false);
        }
    }

    /// @dev Any actor retires one of the shared keys from a moment near the edges of its window:
    /// before or at the declaration, inside, now, just ahead, or at and just before an earlier
    /// retirement.
    function retireSigningKey(uint256 actorSeed, uint256 keySeed, uint256 momentSeed) external {
        address actor = _actors[actorSeed % ACTORS];
        bytes32 key = _keyOf(keySeed);
        ICredentialRegistry.SigningKey memory ghost = _ghostKeys[actor][key];
        uint64 effectiveAt = _retirementMoment(ghost, momentSeed);
        uint64 latest = ghost.retiredAt == 0 ? uint64(block.timestamp) : ghost.retiredAt - 1;
        bool valid = ghost.declaredAt != 0 && ghost.declaredAt <= effectiveAt && effectiveAt <= latest;
        (, uint64 before) = registry.signingKey(actor, key);
        vm.prank(actor);
        try registry.retireSigningKey(key, effectiveAt) {
            (, uint64 after_) = registry.signingKey(actor, key);
            if (before != 0 && after_ >= before) ++retirementsMovedLater;
            if (_expect(valid, true)) _ghostKeys[actor][key].retiredAt = effectiveAt;
        } catch {
            _expect(valid, false);
        }
    }

    function _retirementMoment(ICredentialRegistry.SigningKey memory ghost, uint256 seed)
        internal
        view
        returns (uint64)
    {
        uint256 shape = seed % 8;
        uint256 declaredAt = ghost.declaredAt == 0 ? block.timestamp : ghost.declaredAt;
        if (shape == 0) return uint64(declaredAt - 1);
        if (shape == 1) return uint64(declaredAt);
        if (shape == 2) return uint64(bound(seed >> 8, declaredAt, block.timestamp));
        if (shape == 3) return uint64(block.timestamp);
        if (shape == 4) return uint64(block.timestamp + 1);
        if (shape == 5 && ghost.retiredAt != 0) return ghost.retiredAt;
        if (shape == 6 && ghost.retiredAt != 0) return ghost.retiredAt - 1;
        return uint64(bound(seed >> 8, declaredAt - 1, block.timestamp + 1));
    }

    // ------------------------------------------------------------ the comparison

    /// @notice Reverts unless the registry's state of the watched issuer equals the ghost model.
    function assertRegistryMatchesModel() external view {
        address issuer = _actors[ISSUER];
        for (uint256 r = 0; r < ROOTS; ++r) {
            bytes32 root = _roots[r];
            ICredentialRegistry.Batch memory actual = registry.batchOf(issuer, root);
            ICredentialRegistry.Batch memory ghost = _ghostBatches[root];
            assertEq(actual.anchoredAt, ghost.anchoredAt, "batch anchoredAt");
            assertEq(actual.leafCount, ghost.leafCount, "batch leafCount");
            assertEq(actual.credentialType, ghost.credentialType, "batch credentialType");
            assertEq(actual.revoked, ghost.revoked, "batch revoked");
            for (uint256 w = 0; w < WORDS; ++w) {
                assertEq(registry.revokedWord(issuer, root, w), ghostRevoked[root][w], "revoked word");
                assertEq(registry.suspendedWord(issuer, root, w), ghostSuspended[root][w], "suspended word");
            }
        }
        assertEq(registry.batchOf(issuer, bytes32(0)).anchoredAt, 0, "zero root anchored");
        for (uint256 i = 0; i < ACTORS; ++i) {
            (uint48 expiresAt, uint8 rights) = registry.operatorOf(issuer, _actors[i]);
            assertEq(expiresAt, ghostExpiry[_actors[i]], "operator expiry");
            assertEq(rights, ghostRights[_actors[i]], "operator rights");
            assertEq(registry.nonces(_actors[i]), ghostNonce[_actors[i]], "nonce");
            for (uint256 k = 0; k < KEYS; ++k) {
                (uint64 declaredAt, uint64 retiredAt) = registry.signingKey(_actors[i], _signingKeys[k]);
                ICredentialRegistry.SigningKey memory ghost = _ghostKeys[_actors[i]][_signingKeys[k]];
                assertEq(declaredAt, ghost.declaredAt, "key declaredAt");
                assertEq(retiredAt, ghost.retiredAt, "key retiredAt");
            }
        }
        for (uint256 k = 0; k < KEYS; ++k) {
            ICredentialRegistry.BatchView memory view_ =
                registry.batchView(issuer, _roots[0], new uint256[](0), new address[](0), _signingKeys[k]);
            ICredentialRegistry.SigningKey memory ghost = _ghostKeys[issuer][_signingKeys[k]];
            assertEq(view_.keyDeclaredAt, ghost.declaredAt, "batchView keyDeclaredAt");
            assertEq(view_.keyRetiredAt, ghost.retiredAt, "batchView keyRetiredAt");
        }
        (uint64 zeroDeclaredAt,) = registry.signingKey(issuer, bytes32(0));
        assertEq(zeroDeclaredAt, 0, "key 0 declared");
    }

    // ------------------------------------------------------------ model rules and helpers

    /// @dev The model's authority rule, from the ghost state only: the issuer, or an operator whose
    /// expiry lies ahead (the expiry itself is excluded) and whose rights hold `right`.
    function _mayAct(uint256 actor, uint8 right) internal view returns (bool) {
        address account = _actors[actor];
        return actor == ISSUER || (ghostExpiry[account] > block.timestamp && ghostRights[account] & right != 0);
    }

    /// @dev Revocation needs RIGHT_REVOKE; suspension and unsuspension need RIGHT_SUSPEND.
    function _rightFor(uint8 op) internal pure returns (uint8) {
        return op % 3 == 0 ? RIGHT_REVOKE : RIGHT_SUSPEND;
    }

    /// @dev Counts a disagreement between the model and the registry; true when they agree.
    function _expect(bool modelAccepts, bool registryAccepted) internal returns (bool) {
        if (registryAccepted && !modelAccepts) ++unauthorisedSuccesses;
        if (!registryAccepted && modelAccepts) ++authorisedFailures;
        if (registryAccepted && modelAccepts) ++accepted[msg.sig];
        if (!registryAccepted && !modelAccepts) ++refused[msg.sig];
        return modelAccepts == registryAccepted;
    }

    function _submit(SignedAnchor memory s, bool allowed) internal {
        try registry.anchorWithSig(s.issuer, s.root, s.leafCount, DEGREE, "", s.signer, s.deadline, s.signature) {
            ++ghostNonce[s.signer];
            _lastSigned = s;
            if (_watched(s.issuer) && _expect(allowed, true)) _ghostAnchor(s.root, s.leafCount, DEGREE);
        } catch {
            if (_watched(s.issuer)) _expect(allowed, false);
        }
    }

    function _setOperator(uint256 actor, uint256 operator, uint48 expiresAt, uint8 rights) internal {
        vm.prank(_actors[actor]);
        registry.setOperator(_actors[operator], expiresAt, rights);
        if (actor == ISSUER) {
            ghostExpiry[_actors[operator]] = expiresAt;
            ghostRights[_actors[operator]] = rights;
        }
    }

    function _ghostAnchor(bytes32 root, uint32 leafCount, bytes20 credentialType) internal {
        _ghostBatches[root] = ICredentialRegistry.Batch({
            anchoredAt: uint48(block.timestamp),
            leafCount: leafCount,
            revoked: false,
            credentialType: credentialType
        });
    }

    function _ghostApply(uint8 op, bytes32 root, uint256 word, uint256 mask) internal {
        if (op % 3 == 0) ghostRevoked[root][word] |= mask;
        else if (op % 3 == 1) ghostSuspended[root][word] |= mask;
        else ghostSuspended[root][word] &= ~mask;
    }

    function _validAnchor(bytes32 root, uint32 leafCount, bytes20 credentialType) internal view returns (bool) {
        return root != bytes32(0) && leafCount != 0 && credentialType != bytes20(0)
            && _ghostBatches[root].anchoredAt == 0;
    }

    /// @dev Mostly the watched issuer, sometimes another actor (whose state the model ignores).
    function _target(uint256 seed) internal view returns (address) {
        return seed % 4 == 0 ? _actors[(seed >> 8) % ACTORS] : _actors[ISSUER];
    }

    /// @dev One of the shared keys, or (one time in sixteen) key 0.
    function _keyOf(uint256 seed) internal view returns (bytes32) {
        return seed % 16 == 15 ? bytes32(0) : _signingKeys[seed % KEYS];
    }

    function _watched(address issuer) internal view returns (bool) {
        return issuer == _actors[ISSUER];
    }

    /// @dev One of the roots (or, rarely, the zero root), a leaf count of 0 to 700, and a type.
    function _batchInput(uint256 rootSeed, uint256 leafCount, bool zeroType)
        internal
        view
        returns (bytes32 root, uint32 count, bytes20 credentialType)
    {
        root = rootSeed % 16 == 15 ? bytes32(0) : _roots[rootSeed % ROOTS];
        count = uint32(leafCount % 701);
        credentialType = zeroType && leafCount % 8 == 0 ? bytes20(0) : DEGREE;
    }

    /// @dev Dense, sparse, single-bit or (rarely) empty masks.
    function _shapeMask(uint256 seed) internal pure returns (uint256) {
        uint256 shape = seed % 8;
        if (shape == 0) return 0;
        if (shape < 4) return 1 << (seed >> 8) % 256;
        if (shape < 6) return uint256(keccak256(abi.encode(seed))) & uint256(keccak256(abi.encode(seed, 1)));
        return uint256(keccak256(abi.encode(seed)));
    }

    function _inRange(ICredentialRegistry.StatusWord memory w, uint256 leafCount) internal pure returns (bool) {
        if (w.mask == 0 || w.word * 256 >= leafCount) return false;
        uint256 used = leafCount - w.word * 256;
        return used >= 256 || w.mask >> used == 0;
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }
}

/// @notice Invariant: no address but the issuer, or its live operators within their rights, ever
/// changes the issuer's batches, anchors, bits, operators or nonces, and no address but the issuer
/// itself ever changes its signing keys; the registry always equals a ghost model that takes in
/// only the calls its own authority rule allows. A retirement never moves later.
contract CredentialRegistryInvariantTest is Test {
    CredentialRegistryHandler internal handler;

    function setUp() public {
        vm.warp(1_800_000_000); // a realistic clock, so "in the past" never underflows
        CredentialRegistry registry = new CredentialRegistry(new AccreditationRegistry(1 days, address(this)));
        handler = new CredentialRegistryHandler(registry);
        targetContract(address(handler));
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_onlyTheIssuerAndLiveOperatorsWithTheRightChangeItsState() public view {
        assertEq(handler.unauthorisedSuccesses(), 0, "calls the model refused were accepted");
        handler.assertRegistryMatchesModel();
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_authorisedValidCallsSucceed() public view {
        assertEq(handler.authorisedFailures(), 0, "calls the model allowed were refused");
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_aKeyRetirementNeverMovesLater() public view {
        assertEq(handler.retirementsMovedLater(), 0, "a retirement moved later");
    }
}
