//! Each operation's cost beside a recorded earlier run (a baseline file
//! in `bench/baseline/`), so a change to the contracts shows what it did
//! to every message it touched.

use crate::report::Report;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// One operation's recorded figures.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Recorded {
    /// `gas_consumed.ref_time`, picoseconds.
    pub ref_time: u64,
    /// `gas_consumed.proof_size`, bytes.
    pub proof_size: u64,
    /// Storage deposit, smallest units (negative: refunded).
    pub storage_deposit: i128,
}

/// A baseline file: what it is, and per backend the operations by name.
#[derive(Debug, Clone, Deserialize)]
pub struct Baseline {
    /// What the figures are and where they come from.
    pub about: String,
    /// Per backend (`contracts`, `revive`): operation name to figures.
    #[serde(flatten)]
    pub backends: BTreeMap<String, serde_json::Value>,
}

impl Baseline {
    /// Reads a baseline file.
    ///
    /// # Errors
    /// If it cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the baseline {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    fn operations(&self, backend: &str) -> BTreeMap<String, Recorded> {
        self.backends
            .get(backend)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }

    /// A table of `report`'s operations beside this baseline's figures
    /// for the same backend: ref_time and proof before and after, and the
    /// storage deposit after (where it changed, before too).
    pub fn compare(&self, backend: &str, report: &Report) -> String {
        let before = self.operations(backend);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\nBefore and after ({}; M ps of ref_time, KB of proof; \"new\" where the operation did not exist)\n",
            self.about
        );
        let _ = writeln!(
            out,
            "{:<52} {:>10} {:>10} {:>8} {:>8} {:>8}  storage deposit",
            "operation", "before", "after", "ratio", "proof b", "proof a"
        );
        let mps = |ps: u64| ps as f64 / 1e6;
        let kb = |b: u64| b as f64 / 1024.0;
        for row in &report.operations {
            let now = &row.cost;
            let after_dep = now.storage_deposit;
            match before.get(&row.operation) {
                Some(was) => {
                    let ratio = if was.ref_time == 0 {
                        0.0
                    } else {
                        now.consumed.ref_time as f64 / was.ref_time as f64
                    };
                    let deposit = if was.storage_deposit == after_dep {
                        format!("{after_dep}")
                    } else {
                        format!("{} -> {after_dep}", was.storage_deposit)
                    };
                    let _ = writeln!(
                        out,
                        "{:<52} {:>10.1} {:>10.1} {:>7.2}x {:>8.1} {:>8.1}  {deposit}",
                        row.operation,
                        mps(was.ref_time),
                        mps(now.consumed.ref_time),
                        ratio,
                        kb(was.proof_size),
                        kb(now.consumed.proof_size),
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "{:<52} {:>10} {:>10.1} {:>8} {:>8} {:>8.1}  {after_dep}",
                        row.operation,
                        "new",
                        mps(now.consumed.ref_time),
                        "",
                        "",
                        kb(now.consumed.proof_size),
                    );
                }
            }
        }
        out
    }
}
