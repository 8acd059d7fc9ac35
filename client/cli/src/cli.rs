//! The command line: global options, the verbs, and which handler runs.
//! Each verb lives in `cmd/<verb>.rs` with its `<Verb>Args` (whose doc
//! comments are the help text) and one `handle` function. Parsing and
//! printing only; the work is the library's `coop` layer.
//!
//! Conventions: tables for people by default, `--json` for scripts (field
//! names documented in each verb's help and in `coop_client::coop::view`);
//! progress on stderr; exit code 0 on success, 1 on failure (one line on
//! stderr), 2 for a usage error.

use crate::cmd::{
    accept, check, deploy, deposit, dev, execute, export, member, members, move_share, proposal,
    proposals, propose, proxies, proxy, prune, reactivate, release, report, resign, status, vote,
    watch, withdraw,
};
use crate::context;
use anyhow::Result;
use clap::{Parser, Subcommand};

/// On-chain governance for worker cooperatives: one member, one vote, every
/// decision recorded.
///
/// Commands read the deployment manifest (--manifest, else $COOP_MANIFEST,
/// else ./coop.json) written by `coop deploy`, and refuse to run against
/// another chain. Transactions are signed with the key whose secret URI is
/// in $COOP_SURI or in the file named by --suri-file; the secret is never
/// printed. Every transaction is dry-run first: a contract's refusal is
/// shown by name before anything is signed or paid. The signer pays each
/// transaction's fee and the storage deposit for what it adds; storage it
/// frees is refunded to the signer.
///
/// With --json, each verb prints one JSON object whose fields its help
/// lists. Accounts are SS58 addresses; amounts are decimal strings of the
/// chain's smallest unit (they can exceed what a JSON number holds); hashes
/// are 0x-hex; choices are yes, no, abstain; statuses are open, withdrawn,
/// rejected, executed, failed (with a reason) and expired.
#[derive(Debug, Parser)]
#[command(name = "coop", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    global: context::Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
// Each verb's help is its Args struct's doc comment.
enum Command {
    Check(check::CheckArgs),
    Deploy(deploy::DeployArgs),
    Status(status::StatusArgs),
    Members(members::MembersArgs),
    Member(member::MemberArgs),
    Propose(propose::ProposeArgs),
    Vote(vote::VoteArgs),
    Execute(execute::ExecuteArgs),
    Withdraw(withdraw::WithdrawArgs),
    Proposals(proposals::ProposalsArgs),
    Proposal(proposal::ProposalArgs),
    Deposit(deposit::DepositArgs),
    Accept(accept::AcceptArgs),
    Resign(resign::ResignArgs),
    MoveShare(move_share::MoveShareArgs),
    Reactivate(reactivate::ReactivateArgs),
    Release(release::ReleaseArgs),
    Prune(prune::PruneArgs),
    Watch(watch::WatchArgs),
    Export(export::ExportArgs),
    Proxy(proxy::ProxyArgs),
    Proxies(proxies::ProxiesArgs),
    Report(report::ReportArgs),
    /// Tools for a local development chain.
    #[command(subcommand)]
    Dev(dev::DevArgs),
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> Result<()> {
    let g = &cli.global;
    match cli.command {
        Command::Check(a) => check::handle(a, g).await,
        Command::Deploy(a) => deploy::handle(a, g).await,
        Command::Status(a) => status::handle(a, g).await,
        Command::Members(a) => members::handle(a, g).await,
        Command::Member(a) => member::handle(a, g).await,
        Command::Propose(a) => propose::handle(a, g).await,
        Command::Vote(a) => vote::handle(a, g).await,
        Command::Execute(a) => execute::handle(a, g).await,
        Command::Withdraw(a) => withdraw::handle(a, g).await,
        Command::Proposals(a) => proposals::handle(a, g).await,
        Command::Proposal(a) => proposal::handle(a, g).await,
        Command::Deposit(a) => deposit::handle(a, g).await,
        Command::Accept(a) => accept::handle(a, g).await,
        Command::Resign(a) => resign::handle(a, g).await,
        Command::MoveShare(a) => move_share::handle(a, g).await,
        Command::Reactivate(a) => reactivate::handle(a, g).await,
        Command::Release(a) => release::handle(a, g).await,
        Command::Prune(a) => prune::handle(a, g).await,
        Command::Watch(a) => watch::handle(a, g).await,
        Command::Export(a) => export::handle(a, g).await,
        Command::Proxy(a) => proxy::handle(a, g).await,
        Command::Proxies(a) => proxies::handle(a, g).await,
        Command::Report(a) => report::handle(a, g).await,
        Command::Dev(d) => Ok(dev::handle(d, g).await?),
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_is_well_formed() {
        // Catches conflicting names, bad defaults and the like at test time
        // rather than when a member first types the verb.
        Cli::command().debug_assert();
    }
}
