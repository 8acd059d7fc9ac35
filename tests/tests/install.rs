//! `cargo install --path client/cli` gives a `coop` that works outside the
//! checkout: it finds the built contracts in its data directory (where
//! scripts/build-contracts.sh installs them), never in the source tree,
//! and deploys a coop on a real node.

use coop_tests::{artifacts_dir, dev, repo_root, TestNode};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The build cache the scripts use, so the install reuses their builds.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let cache = std::env::var_os("COOP_CACHE")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(std::env::var_os("HOME").expect("HOME is set"))
                        .join(".cache/coop")
                });
            cache.join("target")
        })
}

/// `cmd` with a user's plain environment (what cargo sets for a test
/// process would change how the inner cargo builds).
fn plain(mut cmd: Command) -> Command {
    cmd.env_clear();
    for var in ["PATH", "HOME", "CARGO_HOME", "RUSTUP_HOME", "TMPDIR"] {
        if let Some(value) = std::env::var_os(var) {
            cmd.env(var, value);
        }
    }
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn deploy(coop: &Path, cwd: &Path, data: &Path, url: &str) -> Output {
    let alice = dev::address(&dev::alice());
    let mut cmd = plain(Command::new(coop));
    cmd.current_dir(cwd)
        .env("COOP_DATA_DIR", data)
        .env("COOP_SURI", "//Alice")
        .args([
            "deploy",
            "--url",
            url,
            "--founder",
            &alice,
            "--token",
            "UNIT:12",
        ]);
    cmd.output().expect("coop runs")
}

#[test]
fn cargo_install_gives_a_coop_that_finds_its_contracts_and_deploys() {
    let root = tempfile::tempdir().expect("an install root");
    let mut install = plain(Command::new("cargo"));
    install
        .current_dir(repo_root())
        .env("CARGO_TARGET_DIR", target_dir())
        .args([
            "install",
            "--quiet",
            "--locked",
            "--debug",
            "--path",
            "client/cli",
            "--root",
        ])
        .arg(root.path());
    let out = install.output().expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo install failed:\n{}",
        text(&out)
    );
    let coop = root.path().join("bin").join("coop");
    assert!(coop.is_file(), "{} is installed", coop.display());

    let elsewhere = tempfile::tempdir().expect("a folder outside the checkout");
    let data = tempfile::tempdir().expect("a data directory");
    let node = TestNode::start();

    // No contracts in the data directory: refused, saying where it looked.
    let out = deploy(&coop, elsewhere.path(), data.path(), &node.url);
    assert!(
        !out.status.success(),
        "deployed without contracts:\n{}",
        text(&out)
    );
    let expected = data.path().join("contracts").join("governance.contract");
    assert!(
        text(&out).contains(&expected.display().to_string()),
        "the error names {}:\n{}",
        expected.display(),
        text(&out)
    );
    assert!(!elsewhere.path().join("coop.json").exists());

    // Installed where the build script puts them: found, and the coop deploys.
    let installed = data.path().join("contracts");
    std::fs::create_dir_all(&installed).expect("mkdir");
    for name in ["governance", "membership"] {
        let file = format!("{name}.contract");
        std::fs::copy(artifacts_dir().join(&file), installed.join(&file)).expect("copy");
    }
    let out = deploy(&coop, elsewhere.path(), data.path(), &node.url);
    assert!(out.status.success(), "deploy failed:\n{}", text(&out));
    assert!(
        text(&out).contains("coop deployed in block"),
        "{}",
        text(&out)
    );
    assert!(
        elsewhere.path().join("coop.json").is_file(),
        "the manifest is written"
    );
}
