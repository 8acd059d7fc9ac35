//! Random coop histories: a seeded generator of operations over small
//! domains (a handful of keys, the proposals made so far and one beyond,
//! share numbers up to one past the last), and the model's prediction of
//! each. The node run and the in-process run share them, so both try the
//! same kinds of history.

use crate::{Coop as Model, Refused};
use coop_shared::governance::{Action, Choice, Fraction, Rules, Status};
use coop_shared::{AccountId, Balance, ErrorInfo as _};

/// One unit of a 12-decimal token.
pub const UNIT: Balance = 1_000_000_000_000;

/// A small, seeded generator (xorshift64*): reproducible, no dependency.
pub struct Dice(pub u64);

impl Dice {
    /// A number in `0..n` (0 for `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from(x % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    /// One of `items`, which must not be empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The model's answer: a value's debug form, or the refusal's name (the
/// form both runners compare).
pub fn expected<T: std::fmt::Debug>(result: Result<T, Refused>) -> Result<String, String> {
    result.map(|v| format!("{v:?}")).map_err(|e| match e {
        Refused::Gov(e) => e.name().to_string(),
        Refused::Reg(e) => e.name().to_string(),
    })
}

/// One operation, as generated.
#[derive(Debug, Clone)]
/// Keys are indices into the run's keys.
pub enum Op {
    /// `propose(action)` by a key.
    Propose(usize, Action),
    /// `vote(id, choice)` by a key.
    Vote(usize, u32, Choice),
    /// `withdraw(id)` by a key.
    Withdraw(usize, u32),
    /// `execute(id)` by anyone.
    Execute(u32),
    /// `accept(id)` by a key, sending an amount (the share price, or not).
    Accept(usize, u32, Balance),
    /// `prune(ids)` by a key.
    Prune(usize, Vec<u32>),
    /// `deposit` of an amount by a key.
    Deposit(usize, Balance),
    /// `resign` by a key.
    Resign(usize),
    /// `move_share` by a key to another key.
    MoveShare(usize, usize),
    /// `reactivate` by a key.
    Reactivate(usize),
    /// `release` by a key.
    Release(usize),
    /// `appoint(proxy, proposal)` by a key: a share number, for one
    /// proposal or all.
    Appoint(usize, u32, Option<u32>),
    /// `revoke()` by a key.
    Revoke(usize),
    /// `vote_for(id, choice, share)` by a key, as a proxy.
    VoteFor(usize, u32, Choice, u32),
    /// Blocks pass.
    Advance(u32),
}

/// The rules the random coops are founded with: periods long enough that
/// proposals live through several operations, and a member share price
/// (a rule change may drop it to 0 or set it again).
pub fn rules() -> Rules {
    Rules {
        voting_period: 16,
        execution_window: 16,
        acceptance_window: 16,
        dormancy_period: 40,
        max_open_per_member: 2,
        share_price: UNIT,
        ..Rules::default()
    }
}

/// One operation, leaning towards ones that can succeed (members vote on
/// open proposals, offers are accepted by the keys they name) so that
/// histories go somewhere, while anything may still be tried by anyone.
pub fn generate(dice: &mut Dice, keys: &[AccountId], model: &Model) -> Op {
    let member_keys: Vec<usize> = (0..keys.len())
        .filter(|k| model.share_of(&keys[*k]).is_some())
        .collect();
    let key = if !member_keys.is_empty() && dice.below(4) != 0 {
        *dice.pick(&member_keys)
    } else {
        dice.below(keys.len())
    };
    let open: Vec<u32> = model
        .proposals
        .iter()
        .filter(|(_, p)| p.state.status == Status::Open)
        .map(|(id, _)| *id)
        .collect();
    let any_id =
        u32::try_from(dice.below(usize::try_from(model.next_id()).unwrap_or(0) + 1)).unwrap_or(0);
    let id = if !open.is_empty() && dice.below(4) != 0 {
        *dice.pick(&open)
    } else {
        any_id
    };
    let share =
        u32::try_from(dice.below(usize::try_from(model.next_share).unwrap_or(0) + 1)).unwrap_or(0);
    let outsider = (0..keys.len())
        .filter(|k| model.share_of(&keys[*k]).is_none())
        .map(|k| keys[k])
        .next()
        .unwrap_or(keys[dice.below(keys.len())]);
    let choice = *dice.pick(&[Choice::Yes, Choice::Yes, Choice::No, Choice::Abstain]);
    match dice.below(44) {
        0..=5 => {
            let action = match dice.below(14) {
                0 | 1 => Action::Resolution,
                2 | 9 => Action::Payment {
                    to: keys[dice.below(keys.len())],
                    // Up to 7: beyond the free funds (6 of 10), into capital.
                    amount: UNIT * u128::try_from(dice.below(8)).unwrap_or(0),
                },
                3..=5 | 10..=12 => {
                    let mut accounts = vec![outsider];
                    if dice.below(3) == 0 {
                        accounts.push(keys[dice.below(keys.len())]);
                    }
                    Action::Admit(accounts)
                }
                6 => Action::Expel(share),
                7 => Action::RotateKey {
                    share,
                    new: keys[dice.below(keys.len())],
                },
                8 => Action::Suspend(vec![share]),
                _ => Action::ChangeRules(Rules {
                    vote_change: dice.below(2) == 0,
                    quorum: Fraction {
                        num: u32::try_from(dice.below(3)).unwrap_or(0),
                        den: 4,
                    },
                    share_price: UNIT * u128::try_from(dice.below(2)).unwrap_or(0),
                    ..rules()
                }),
            };
            Op::Propose(key, action)
        }
        6..=21 => {
            // Mostly a member who has not voted yet, on an open proposal.
            let fresh: Vec<(usize, u32)> = open
                .iter()
                .flat_map(|id| member_keys.iter().map(move |k| (*k, *id)))
                .filter(|(k, id)| {
                    model.share_of(&keys[*k]).is_some_and(|share| {
                        !model.votes.contains_key(&(*id, share.number))
                            && share.number < model.proposals[id].state.eligible_below
                    })
                })
                .collect();
            match fresh.get(dice.below(fresh.len().max(1))) {
                Some((k, id)) if dice.below(5) != 0 => Op::Vote(*k, *id, choice),
                _ => Op::Vote(key, id, choice),
            }
        }
        22 => Op::Withdraw(key, id),
        23..=27 => Op::Execute(id),
        28..=30 => {
            // An offer, by the key it names where there is one.
            let offers: Vec<(u32, AccountId)> = model
                .proposals
                .iter()
                .filter(|(_, p)| p.state.status == Status::Executed)
                .filter_map(|(id, p)| match &p.content {
                    Some((_, _, Action::Admit(accounts))) => Some((*id, accounts[0])),
                    _ => None,
                })
                .collect();
            // Mostly the price in force; sometimes a unit more or nothing.
            let price = model.rules.share_price;
            let value = match dice.below(6) {
                0 => price + UNIT,
                1 => 0,
                _ => price,
            };
            match offers.get(dice.below(offers.len().max(1))) {
                Some((id, who)) if dice.below(4) != 0 => {
                    let k = keys.iter().position(|a| a == who).unwrap_or(key);
                    Op::Accept(k, *id, value)
                }
                _ => Op::Accept(key, any_id, value),
            }
        }
        31 => Op::Prune(key, vec![any_id]),
        32 => Op::Deposit(key, UNIT * u128::try_from(dice.below(3)).unwrap_or(0)),
        33 => match dice.below(8) {
            0 => Op::Resign(key),
            1..=3 => Op::MoveShare(key, dice.below(keys.len())),
            4 | 5 => Op::Reactivate(key),
            _ => Op::Release(key),
        },
        38 | 39 => Op::Appoint(key, share, (dice.below(2) == 0).then_some(id)),
        40 => Op::Revoke(key),
        41 | 42 => {
            // Mostly a proxy voting for a share that appointed it.
            let appointed: Vec<(usize, u32)> = model
                .appointments
                .iter()
                .filter_map(|(member, (proxy, _))| {
                    let holder = model.share(*proxy)?.holder;
                    Some((keys.iter().position(|k| *k == holder)?, *member))
                })
                .collect();
            match appointed.get(dice.below(appointed.len().max(1))) {
                Some((k, member)) if dice.below(4) != 0 => Op::VoteFor(*k, id, choice, *member),
                _ => Op::VoteFor(key, id, choice, share),
            }
        }
        _ => Op::Advance(u32::try_from(1 + dice.below(8)).unwrap_or(1)),
    }
}

/// The model's answer to `op` at block `now`, on a copy.
pub fn predict(
    model: &Model,
    op: &Op,
    keys: &[AccountId],
    now: u32,
) -> (Model, Result<String, String>) {
    let mut m = model.clone();
    let out = match op {
        Op::Propose(k, action) => expected(m.propose(keys[*k], now, "random", "", action.clone())),
        Op::Vote(k, id, choice) => expected(m.vote(keys[*k], now, *id, *choice)),
        Op::Withdraw(k, id) => expected(m.withdraw(keys[*k], now, *id)),
        Op::Execute(id) => expected(m.execute(now, *id)),
        Op::Accept(k, id, value) => expected(m.accept(keys[*k], now, *id, *value)),
        Op::Prune(k, ids) => expected(m.prune(keys[*k], now, ids)),
        Op::Deposit(_, amount) => expected(m.deposit(*amount)),
        Op::Resign(k) => expected(m.resign(keys[*k])),
        Op::MoveShare(k, to) => expected(m.move_share(keys[*k], keys[*to], now)),
        Op::Reactivate(k) => expected(m.reactivate(keys[*k], now)),
        Op::Release(k) => expected(m.release(keys[*k])),
        Op::Appoint(k, proxy, proposal) => expected(m.appoint(keys[*k], now, *proxy, *proposal)),
        Op::Revoke(k) => expected(m.revoke(keys[*k], now)),
        Op::VoteFor(k, id, choice, share) => {
            expected(m.vote_for(keys[*k], now, *id, *choice, *share))
        }
        Op::Advance(_) => Ok(String::new()),
    };
    (m, out)
}
