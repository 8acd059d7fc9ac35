//! `coop`: the command line over the coop client library. Parsing and
//! printing only; every verb lives in its own module under `cmd/`.

mod cli;
mod cmd;
mod context;
mod report;
mod rules;
mod text;

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing to a closed pipe (`coop proposals |
    // head -1`) would panic; a command-line tool ends quietly instead, as
    // the shell expects.
    #[cfg(unix)]
    // SAFETY: called once, first thing, before any output is written; it
    // only restores the disposition the process was started with by most shells.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // clap exits with 2 on a usage error and 0 for --help.
    let args = cli::Cli::parse();
    match cli::run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line: the context chain joined by ": ".
            let line = format!("{err:#}").replace(['\n', '\r'], " ");
            eprintln!("coop: {line}");
            ExitCode::FAILURE
        }
    }
}
