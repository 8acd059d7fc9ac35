//! `coop execute`: close a proposal and apply it if it passed.

use crate::context::Global;
use anyhow::{bail, Context as _, Result};
use clap::Args;
use coop_client::coop::{view, Error};
use coop_shared::governance as gov;
use coop_shared::ErrorInfo as _;
use serde::Serialize;

/// Close a proposal after its deadline and apply it if it passed.
///
/// Close a proposal once its deadline is reached (or earlier when votes are
/// final and no remaining vote could change the outcome) and, if it passed,
/// apply its action. Anyone may run it, member or not. The executor pays
/// the fee only: executing an admission makes offers, and each admitted
/// account pays for its own share when it accepts (`coop accept ID`); an
/// executed expulsion leaves the share's deposit to its former holder
/// (`coop release`). Prints the final status: executed, rejected, failed
/// (with the reason; nothing of the action is applied) or expired.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then `proposal`, `tally`, `early`, `status`, `reason`.
#[derive(Debug, Args)]
pub struct ExecuteArgs {
    /// The proposal's number.
    pub id: u32,
}

/// Runs `coop execute`.
pub async fn handle(args: ExecuteArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let outcome = match s.coop.execute(&signer, args.id).await {
        Ok(outcome) => outcome,
        Err(Error::Governance(refused @ gov::Error::VotingNotOver)) => {
            // Say when it can be executed: the dry run runs at the best
            // block, so execution works once the best block is the deadline.
            let deadline = s.coop.proposal(args.id).await?.state.deadline;
            let best = s.coop.best_block().await?.number;
            bail!(
                "execute proposal {}: the contract refused: VotingNotOver: {}; \
                 voting ends at block {deadline} and the best block is {best} \
                 (on a dev chain, `coop dev advance N` makes blocks)",
                args.id,
                refused.meaning()
            );
        }
        Err(e) => return Err(e).with_context(|| format!("execute proposal {}", args.id)),
    };
    let closed = &outcome.value;
    let extra = ExecuteJson {
        proposal: args.id,
        tally: view::tally(&closed.tally),
        early: closed.early,
        status: view::status_name(&closed.status),
        reason: match &closed.status {
            gov::Status::Failed(reason) => Some(view::failure(reason)),
            _ => None,
        },
    };
    s.print_tx(
        &outcome,
        &format!(
            "proposal {} {}{} (yes {}, no {}, abstain {})",
            args.id,
            view::status_text(&closed.status),
            if closed.early { ", closed early" } else { "" },
            closed.tally.yes,
            closed.tally.no,
            closed.tally.abstain
        ),
        extra,
    );
    Ok(())
}

/// `coop execute --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct ExecuteJson {
    /// The proposal closed.
    proposal: u32,
    /// Its final tally.
    tally: view::TallyJson,
    /// Whether it closed before its deadline (the outcome was settled).
    early: bool,
    /// `executed`, `rejected`, `failed` or `expired`.
    status: &'static str,
    /// Why its action failed, for `failed`; otherwise null.
    reason: Option<String>,
}
