// SPDX-License-Identifier: MIT
// Bench-only peer for coop issue #16: a plain OpenZeppelin Governor over the
// MemberShare votes token, no timelock. Block-number clock (from the token).
pragma solidity ^0.8.24;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

contract CoopGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction
{
    /// votingDelay 0 blocks, votingPeriod 20 blocks, proposalThreshold 0, quorum 50 %.
    constructor(IVotes token)
        Governor("CoopGovernor")
        GovernorSettings(0, 20, 0)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(50)
    {}

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }
}
