//! Proposals: what they would do, their state and status, and why an
//! action can fail.

use super::*;

/// What a proposal does if it passes.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Action {
    /// Offer membership to these accounts (1 to `MAX_ADMISSIONS`, none a
    /// member, none twice). Each becomes a member only by accepting its
    /// offer, signed by its own key, within the acceptance window.
    Admit(Vec<AccountId>),
    /// Expel the share with this number (a special decision).
    Expel(ShareId),
    /// Move a share to a new key, keeping number and seniority: for a
    /// member whose key is lost (a special decision).
    RotateKey {
        /// The share.
        share: ShareId,
        /// The key that will hold it.
        new: AccountId,
    },
    /// Suspend these dormant shares (1 to `MAX_ADMISSIONS`; a special
    /// decision whose electorate leaves them out).
    Suspend(Vec<ShareId>),
    /// A recorded decision with no on-chain effect; its title and text say what.
    Resolution,
    /// Pay from the treasury (the governance contract's balance).
    Payment {
        /// Who receives it.
        to: AccountId,
        /// How much, in the chain's smallest unit.
        amount: Balance,
    },
    /// Replace the rules for proposals made from then on (a special decision).
    ChangeRules(Rules),
}

impl Action {
    /// Expulsions, moving another member's share, suspensions and rule
    /// changes need the special threshold: a bare majority must not be able
    /// to take or silence a member's share (a member moves their own share
    /// alone, with no vote).
    pub fn is_special(&self) -> bool {
        matches!(
            self,
            Action::Expel(_)
                | Action::RotateKey { .. }
                | Action::Suspend(_)
                | Action::ChangeRules(_)
        )
    }

    /// Checks what can be checked without reading any storage.
    pub fn check(&self) -> Result<()> {
        match self {
            Action::Admit(accounts) => {
                bounded(accounts.len(), Error::NoAccounts, Error::TooManyAccounts)?;
                if has_duplicates(accounts) {
                    Err(Error::DuplicateAccount)
                } else {
                    Ok(())
                }
            }
            Action::Suspend(shares) => {
                bounded(shares.len(), Error::NoShares, Error::TooManyShares)?;
                if has_duplicates(shares) {
                    Err(Error::DuplicateShare)
                } else {
                    Ok(())
                }
            }
            Action::Payment { amount: 0, .. } => Err(Error::ZeroAmount),
            Action::ChangeRules(rules) if !rules.is_valid() => Err(Error::InvalidRules),
            _ => Ok(()),
        }
    }

    /// The position of `account` among an admission's accounts.
    pub fn offer_index(&self, account: &AccountId) -> Option<usize> {
        match self {
            Action::Admit(accounts) => accounts.iter().position(|a| a == account),
            _ => None,
        }
    }
}

/// `Ok` if a list of `len` is within `1..=MAX_ADMISSIONS`.
fn bounded(len: usize, empty: Error, over: Error) -> Result<()> {
    let count = u32::try_from(len).map_err(|_| over)?;
    if count == 0 {
        Err(empty)
    } else if count > MAX_ADMISSIONS {
        Err(over)
    } else {
        Ok(())
    }
}

/// Whether a short list names an item twice.
fn has_duplicates<T: PartialEq>(items: &[T]) -> bool {
    items
        .iter()
        .enumerate()
        .any(|(i, item)| items[..i].contains(item))
}

/// Why an executed action had no effect. The proposal is marked failed with
/// it and nothing of the action is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub enum FailureReason {
    /// The register refused the change (e.g. the account is already a member,
    /// or is the last member).
    Register(membership::Error),
    /// The treasury holds less than the payment (what keeps the account
    /// alive is not part of the treasury).
    InsufficientTreasury,
    /// The chain refused the transfer (e.g. below the recipient's existential deposit).
    TransferFailed,
    /// The payee's account is unknown to the chain (pallet-revive): it has
    /// never held funds, so the pallet cannot tell its address belongs to
    /// it, and a transfer would reach an account its key does not control.
    UnknownPayee,
    /// A share named for suspension voted or proposed after the
    /// suspension was proposed: a member who takes part is never suspended.
    NotDormant,
    /// The payment would take the treasury below the members' capital,
    /// which is held for paying back leaving members and is not the coop's
    /// to spend.
    TouchesCapital,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Status {
    /// Voting, or waiting to be executed after its deadline.
    Open,
    /// Withdrawn by its proposer before anyone voted.
    Withdrawn,
    /// Did not pass (quorum or threshold not reached).
    Rejected,
    /// Passed and its action was applied.
    Executed,
    /// Passed, but its action failed and was not applied.
    Failed(FailureReason),
    /// Passed, but nobody executed it within the execution window.
    Expired,
}

/// The small, often-read part of a proposal (votes read and write only this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct ProposalState {
    /// The proposer's share number (so a key rotation keeps their rights).
    pub proposer: ShareId,
    /// The block it was made at.
    pub created_at: BlockNumber,
    /// Votes are taken before this block; execution from this block on.
    pub deadline: BlockNumber,
    /// Members when it was made: the base of the quorum.
    pub electorate: u32,
    /// Only shares numbered below this may vote (the register's next share
    /// number when the proposal was made).
    pub eligible_below: ShareId,
    /// Whether the action needs the special threshold.
    pub special: bool,
    /// The rules in force when it was made; later rule changes do not apply.
    pub rules: Rules,
    /// The votes so far.
    pub tally: Tally,
    /// Where it stands.
    pub status: Status,
    /// The block it was closed at (0 while open); an admission's offers
    /// may be accepted until `closed_at + rules.acceptance_window`.
    pub closed_at: BlockNumber,
    /// Which of an admission's offers were accepted: bit `i` for the
    /// `i`-th account named.
    pub offers_taken: u16,
}

impl ProposalState {
    /// The threshold this proposal is judged by.
    pub fn threshold(&self) -> Threshold {
        if self.special {
            self.rules.special
        } else {
            self.rules.ordinary
        }
    }

    /// Whether the current tally passes under the proposal's own rules.
    pub fn passes(&self) -> bool {
        self.tally
            .passes(self.rules.quorum, self.threshold(), self.electorate)
    }

    /// The outcome if no remaining vote could change it and votes are final;
    /// `None` otherwise (see [`Tally::settled`]).
    pub fn settled_early(&self) -> Option<bool> {
        if self.rules.vote_change {
            return None;
        }
        self.tally
            .settled(self.rules.quorum, self.threshold(), self.electorate)
    }

    /// The last block a vote on it can land in: votes are taken before the
    /// deadline block.
    pub fn last_vote_block(&self) -> BlockNumber {
        self.deadline.saturating_sub(1)
    }

    /// The last block at which a passed proposal may still be executed.
    pub fn execution_deadline(&self) -> BlockNumber {
        self.deadline.saturating_add(self.rules.execution_window)
    }

    /// The last block at which an executed admission's offers may be
    /// accepted.
    pub fn acceptance_deadline(&self) -> BlockNumber {
        self.closed_at.saturating_add(self.rules.acceptance_window)
    }

    /// Whether the offer to the `index`-th admitted account was accepted.
    pub fn offer_taken(&self, index: usize) -> bool {
        index < 16 && self.offers_taken & (1 << index) != 0
    }
}

/// What a proposal says: read when it is made, executed or shown, never
/// when a vote is counted.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct ProposalContent {
    /// A short title (at most `MAX_TITLE_BYTES`).
    pub title: String,
    /// A link to, or hash of, the full text (at most `MAX_TEXT_BYTES`).
    pub text: String,
    /// What it does if it passes.
    pub action: Action,
}

/// A member's appointment of another member as proxy: for one proposal,
/// or for every proposal until revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Appointment {
    /// The proxy's share.
    pub proxy: ShareId,
    /// The one proposal it is for; `None`: every proposal.
    pub proposal: Option<ProposalId>,
}

/// A whole proposal, as the `proposal` read returns it.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct Proposal {
    /// Its number.
    pub id: ProposalId,
    /// Its state and tally.
    pub state: ProposalState,
    /// Its title, text reference and action; `None` once its proposer
    /// pruned them after it closed (its `ProposalMade` event keeps them).
    pub content: Option<ProposalContent>,
}

/// One line of the paged proposal list: everything but the action's details.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ProposalSummary {
    /// Its number.
    pub id: ProposalId,
    /// Its title; `None` once pruned.
    pub title: Option<String>,
    /// Its state and tally.
    pub state: ProposalState,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(i: u32) -> AccountId {
        let mut bytes = [0u8; 32];
        bytes[..4].copy_from_slice(&i.to_le_bytes());
        AccountId::from(bytes)
    }

    #[test]
    fn actions_are_checked_when_proposed() {
        let a = account(1);
        assert_eq!(Action::Admit(Vec::new()).check(), Err(Error::NoAccounts));
        let limit: Vec<AccountId> = (0..MAX_ADMISSIONS).map(account).collect();
        assert_eq!(Action::Admit(limit.clone()).check(), Ok(()));
        let mut over = limit;
        over.push(a);
        assert_eq!(Action::Admit(over).check(), Err(Error::TooManyAccounts));
        assert_eq!(
            Action::Admit(vec![a, account(2), a]).check(),
            Err(Error::DuplicateAccount)
        );
        assert_eq!(Action::Suspend(vec![]).check(), Err(Error::NoShares));
        assert_eq!(
            Action::Suspend((0..=MAX_ADMISSIONS).collect()).check(),
            Err(Error::TooManyShares)
        );
        assert_eq!(
            Action::Suspend(vec![3, 4, 3]).check(),
            Err(Error::DuplicateShare)
        );
        assert_eq!(Action::Suspend(vec![3, 4]).check(), Ok(()));
        assert_eq!(
            Action::Payment { to: a, amount: 0 }.check(),
            Err(Error::ZeroAmount)
        );
        let bad = Rules {
            voting_period: 0,
            ..Rules::default()
        };
        assert_eq!(Action::ChangeRules(bad).check(), Err(Error::InvalidRules));
        assert!(Action::Expel(2).is_special());
        assert!(Action::RotateKey { share: 2, new: a }.is_special());
        assert!(Action::Suspend(vec![2]).is_special());
        assert!(Action::ChangeRules(Rules::default()).is_special());
        assert!(!Action::Resolution.is_special());
        assert!(!Action::Admit(vec![a]).is_special());
        assert!(!Action::Payment { to: a, amount: 1 }.is_special());
        assert_eq!(Action::Admit(vec![account(5), a]).offer_index(&a), Some(1));
        assert_eq!(Action::Resolution.offer_index(&a), None);
    }
}
