//! Random coop histories against the real contracts, in-process: the test
//! command runs 1,000 of 40 operations; `scripts/fuzz.sh N` runs N (and
//! `COOP_HISTORIES`, `COOP_HISTORY_LENGTH`, `COOP_FIRST_SEED` set the run,
//! `COOP_THREADS` how many run at once: one per core by default).
//! A failure prints its history shrunk, as a test to keep in
//! `regressions.rs`.

use coop_sandbox::{history, Code, Counts, Failure, Runner};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Instant;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs the histories of `seeds` on a coop of its own, until one fails or
/// another worker's has (`stop`).
fn worker(
    code: &Code,
    seeds: impl Iterator<Item = u64>,
    length: usize,
    stop: &AtomicBool,
) -> Result<Counts, Failure> {
    let mut runner = Runner::new(code);
    let mut counts = Counts::default();
    for seed in seeds {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        if let Err(failure) = history(&mut runner, seed, length, &mut counts) {
            stop.store(true, Ordering::Relaxed);
            return Err(failure);
        }
    }
    Ok(counts)
}

#[test]
fn random_histories_agree_with_the_model() {
    let code = Code::built();
    let started = Instant::now();
    let histories = env_or("COOP_HISTORIES", 1_000);
    let length = usize::try_from(env_or("COOP_HISTORY_LENGTH", 40)).expect("a length");
    let first = env_or("COOP_FIRST_SEED", 1);
    // Histories are independent, and each worker owns its in-process
    // chain, so every core runs its share of the seeds.
    let cores = thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let workers = env_or("COOP_THREADS", cores).clamp(1, histories.max(1));
    let stop = AtomicBool::new(false);
    let results: Vec<Result<Counts, Failure>> = thread::scope(|scope| {
        let running: Vec<_> = (0..workers)
            .map(|w| {
                let (code, stop) = (&code, &stop);
                let step = usize::try_from(workers).unwrap_or(1);
                let seeds = (first + w..first + histories).step_by(step);
                scope.spawn(move || worker(code, seeds, length, stop))
            })
            .collect();
        running
            .into_iter()
            .map(|t| t.join().expect("a worker ends"))
            .collect()
    });
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(part) => counts.add(&part),
            Err(failure) => failures.push(failure),
        }
    }
    // Of the failures found, the lowest seed's.
    if let Some(failure) = failures.into_iter().min_by_key(|f| f.seed) {
        panic!("{}", failure.report());
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "random histories: {} histories, {} operations ({} refused as the model predicted, state unchanged; {} vote events recounted; {} with a member share price), in {seconds:.1} s ({:.0} operations/s, {workers} worker(s)), against the real contracts in-process",
        counts.histories,
        counts.operations,
        counts.refused,
        counts.vote_events,
        counts.priced,
        counts.operations as f64 / seconds.max(0.001)
    );
    assert!(counts.histories as u64 >= histories);
}
