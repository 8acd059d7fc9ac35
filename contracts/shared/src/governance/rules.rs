//! The rules a coop decides by: exact fractions, thresholds, and the
//! rules themselves with their limits.

use super::*;

/// An exact fraction `num / den`, never rounded to per-mille.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Fraction {
    /// Numerator.
    pub num: u32,
    /// Denominator, never 0.
    pub den: u32,
}

impl Fraction {
    /// Whether `part / whole` reaches this fraction: `part·den ≥ num·whole`
    /// (or `>` when `strict`). Counts are sums of `u32`s, so they fit in 64
    /// bits and their products with a `u32` in 128: nothing can overflow.
    pub fn reached_by(&self, part: u64, whole: u64, strict: bool) -> bool {
        let lhs = u128::from(part).saturating_mul(u128::from(self.den));
        let rhs = u128::from(self.num).saturating_mul(u128::from(whole));
        if strict {
            lhs > rhs
        } else {
            lhs >= rhs
        }
    }

    /// `num ≤ den` and `den > 0`.
    pub fn is_proper(&self) -> bool {
        self.den > 0 && self.num <= self.den
    }

    /// Compares two fractions exactly: `self ≤ other`.
    pub fn at_most(&self, other: &Fraction) -> bool {
        u64::from(self.num).saturating_mul(u64::from(other.den))
            <= u64::from(other.num).saturating_mul(u64::from(self.den))
    }
}

/// A share of yes among yes+no that a decision needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Threshold {
    /// The fraction of yes+no.
    pub fraction: Fraction,
    /// `true`: yes must exceed the fraction (`1/2` strict is "more yes than
    /// no"); `false`: reaching it is enough (`2/3` is "at least two thirds").
    pub strict: bool,
}

impl Threshold {
    /// Whether `yes` meets the threshold against `yes + no`.
    pub fn met(&self, yes: u32, no: u32) -> bool {
        let (yes, no) = (u64::from(yes), u64::from(no));
        self.fraction
            .reached_by(yes, yes.saturating_add(no), self.strict)
    }
}

/// The rules a coop decides by. A proposal is judged by the rules in force
/// when it was made, whatever changes later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Rules {
    /// Blocks from a proposal to its voting deadline.
    pub voting_period: BlockNumber,
    /// Share of the electorate that must vote (yes, no or abstain).
    pub quorum: Fraction,
    /// Yes among yes+no for ordinary decisions.
    pub ordinary: Threshold,
    /// Yes among yes+no for special decisions (expulsion, rule changes).
    pub special: Threshold,
    /// Whether a member may change their vote before the deadline.
    pub vote_change: bool,
    /// Blocks after the deadline during which a passed proposal may be
    /// executed; after that it expires.
    pub execution_window: BlockNumber,
    /// Most proposals one member may have made within one voting period
    /// (open, or withdrawn before their deadline).
    pub max_open_per_member: u32,
    /// Blocks after an admission is executed during which each admitted
    /// account may accept its offer; after that the offer lapses.
    pub acceptance_window: BlockNumber,
    /// Blocks without any signed act (vote, proposal, acceptance, moving
    /// the share, reactivation) after which a share counts as dormant and
    /// may be named for suspension. At least the voting period.
    pub dormancy_period: BlockNumber,
    /// The member share's price ("par value"), in native units: what a
    /// new member pays in when accepting an offer, and what each founder's
    /// share holds from the founding funds; 0 for none. Each share keeps
    /// what it paid in and gets exactly that back when it leaves, whatever
    /// the price is then.
    pub share_price: Balance,
    /// Most appointments one member may hold at once as a proxy for
    /// others (0: no proxies; at most `MAX_PROXY_LIMIT`).
    pub proxy_limit: u32,
}

impl Default for Rules {
    /// A week of 6-second blocks to vote, half the electorate to take part,
    /// more yes than no for ordinary and two thirds for special decisions,
    /// votes final once cast, a week to execute, three open proposals each,
    /// two weeks to accept an offer, half a year of silence before a share
    /// may be suspended, no member share to pay in, and one appointment at
    /// a time per proxy.
    fn default() -> Self {
        Rules {
            voting_period: 100_800,
            quorum: Fraction { num: 1, den: 2 },
            ordinary: Threshold {
                fraction: Fraction { num: 1, den: 2 },
                strict: true,
            },
            special: Threshold {
                fraction: Fraction { num: 2, den: 3 },
                strict: false,
            },
            vote_change: false,
            execution_window: 100_800,
            max_open_per_member: 3,
            acceptance_window: 201_600,
            dormancy_period: 2_592_000,
            share_price: 0,
            proxy_limit: 1,
        }
    }
}

impl Rules {
    /// Whether the rules make sense: periods within bounds, proper fractions,
    /// no decision by a minority of yes+no (`ordinary ≥ 1/2`), special at
    /// least as demanding as ordinary, an open-proposal limit in `1..=32`,
    /// and a dormancy period no shorter than the voting period (a member
    /// named for suspension always has a whole vote to show up).
    pub fn is_valid(&self) -> bool {
        let half = Fraction { num: 1, den: 2 };
        let ordinary = self.ordinary.fraction;
        let special = self.special.fraction;
        (1..=MAX_PERIOD_BLOCKS).contains(&self.voting_period)
            && (1..=MAX_PERIOD_BLOCKS).contains(&self.execution_window)
            && (1..=MAX_PERIOD_BLOCKS).contains(&self.acceptance_window)
            && (self.voting_period..=MAX_PERIOD_BLOCKS).contains(&self.dormancy_period)
            && (1..=MAX_OPEN_LIMIT).contains(&self.max_open_per_member)
            && self.proxy_limit <= MAX_PROXY_LIMIT
            && self.quorum.is_proper()
            && ordinary.is_proper()
            && special.is_proper()
            && half.at_most(&ordinary)
            && ordinary.at_most(&special)
            // Equal fractions: special must not be the looser comparison.
            && !(special.at_most(&ordinary) && self.ordinary.strict && !self.special.strict)
    }

    /// The threshold an action needs.
    pub fn threshold_for(&self, action: &Action) -> Threshold {
        if action.is_special() {
            self.special
        } else {
            self.ordinary
        }
    }
}

/// The least the rules may ever ask, fixed when the coop is founded and
/// changed by no proposal: part of its constitution. A majority that holds
/// power for a day cannot shorten votes to a block, drop the quorum to
/// nothing and pay itself the treasury in the same hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Floors {
    /// The shortest voting period, in blocks.
    pub voting_period: BlockNumber,
    /// The smallest quorum.
    pub quorum: Fraction,
    /// The shortest execution window, in blocks.
    pub execution_window: BlockNumber,
}

impl Default for Floors {
    /// For a real coop: votes and execution windows of at least a day of
    /// 6-second blocks, and at least a quarter of the electorate taking part.
    fn default() -> Self {
        Floors {
            voting_period: 14_400,
            quorum: Fraction { num: 1, den: 4 },
            execution_window: 14_400,
        }
    }
}

impl Floors {
    /// The lowest floors there are (one block, no quorum): for local demos
    /// and tests, never for a coop whose votes matter.
    pub fn lowest() -> Floors {
        Floors {
            voting_period: 1,
            quorum: Fraction { num: 0, den: 1 },
            execution_window: 1,
        }
    }

    /// Whether the floors can be met at all: periods within bounds and a
    /// proper fraction.
    pub fn is_valid(&self) -> bool {
        (1..=MAX_PERIOD_BLOCKS).contains(&self.voting_period)
            && (1..=MAX_PERIOD_BLOCKS).contains(&self.execution_window)
            && self.quorum.is_proper()
    }

    /// Checks `rules` against these floors, naming the first rule that is
    /// wrong.
    ///
    /// # Errors
    /// `SpecialBelowOrdinary` if special decisions would be easier than
    /// ordinary ones; `InvalidRules` for rules that make no sense at all;
    /// `VotingPeriodBelowFloor`, `QuorumBelowFloor`,
    /// `ExecutionWindowBelowFloor` for a rule below its floor.
    pub fn check(&self, rules: &Rules) -> Result<()> {
        let weaker = |a: &Threshold, b: &Threshold| {
            // `a` asks less than `b`: a smaller fraction, or the same one
            // reached without being exceeded where `b` must be exceeded.
            !b.fraction.at_most(&a.fraction)
                || (a.fraction.at_most(&b.fraction) && b.strict && !a.strict)
        };
        if rules.special.fraction.is_proper()
            && rules.ordinary.fraction.is_proper()
            && weaker(&rules.special, &rules.ordinary)
        {
            return Err(Error::SpecialBelowOrdinary);
        }
        if !rules.is_valid() {
            return Err(Error::InvalidRules);
        }
        if rules.voting_period < self.voting_period {
            return Err(Error::VotingPeriodBelowFloor);
        }
        if !self.quorum.at_most(&rules.quorum) {
            return Err(Error::QuorumBelowFloor);
        }
        if rules.execution_window < self.execution_window {
            return Err(Error::ExecutionWindowBelowFloor);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_are_valid_and_bad_rules_are_not() {
        let good = Rules::default();
        assert!(good.is_valid());
        let bad = [
            Rules {
                voting_period: 0,
                ..good
            },
            Rules {
                voting_period: MAX_PERIOD_BLOCKS + 1,
                ..good
            },
            Rules {
                execution_window: 0,
                ..good
            },
            Rules {
                max_open_per_member: 0,
                ..good
            },
            Rules {
                max_open_per_member: MAX_OPEN_LIMIT + 1,
                ..good
            },
            Rules {
                acceptance_window: 0,
                ..good
            },
            Rules {
                dormancy_period: good.voting_period - 1,
                ..good
            },
            Rules {
                quorum: Fraction { num: 3, den: 2 },
                ..good
            },
            Rules {
                quorum: Fraction { num: 0, den: 0 },
                ..good
            },
            // A minority of yes+no must not decide.
            Rules {
                ordinary: Threshold {
                    fraction: Fraction { num: 1, den: 3 },
                    strict: true,
                },
                ..good
            },
            // Special must be at least as demanding as ordinary.
            Rules {
                special: Threshold {
                    fraction: Fraction { num: 1, den: 2 },
                    strict: false,
                },
                ..good
            },
            Rules {
                special: Threshold {
                    fraction: Fraction { num: 4, den: 3 },
                    strict: false,
                },
                ..good
            },
        ];
        for rules in bad {
            assert!(!rules.is_valid(), "{rules:?}");
        }
        let unanimous = Rules {
            special: Threshold {
                fraction: Fraction { num: 1, den: 1 },
                strict: false,
            },
            quorum: Fraction { num: 0, den: 1 },
            ..good
        };
        assert!(unanimous.is_valid());
        let same_as_ordinary = Rules {
            special: good.ordinary,
            ..good
        };
        assert!(same_as_ordinary.is_valid());
    }

    #[test]
    fn floors_name_the_rule_below_them() {
        let floors = Floors::default();
        let good = Rules::default();
        assert!(floors.is_valid());
        assert_eq!(floors.check(&good), Ok(()));
        let cases = [
            (
                Rules {
                    voting_period: 14_399,
                    ..good
                },
                Error::VotingPeriodBelowFloor,
            ),
            (
                Rules {
                    quorum: Fraction { num: 24, den: 100 },
                    ..good
                },
                Error::QuorumBelowFloor,
            ),
            (
                Rules {
                    execution_window: 1,
                    ..good
                },
                Error::ExecutionWindowBelowFloor,
            ),
            (
                Rules {
                    special: Threshold {
                        fraction: Fraction { num: 1, den: 2 },
                        strict: false,
                    },
                    ..good
                },
                Error::SpecialBelowOrdinary,
            ),
            (
                Rules {
                    voting_period: 0,
                    ..good
                },
                Error::InvalidRules,
            ),
        ];
        for (rules, error) in cases {
            assert_eq!(floors.check(&rules), Err(error), "{rules:?}");
        }
        // At the floors exactly is fine; so is special equal to ordinary.
        let at = Rules {
            voting_period: 14_400,
            quorum: Fraction { num: 1, den: 4 },
            execution_window: 14_400,
            special: good.ordinary,
            ..good
        };
        assert_eq!(floors.check(&at), Ok(()));
        assert!(Floors::lowest().is_valid());
        assert!(!Floors {
            voting_period: 0,
            ..Floors::lowest()
        }
        .is_valid());
    }
}
