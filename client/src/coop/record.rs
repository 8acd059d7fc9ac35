//! The full record of a coop, rebuilt from the chain's events alone, and
//! its check against the tallies the contract itself reports.
//!
//! The check recounts every proposal from its `VoteCast` events: one vote
//! per share, the last one counting where the proposal's rules allow a
//! change. The recount must equal the contract's tally, the status must
//! agree with the `ProposalClosed`/`ProposalWithdrawn` events, and every
//! proposal the contract knows must have its `ProposalMade` event.

use super::error::{Error, Result};
use super::events::{Event, Logged};
use super::view;
use crate::chain::Block;
use coop_shared::governance::{Choice, ProposalId, ProposalSummary, Status, Tally};
use coop_shared::membership::ShareId;
use coop_shared::{AccountId, Balance};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Everything needed to show and check a coop's history.
#[derive(Debug, Clone)]
pub struct Record {
    /// The governance contract (the coop's address and treasury).
    pub governance: AccountId,
    /// The share register.
    pub membership: AccountId,
    /// The chain's genesis hash.
    pub genesis: [u8; 32],
    /// The first block scanned (the deployment block).
    pub from_block: u64,
    /// The last block scanned; the contract's figures are read at it.
    pub to: Block,
    /// The coop's events in the scanned blocks, in order.
    pub events: Vec<Logged>,
    /// Every proposal as the contract reports it at `to`.
    pub contract: BTreeMap<ProposalId, ProposalSummary>,
    /// The treasury at `to`.
    pub treasury: Balance,
    /// The members' capital the contract reports holding at `to`.
    pub capital: Balance,
}

/// A way the events and the contract disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The recount of the vote events differs from the contract's tally.
    Tally {
        /// The proposal.
        id: ProposalId,
        /// Recounted from `VoteCast` events.
        events: Tally,
        /// As the contract reports it.
        contract: Tally,
    },
    /// The contract knows the proposal but no `ProposalMade` event was found.
    NoProposalEvent(ProposalId),
    /// Events name a proposal the contract does not know.
    UnknownToContract(ProposalId),
    /// A share voted twice where the proposal's rules allow no change.
    ChangedVote {
        /// The proposal.
        id: ProposalId,
        /// The share.
        share: ShareId,
    },
    /// The status the events imply differs from the contract's.
    Status {
        /// The proposal.
        id: ProposalId,
        /// From the events.
        events: String,
        /// From the contract.
        contract: String,
    },
    /// The members' capital from the events (paid in less paid back)
    /// differs from what the contract holds.
    Capital {
        /// Sum of `CapitalPaidIn` less sum of `CapitalRepaid`.
        events: Balance,
        /// As the contract reports it.
        contract: Balance,
    },
    /// The tally a `ProposalClosed` event states differs from the recount.
    ClosedTally {
        /// The proposal.
        id: ProposalId,
        /// Stated by the event.
        stated: Tally,
        /// Recounted.
        recounted: Tally,
    },
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = |t: &Tally| format!("yes {} no {} abstain {}", t.yes, t.no, t.abstain);
        match self {
            Mismatch::Tally {
                id,
                events,
                contract,
            } => write!(
                f,
                "proposal {id}: the vote events count {}, the contract reports {}",
                t(events),
                t(contract)
            ),
            Mismatch::NoProposalEvent(id) => {
                write!(f, "proposal {id}: no ProposalMade event was found")
            }
            Mismatch::UnknownToContract(id) => {
                write!(
                    f,
                    "proposal {id}: events name it, the contract does not know it"
                )
            }
            Mismatch::ChangedVote { id, share } => write!(
                f,
                "proposal {id}: share {share} voted more than once though votes cannot change"
            ),
            Mismatch::Status {
                id,
                events,
                contract,
            } => write!(
                f,
                "proposal {id}: the events say {events}, the contract says {contract}"
            ),
            Mismatch::Capital { events, contract } => write!(
                f,
                "members' capital: the events add up to {events}, the contract holds {contract}"
            ),
            Mismatch::ClosedTally {
                id,
                stated,
                recounted,
            } => write!(
                f,
                "proposal {id}: ProposalClosed states {}, the vote events count {}",
                t(stated),
                t(recounted)
            ),
        }
    }
}

/// One proposal as the events tell it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recount {
    /// The proposal.
    pub id: ProposalId,
    /// Each share's counted vote, in share order.
    pub votes: BTreeMap<ShareId, Choice>,
    /// The tally of `votes`.
    pub tally: Tally,
    /// The status the events imply.
    pub status: Option<Status>,
}

/// The outcome of [`check`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Check {
    /// Proposals checked.
    pub proposals: usize,
    /// Vote events read.
    pub votes: usize,
    /// Every disagreement; empty when the record checks out.
    pub mismatches: Vec<Mismatch>,
}

impl Check {
    /// Whether the events and the contract agree on everything.
    pub fn ok(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// Recounts every proposal from the events.
pub fn recount(events: &[Logged]) -> (BTreeMap<ProposalId, Recount>, Vec<Mismatch>) {
    let mut vote_change: BTreeMap<ProposalId, bool> = BTreeMap::new();
    // Ballots a proxy cast last: the member's own vote may replace them.
    let mut by_proxy: std::collections::BTreeSet<(ProposalId, ShareId)> =
        std::collections::BTreeSet::new();
    let mut counts: BTreeMap<ProposalId, Recount> = BTreeMap::new();
    let mut problems = Vec::new();
    let entry = |counts: &mut BTreeMap<ProposalId, Recount>, id| {
        counts.entry(id).or_insert_with(|| Recount {
            id,
            votes: BTreeMap::new(),
            tally: Tally::default(),
            status: None,
        });
    };
    for logged in events {
        match &logged.event {
            Event::ProposalMade(made) => {
                vote_change.insert(made.id, made.state.rules.vote_change);
                entry(&mut counts, made.id);
                if let Some(r) = counts.get_mut(&made.id) {
                    r.status = Some(Status::Open);
                }
            }
            Event::VoteCast(vote) => {
                entry(&mut counts, vote.id);
                if let Some(r) = counts.get_mut(&vote.id) {
                    let before = r.votes.insert(vote.share, vote.choice);
                    let may_change = vote_change.get(&vote.id).copied().unwrap_or(false);
                    let was_proxy = if vote.proxy.is_some() {
                        !by_proxy.insert((vote.id, vote.share))
                    } else {
                        by_proxy.remove(&(vote.id, vote.share))
                    };
                    // A member's own vote over a proxy's is allowed; nothing
                    // else changes a vote where the rules forbid it.
                    let own_over_proxy = was_proxy && vote.proxy.is_none();
                    if before.is_some() && !may_change && !own_over_proxy {
                        problems.push(Mismatch::ChangedVote {
                            id: vote.id,
                            share: vote.share,
                        });
                    }
                }
            }
            Event::ProposalWithdrawn(w) => {
                entry(&mut counts, w.id);
                if let Some(r) = counts.get_mut(&w.id) {
                    r.status = Some(Status::Withdrawn);
                }
            }
            Event::ProposalClosed(closed) => {
                entry(&mut counts, closed.id);
                if let Some(r) = counts.get_mut(&closed.id) {
                    r.status = Some(closed.status);
                }
            }
            _ => {}
        }
    }
    for r in counts.values_mut() {
        let mut tally = Tally::default();
        for choice in r.votes.values() {
            // A u32 per choice cannot overflow from fewer than 2^32 events.
            let _ = tally.add(*choice);
        }
        r.tally = tally;
    }
    (counts, problems)
}

/// Checks the record's events against the contract's own figures.
pub fn check(record: &Record) -> Check {
    let (counts, mut mismatches) = recount(&record.events);
    let votes = record
        .events
        .iter()
        .filter(|l| matches!(l.event, Event::VoteCast(_)))
        .count();
    let made: std::collections::BTreeSet<ProposalId> = record
        .events
        .iter()
        .filter_map(|l| match &l.event {
            Event::ProposalMade(m) => Some(m.id),
            _ => None,
        })
        .collect();
    for (id, summary) in &record.contract {
        if !made.contains(id) {
            mismatches.push(Mismatch::NoProposalEvent(*id));
        }
        let recounted = counts.get(id).map(|r| r.tally).unwrap_or_default();
        if recounted != summary.state.tally {
            mismatches.push(Mismatch::Tally {
                id: *id,
                events: recounted,
                contract: summary.state.tally,
            });
        }
        let from_events = counts.get(id).and_then(|r| r.status);
        if from_events.as_ref() != Some(&summary.state.status) {
            mismatches.push(Mismatch::Status {
                id: *id,
                events: from_events
                    .as_ref()
                    .map(view::status_text)
                    .unwrap_or_else(|| "nothing".into()),
                contract: view::status_text(&summary.state.status),
            });
        }
    }
    for id in counts.keys() {
        if !record.contract.contains_key(id) {
            mismatches.push(Mismatch::UnknownToContract(*id));
        }
    }
    for logged in &record.events {
        if let Event::ProposalClosed(closed) = &logged.event {
            let recounted = counts.get(&closed.id).map(|r| r.tally).unwrap_or_default();
            if recounted != closed.tally {
                mismatches.push(Mismatch::ClosedTally {
                    id: closed.id,
                    stated: closed.tally,
                    recounted,
                });
            }
        }
    }
    // The capital held is the sum over current shares: paid in, less paid back.
    let mut capital: Balance = 0;
    for logged in &record.events {
        match &logged.event {
            Event::CapitalPaidIn(c) => capital = capital.saturating_add(c.amount),
            Event::CapitalRepaid(c) => capital = capital.saturating_sub(c.amount),
            _ => {}
        }
    }
    if capital != record.capital {
        mismatches.push(Mismatch::Capital {
            events: capital,
            contract: record.capital,
        });
    }
    Check {
        proposals: record.contract.len(),
        votes,
        mismatches,
    }
}

impl Record {
    /// What a `TransferIn` was (see [`super::events::transfer_kind`]).
    pub fn transfer_kind(&self, logged: &Logged) -> &'static str {
        super::events::transfer_kind(&self.events, logged)
    }

    /// The record as JSON: the coop, the range scanned, every event, each
    /// proposal recounted beside the contract's figures, and the check.
    pub fn to_json(&self, check: &Check) -> Value {
        let (counts, _) = recount(&self.events);
        let events: Vec<Value> = self
            .events
            .iter()
            .map(|l| {
                let mut v = json_of(view::event(l));
                if let (Event::TransferIn(_), Value::Object(map)) = (&l.event, &mut v) {
                    map.insert("kind".into(), json!(self.transfer_kind(l)));
                }
                v
            })
            .collect();
        let proposals: Vec<Value> = self
            .contract
            .values()
            .map(|summary| {
                let recount = counts.get(&summary.id);
                let votes: Vec<Value> = recount
                    .map(|r| {
                        r.votes
                            .iter()
                            .map(|(share, c)| json!({"share": share, "choice": view::choice(*c)}))
                            .collect()
                    })
                    .unwrap_or_default();
                let recounted = recount.map(|r| r.tally).unwrap_or_default();
                let mut v = json!({
                    "id": summary.id,
                    "title": summary.title,
                    "votes": votes,
                    "tally_from_events": view::tally(&recounted),
                    "tally_contract": view::tally(&summary.state.tally),
                    "tally_matches": recounted == summary.state.tally,
                });
                if let (Value::Object(map), Value::Object(state)) =
                    (&mut v, json_of(view::proposal_state(&summary.state)))
                {
                    for (k, val) in state {
                        if k != "tally" {
                            map.insert(k, val);
                        }
                    }
                }
                v
            })
            .collect();
        json!({
            "coop": {
                "governance": view::account(&self.governance),
                "membership": view::account(&self.membership),
                "genesis_hash": format!("0x{}", hex::encode(self.genesis)),
                "treasury": view::amount(self.treasury),
                "capital": view::amount(self.capital),
            },
            "from_block": self.from_block,
            "to_block": self.to.number,
            "to_block_hash": format!("0x{}", hex::encode(self.to.hash)),
            "events": events,
            "proposals": proposals,
            "check": {
                "ok": check.ok(),
                "proposals": check.proposals,
                "votes": check.votes,
                "mismatches": check.mismatches.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
            },
        })
    }

    /// The record's events as CSV, one row per event, with the header
    /// `block,extrinsic,index,event,proposal,share,account,choice,amount,status,detail`.
    /// Amounts are in smallest units; `detail` holds what fits no column
    /// (a title, an action, a tally) as JSON.
    ///
    /// # Errors
    /// [`Error::Export`] if the CSV writer fails (it writes to memory).
    pub fn to_csv(&self) -> Result<String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        for logged in &self.events {
            let v = json_of(view::event(logged));
            let field = |key: &str| match v.get(key) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            let mut detail = serde_json::Map::new();
            if let Value::Object(map) = &v {
                for (k, val) in map {
                    let in_columns = matches!(
                        k.as_str(),
                        "block"
                            | "extrinsic"
                            | "index"
                            | "event"
                            | "proposal"
                            | "share"
                            | "account"
                            | "choice"
                            | "amount"
                            | "status"
                    );
                    if !in_columns {
                        detail.insert(k.clone(), val.clone());
                    }
                }
            }
            if let Event::TransferIn(_) = &logged.event {
                detail.insert("kind".into(), json!(self.transfer_kind(logged)));
            }
            let detail = if detail.is_empty() {
                String::new()
            } else {
                Value::Object(detail).to_string()
            };
            writer
                .serialize(CsvRow {
                    block: field("block"),
                    extrinsic: field("extrinsic"),
                    index: field("index"),
                    event: field("event"),
                    proposal: field("proposal"),
                    share: field("share"),
                    account: field("account"),
                    choice: field("choice"),
                    amount: field("amount"),
                    status: field("status"),
                    detail,
                })
                .map_err(csv_error)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| Error::Export(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| Error::Export(e.to_string()))
    }
}

/// `x` as a JSON value to add fields to. The view's forms have only
/// string keys, so serializing them cannot fail; `Null` stands in if it did.
fn json_of(x: impl serde::Serialize) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// One line of the CSV export; the field names are its header.
#[derive(Debug, serde::Serialize)]
struct CsvRow {
    block: String,
    extrinsic: String,
    index: String,
    event: String,
    proposal: String,
    share: String,
    account: String,
    choice: String,
    amount: String,
    status: String,
    detail: String,
}

fn csv_error(e: csv::Error) -> Error {
    Error::Export(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use coop_shared::governance::VoteCast;

    fn vote(id: ProposalId, share: ShareId, choice: Choice) -> Logged {
        Logged {
            block: 2,
            block_hash: [0; 32],
            index: 0,
            extrinsic: Some(1),
            event: Event::VoteCast(VoteCast {
                id,
                share,
                voter: AccountId::from([share as u8; 32]),
                choice,
                previous: None,
                tally: Tally::default(),
                proxy: None,
            }),
        }
    }

    #[test]
    fn last_vote_counts_where_changes_are_allowed() {
        let events = vec![
            vote(1, 1, Choice::Yes),
            vote(1, 2, Choice::No),
            vote(1, 1, Choice::No),
        ];
        let (counts, problems) = recount(&events);
        assert_eq!(
            counts[&1].tally,
            Tally {
                yes: 0,
                no: 2,
                abstain: 0
            }
        );
        // Without a ProposalMade saying changes are allowed, a second vote is flagged.
        assert_eq!(problems, vec![Mismatch::ChangedVote { id: 1, share: 1 }]);
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let mut made = vote(1, 1, Choice::Yes);
        made.block = 3;
        let record = Record {
            governance: AccountId::from([1; 32]),
            membership: AccountId::from([2; 32]),
            genesis: [0; 32],
            from_block: 1,
            to: crate::chain::Block {
                number: 3,
                hash: [0; 32],
            },
            events: vec![made],
            contract: BTreeMap::new(),
            treasury: 0,
            capital: 0,
        };
        let csv = record.to_csv().expect("writes");
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("block,extrinsic,index,event,proposal,share,account,choice,amount,status,detail")
        );
        // The tally's JSON holds commas and quotes: one quoted field.
        let row = lines.next().expect("a row");
        assert!(row.starts_with("3,1,0,VoteCast,1,1,"), "{row}");
        assert!(
            row.ends_with(
                r#","{""previous"":null,""proxy"":null,""tally"":{""abstain"":0,""no"":0,""yes"":0}}""#
            ),
            "{row}"
        );
    }
}
