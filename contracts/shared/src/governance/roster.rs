//! Governance's roster: what a vote needs to know of a member's share, kept
//! by governance in step with the register (every message that changes a
//! holder or a share's standing goes through governance), so a vote reads
//! one value of governance's own and never calls the register.

use super::*;

/// A held share as a vote sees it: its number, and whether and since when
/// it may vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Voter {
    /// The share's number.
    pub number: ShareId,
    /// The block it last returned from suspension (0: never suspended): it
    /// votes only on proposals made after it.
    pub reactivated_at: BlockNumber,
    /// Where it stands, as in the register: an expelled share stays on the
    /// roster (and votes nowhere) until its former holder releases it, so
    /// its storage deposit goes back to them and not to the expulsion's
    /// executor.
    pub state: membership::ShareState,
}

impl Voter {
    /// The roster's entry for the register's record of `share`.
    pub fn of(share: &membership::Share) -> Voter {
        Voter {
            number: share.number,
            reactivated_at: share.reactivated_at,
            state: share.state,
        }
    }
}
