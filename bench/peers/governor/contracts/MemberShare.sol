// SPDX-License-Identifier: MIT
// Bench-only peer for coop issue #16: one non-transferable membership share
// per member, carrying one vote. Built on OpenZeppelin Contracts 5.x by import.
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ERC721Votes} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Votes.sol";

contract MemberShare is ERC721, EIP712, ERC721Votes {
    /// The only account allowed to mint shares, fixed at deployment.
    address public immutable minter;
    /// Id the next minted share gets.
    uint256 public nextId;

    error NotMinter(address caller);
    error NonTransferable(uint256 tokenId);
    error AlreadyMember(address account);

    constructor(address minter_) ERC721("Coop Member Share", "SHARE") EIP712("MemberShare", "1") {
        minter = minter_;
    }

    /// Mints one share to `to` and self-delegates its vote, so the member can
    /// vote on any proposal whose snapshot is at or after this block without a
    /// separate `delegate` transaction. One share per member.
    function mint(address to) external returns (uint256 tokenId) {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        if (balanceOf(to) != 0) revert AlreadyMember(to);
        tokenId = nextId++;
        _mint(to, tokenId);
        _delegate(to, to);
    }

    /// Shares move only on mint (from == 0) and burn (to == 0).
    function _update(address to, uint256 tokenId, address auth)
        internal
        override(ERC721, ERC721Votes)
        returns (address)
    {
        address from = _ownerOf(tokenId);
        if (from != address(0) && to != address(0)) revert NonTransferable(tokenId);
        return super._update(to, tokenId, auth);
    }

    function _increaseBalance(address account, uint128 amount) internal override(ERC721, ERC721Votes) {
        super._increaseBalance(account, amount);
    }
}
