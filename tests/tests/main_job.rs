//! The README's first command, `scripts/run.sh`, run on each backend as a new user would
//! run it: no coop data, no manifest, no node state (their folders do not
//! exist yet: `COOP_DATA_DIR` and `COOP_STATE_DIR` name fresh places), on a
//! machine where the tools are installed. The build cache is the test run's
//! own: a fresh one would rebuild every contract, and so would another HOME
//! (cargo-contract's builds depend on it), minutes each time.
//!
//! It must walk the whole coop life and end with the audit's verdict, leave
//! the record files where it says, and leave a chain that `chain.sh stop`
//! stops.

use coop_tests::{free_port, repo_root, Backend};
use std::path::Path;
use std::process::{Command, Output};

/// A script of the checkout run with coop's data and state in `home` (in
/// folders not made yet), in a user's plain environment: what cargo sets
/// for a test process (CARGO, the library path, ...) would make the
/// script's own cargo builds differ from a user's and rebuild everything.
fn script(home: &Path, name: &str, args: &[&str], port: u16) -> Output {
    let mut cmd = Command::new(repo_root().join("scripts").join(name));
    cmd.args(args).env_clear();
    for var in [
        "PATH",
        "HOME",
        "CARGO_HOME",
        "RUSTUP_HOME",
        "COOP_CACHE",
        "TMPDIR",
    ] {
        if let Some(value) = std::env::var_os(var) {
            cmd.env(var, value);
        }
    }
    cmd.env("COOP_DATA_DIR", home.join("share/coop"))
        .env("COOP_STATE_DIR", home.join("state/coop"))
        .env("COOP_RPC_PORT", port.to_string())
        .output()
        .expect("the script runs")
}

coop_tests::on_each_backend!(the_main_job_walks_a_coop_life_for_a_new_user);

async fn the_main_job_walks_a_coop_life_for_a_new_user(backend: Backend) {
    let home = tempfile::tempdir().expect("a fresh home");
    let port = free_port();
    let out = script(home.path(), "run.sh", &["--backend", backend.name()], port);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // Stop the chain whatever happened, as the output tells the user to.
    let stopped = script(
        home.path(),
        "chain.sh",
        &[
            "stop",
            "--backend",
            backend.name(),
            "--rpc-port",
            &port.to_string(),
        ],
        port,
    );
    assert!(out.status.success(), "run.sh failed:\n{all}");
    assert!(
        String::from_utf8_lossy(&stopped.stdout).contains("stopped the node"),
        "chain.sh stop: {}{}",
        String::from_utf8_lossy(&stopped.stdout),
        String::from_utf8_lossy(&stopped.stderr)
    );

    // The life as the README tells it, ending with the audit's verdict, once.
    let deposit = match backend {
        Backend::Contracts => "Charlie deposits 100 UNIT",
        Backend::Revive => "Charlie deposits 100 WND",
    };
    for step in [
        "Dave asks to join",
        "offer accepted: you hold share 4",
        deposit,
        "adopt the shared health plan",
        "it fails its quorum",
        "Charlie resigns",
        "every tally checked against the votes",
    ] {
        assert!(all.contains(step), "no step {step:?} in:\n{all}");
    }
    assert_eq!(
        all.matches("check passed: every tally equals the votes in the events")
            .count(),
        1,
        "the audit's verdict, once:\n{all}"
    );
    assert!(
        all.contains("executed") && all.contains("rejected"),
        "{all}"
    );

    // Where the output says things are, in the new user's home.
    let data = home.path().join("share/coop");
    let manifest = data.join(format!("coop-{port}.json"));
    assert!(
        all.contains(&manifest.display().to_string()),
        "the output names the manifest"
    );
    assert!(manifest.exists(), "{} is written", manifest.display());
    for ext in ["json", "csv"] {
        let record = data.join("records").join(format!("record-{port}.{ext}"));
        assert!(record.exists(), "{} is written", record.display());
    }
    let record: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("records").join(format!("record-{port}.json")))
            .expect("record"),
    )
    .expect("JSON");
    assert_eq!(record["check"]["ok"], true);
    assert_eq!(
        record["proposals"].as_array().map(Vec::len),
        Some(4),
        "four proposals in the record"
    );

    // It ends with the report, and says where it is.
    let report = data.join("records").join(format!("report-{port}.html"));
    assert!(
        all.contains(&format!("Open it in a browser: {}", report.display())),
        "the output names the report:\n{all}"
    );
    if coop_tests::browser::ready_or_say() {
        let dom = coop_tests::browser::dump_dom(&report);
        assert!(
            dom.contains("every tally recounted from the chain's events: all 4 agree"),
            "the report's verdict"
        );
        for title in [
            "Admit Dave",
            "Pay Eve for the annual accounts",
            "Adopt the shared health plan",
            "Move the weekly meeting to Friday",
        ] {
            assert!(dom.contains(title), "{title} is not in the report");
        }
    }
}
