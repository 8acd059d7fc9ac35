//! Random coop histories against the real contracts, in-process: the test
//! command runs 1,000 of 40 operations; `scripts/fuzz.sh N` runs N (and
//! `COOP_HISTORIES`, `COOP_HISTORY_LENGTH`, `COOP_FIRST_SEED` set the run).
//! A failure prints its history shrunk, as a test to keep in
//! `regressions.rs`.

use coop_sandbox::{history, Code, Counts, Runner};
use std::time::Instant;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_histories_agree_with_the_model() {
    let mut runner = Runner::new(&Code::built());
    let mut counts = Counts::default();
    let started = Instant::now();
    let histories = env_or("COOP_HISTORIES", 1_000);
    let length = usize::try_from(env_or("COOP_HISTORY_LENGTH", 40)).expect("a length");
    let first = env_or("COOP_FIRST_SEED", 1);
    for seed in first..first + histories {
        if let Err(failure) = history(&mut runner, seed, length, &mut counts) {
            panic!("{}", failure.report());
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "random histories: {} histories, {} operations ({} refused as the model predicted, state unchanged; {} vote events recounted; {} with a member share price), in {seconds:.1} s ({:.0} operations/s), against the real contracts in-process",
        counts.histories,
        counts.operations,
        counts.refused,
        counts.vote_events,
        counts.priced,
        counts.operations as f64 / seconds.max(0.001)
    );
    assert!(counts.histories as u64 >= histories);
}
