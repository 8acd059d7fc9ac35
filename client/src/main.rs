//! `coop`: the command line over the coop client library. Parsing and
//! printing only; every verb lives in its own module under `cli/`.

mod cli;

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("coop: {err}");
            ExitCode::FAILURE
        }
    }
}
