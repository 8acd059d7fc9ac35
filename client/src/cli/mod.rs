//! The `coop` command's verbs: one module each, holding its clap `Args`
//! (whose doc comments are the help text) and one `handle` function.

mod dev;

use clap::{Parser, Subcommand};
use coop_client::Result;

/// On-chain governance for worker cooperatives.
#[derive(Debug, Parser)]
#[command(name = "coop", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Tools for a local development chain.
    #[command(subcommand)]
    Dev(dev::Dev),
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Dev(dev) => dev::handle(dev).await,
    }
}
