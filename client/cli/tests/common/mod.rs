//! What the CLI tests share: running the built `coop` in a scratch
//! directory against the contracts this checkout built.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// `deploy` flags for the lowest floors: a test coop votes in a few blocks.
pub const LOWEST_FLOORS: [&str; 6] = [
    "--floor-voting-period",
    "1",
    "--floor-quorum",
    "0/1",
    "--floor-execution-window",
    "1",
];

/// A scratch directory for one test's manifest and files.
pub fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("coop-{name}-"))
        .tempdir()
        .expect("scratch dir")
}

/// What `fails` and friends pass as `suri` to set `COOP_SURI` to the empty
/// string (where `""` leaves it unset).
pub const SET_BUT_EMPTY: &str = "<set but empty>";

/// Runs `coop ARGS` in `dir` with the key `suri` (none if empty).
pub fn coop(dir: &Path, suri: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coop"));
    cmd.current_dir(dir)
        .args(args)
        .env_remove("COOP_MANIFEST")
        .env_remove("COOP_URL")
        .env_remove("COOP_SURI")
        // The contracts this checkout built, not whatever a data directory holds.
        .env("COOP_ARTIFACTS", coop_tests::artifacts_dir());
    match suri {
        "" => {}
        SET_BUT_EMPTY => {
            cmd.env("COOP_SURI", "");
        }
        suri => {
            cmd.env("COOP_SURI", suri);
        }
    }
    cmd.output().expect("the coop binary runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a command that must succeed and returns its stdout.
pub fn ok(dir: &Path, suri: &str, args: &[&str]) -> String {
    let out = coop(dir, suri, args);
    assert!(
        out.status.success(),
        "coop {args:?} failed: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Runs a command with `--json` that must succeed and parses its output.
pub fn json(dir: &Path, suri: &str, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = ok(dir, suri, &all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("coop {args:?}: {e}: {out}"))
}
