//! Where a vote is counted: choices, the tally of a proposal, and the
//! arithmetic of its outcome (quorum, thresholds, settled early).

use super::*;

/// A member's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Choice {
    /// For.
    Yes,
    /// Against.
    No,
    /// Takes part (counts for the quorum) without taking a side.
    Abstain,
}

/// The votes cast on a proposal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Tally {
    /// Yes votes.
    pub yes: u32,
    /// No votes.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
}

impl Tally {
    /// Everyone who voted.
    pub fn turnout(&self) -> u64 {
        u64::from(self.yes)
            .saturating_add(u64::from(self.no))
            .saturating_add(u64::from(self.abstain))
    }

    /// Whether nobody has voted.
    pub fn is_empty(&self) -> bool {
        self.turnout() == 0
    }

    fn slot(&mut self, choice: Choice) -> &mut u32 {
        match choice {
            Choice::Yes => &mut self.yes,
            Choice::No => &mut self.no,
            Choice::Abstain => &mut self.abstain,
        }
    }

    /// Counts one vote; `None` on overflow.
    pub fn add(&mut self, choice: Choice) -> Option<()> {
        let slot = self.slot(choice);
        *slot = slot.checked_add(1)?;
        Some(())
    }

    /// Takes one vote back (a changed vote); `None` if there is none to take.
    pub fn remove(&mut self, choice: Choice) -> Option<()> {
        let slot = self.slot(choice);
        *slot = slot.checked_sub(1)?;
        Some(())
    }

    /// Whether the tally passes: turnout reaches the quorum of the
    /// electorate, there is at least one yes, and yes meets the threshold.
    pub fn passes(&self, quorum: Fraction, threshold: Threshold, electorate: u32) -> bool {
        self.yes > 0
            && quorum.reached_by(self.turnout(), u64::from(electorate), false)
            && threshold.met(self.yes, self.no)
    }

    /// The outcome if it can no longer change, whatever the members who have
    /// not voted yet do: `Some(true)` if it passes even if all of them vote
    /// no, `Some(false)` if it fails even if all of them vote yes, `None`
    /// while the remaining votes could still decide it.
    ///
    /// Only meaningful when votes cannot be changed. All-no is the worst case
    /// for a tally that already meets the quorum (adding no only lowers the
    /// yes share), and all-yes the best case for any tally.
    pub fn settled(&self, quorum: Fraction, threshold: Threshold, electorate: u32) -> Option<bool> {
        let remaining =
            u32::try_from(u64::from(electorate).saturating_sub(self.turnout())).unwrap_or(0);
        let all_no = Tally {
            no: self.no.saturating_add(remaining),
            ..*self
        };
        let all_yes = Tally {
            yes: self.yes.saturating_add(remaining),
            ..*self
        };
        if self.passes(quorum, threshold, electorate)
            && all_no.passes(quorum, threshold, electorate)
        {
            Some(true)
        } else if !all_yes.passes(quorum, threshold, electorate) {
            Some(false)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HALF: Fraction = Fraction { num: 1, den: 2 };
    const ORDINARY: Threshold = Threshold {
        fraction: HALF,
        strict: true,
    };
    const TWO_THIRDS: Threshold = Threshold {
        fraction: Fraction { num: 2, den: 3 },
        strict: false,
    };
    const NO_QUORUM: Fraction = Fraction { num: 0, den: 1 };

    fn t(yes: u32, no: u32, abstain: u32) -> Tally {
        Tally { yes, no, abstain }
    }

    #[test]
    fn ordinary_needs_strictly_more_yes_than_no() {
        assert!(t(2, 1, 0).passes(NO_QUORUM, ORDINARY, 3));
        assert!(!t(1, 1, 0).passes(NO_QUORUM, ORDINARY, 3), "a tie fails");
        assert!(!t(1, 2, 0).passes(NO_QUORUM, ORDINARY, 3));
        assert!(
            t(1, 0, 5).passes(NO_QUORUM, ORDINARY, 6),
            "abstentions take no side"
        );
    }

    #[test]
    fn special_is_an_exact_two_thirds_of_yes_and_no() {
        // yes·3 ≥ 2·(yes+no), at the boundary and either side of it.
        assert!(t(2, 1, 0).passes(NO_QUORUM, TWO_THIRDS, 3));
        assert!(t(200, 100, 0).passes(NO_QUORUM, TWO_THIRDS, 300));
        assert!(!t(199, 100, 0).passes(NO_QUORUM, TWO_THIRDS, 300));
        assert!(t(201, 100, 0).passes(NO_QUORUM, TWO_THIRDS, 300));
        // 666/1000 is below two thirds; per-mille rounding would pass it.
        assert!(!t(666, 334, 0).passes(NO_QUORUM, TWO_THIRDS, 1000));
        assert!(t(667, 333, 0).passes(NO_QUORUM, TWO_THIRDS, 1000));
    }

    #[test]
    fn nothing_passes_without_a_yes() {
        assert!(!t(0, 0, 0).passes(NO_QUORUM, ORDINARY, 3));
        assert!(
            !t(0, 0, 3).passes(NO_QUORUM, TWO_THIRDS, 3),
            "all-abstain fails a special decision"
        );
        assert!(!t(0, 0, 3).passes(HALF, ORDINARY, 3));
        let anything = Threshold {
            fraction: NO_QUORUM,
            strict: false,
        };
        assert!(!t(0, 0, 1).passes(NO_QUORUM, anything, 1));
    }

    #[test]
    fn quorum_counts_everyone_who_voted_against_the_electorate() {
        // Half of 10 must take part: 5 is enough, 4 is not.
        assert!(t(3, 1, 1).passes(HALF, ORDINARY, 10));
        assert!(!t(3, 1, 0).passes(HALF, ORDINARY, 10));
        // An odd electorate: half of 7 is 3.5, so 4 are needed.
        assert!(!t(3, 0, 0).passes(HALF, ORDINARY, 7));
        assert!(t(4, 0, 0).passes(HALF, ORDINARY, 7));
        let all = Fraction { num: 1, den: 1 };
        assert!(!t(9, 0, 0).passes(all, ORDINARY, 10));
        assert!(t(9, 0, 1).passes(all, ORDINARY, 10));
    }

    #[test]
    fn large_counts_do_not_overflow() {
        let max = u32::MAX;
        assert!(t(max, max - 1, 0).passes(HALF, ORDINARY, max));
        assert!(!t(max - 1, max, 0).passes(HALF, ORDINARY, max));
        assert!(t(max, 0, max).passes(HALF, TWO_THIRDS, max));
    }

    #[test]
    fn a_settled_outcome_is_one_no_remaining_vote_can_change() {
        // 5 voters, half quorum, more yes than no.
        assert_eq!(
            t(3, 0, 0).settled(HALF, ORDINARY, 5),
            Some(true),
            "3 yes of 5: 2 no cannot beat it"
        );
        assert_eq!(
            t(2, 0, 0).settled(HALF, ORDINARY, 5),
            None,
            "2 yes, 3 could still vote no"
        );
        assert_eq!(
            t(0, 3, 0).settled(HALF, ORDINARY, 5),
            Some(false),
            "2 yes cannot beat 3 no"
        );
        assert_eq!(
            t(1, 2, 0).settled(HALF, ORDINARY, 5),
            None,
            "2 more yes would make 3 to 2"
        );
        // Quorum not met yet: not settled as passing, though the tally is all yes.
        assert_eq!(t(1, 0, 0).settled(HALF, ORDINARY, 5), None);
        // Everyone voted: the tally is final.
        assert_eq!(t(2, 2, 1).settled(HALF, ORDINARY, 5), Some(false));
        assert_eq!(t(3, 2, 0).settled(HALF, ORDINARY, 5), Some(true));
        // All abstained on a special decision: no yes can come, it has failed.
        assert_eq!(t(0, 0, 3).settled(HALF, TWO_THIRDS, 3), Some(false));
    }

    #[test]
    fn settled_agrees_with_every_way_the_rest_could_vote() {
        // Exhaustive over small coops: if `settled` says an outcome, every
        // split of the remaining voters into yes/no/abstain/absent gives it.
        let quorums = [HALF, Fraction { num: 2, den: 3 }, NO_QUORUM];
        for electorate in 1..=6u32 {
            for yes in 0..=electorate {
                for no in 0..=electorate - yes {
                    for abstain in 0..=electorate - yes - no {
                        let now = t(yes, no, abstain);
                        let left = electorate - yes - no - abstain;
                        for q in quorums {
                            for th in [ORDINARY, TWO_THIRDS] {
                                let Some(outcome) = now.settled(q, th, electorate) else {
                                    continue;
                                };
                                for y in 0..=left {
                                    for n in 0..=left - y {
                                        for a in 0..=left - y - n {
                                            let after = t(yes + y, no + n, abstain + a);
                                            assert_eq!(
                                                after.passes(q, th, electorate),
                                                outcome,
                                                "{now:?} -> {after:?} of {electorate}"
                                            );
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_tally_counts_and_uncounts_votes() {
        let mut tally = Tally::default();
        assert!(tally.is_empty());
        tally.add(Choice::Yes).unwrap();
        tally.add(Choice::Abstain).unwrap();
        assert_eq!(tally, t(1, 0, 1));
        tally.remove(Choice::Yes).unwrap();
        tally.add(Choice::No).unwrap();
        assert_eq!(tally, t(0, 1, 1));
        assert_eq!(tally.remove(Choice::Yes), None, "no yes to take back");
        let mut full = t(u32::MAX, 0, 0);
        assert_eq!(full.add(Choice::Yes), None);
    }
}
