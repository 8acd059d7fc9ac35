//! The pinned versions live in scripts/versions.env; the README and the
//! contracts' manifests must say the same, or a user installs the wrong thing.

use coop_tests::repo_root;

fn versions() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(repo_root().join("scripts/versions.env")).expect("versions.env");
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

#[test]
fn the_readme_names_every_pinned_version() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let pinned = versions();
    assert!(
        pinned.len() >= 6,
        "versions.env lists the toolchain: {pinned:?}"
    );
    for (name, version) in pinned {
        assert!(
            readme.contains(&version),
            "README.md does not mention {name}={version}"
        );
    }
}

#[test]
fn the_contracts_use_the_pinned_toolchain_and_ink() {
    let pinned = versions();
    let get = |k: &str| {
        pinned
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .expect(k)
    };
    let toolchain = std::fs::read_to_string(repo_root().join("contracts/rust-toolchain.toml"))
        .expect("toolchain file");
    assert!(toolchain.contains(&format!("channel = \"{}\"", get("CONTRACTS_TOOLCHAIN"))));
    for crate_dir in ["shared", "membership", "governance"] {
        let manifest = std::fs::read_to_string(
            repo_root()
                .join("contracts")
                .join(crate_dir)
                .join("Cargo.toml"),
        )
        .expect("manifest");
        assert!(
            manifest.contains(&format!("\"={}\"", get("INK_VERSION"))),
            "contracts/{crate_dir} pins another ink!"
        );
    }
}
