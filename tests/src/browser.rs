//! A real browser for the report's tests: Debian's headless Chromium
//! (installed by `scripts/setup.sh`), with the network off, dumping the
//! DOM it renders and taking screenshots a person can look at.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where Chromium is, if this machine has it (`$COOP_CHROMIUM`, else
/// `chromium` on the PATH).
pub fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("COOP_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

/// Whether the browser tests can run here: where Chromium is missing,
/// says so on stderr and returns false; under `CI=true` fails instead.
pub fn ready_or_say() -> bool {
    if chromium().is_some() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the report's browser tests cannot run here: no chromium (scripts/setup.sh installs it)"
    );
    eprintln!("NOT TESTED in a browser: no chromium here; scripts/setup.sh installs it");
    false
}

/// Runs headless Chromium on the page `html` with `extra` arguments, the
/// network off (no name resolves, nothing in the background), in a fresh
/// profile; returns its stdout.
///
/// # Panics
/// If Chromium is missing or fails.
fn run(html: &Path, extra: &[String]) -> String {
    let chromium = chromium().expect("chromium");
    let profile = tempfile::tempdir().expect("a profile directory");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            // The network is off for the page: no host name resolves.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The DOM Chromium renders from `html`, serialised.
pub fn dump_dom(html: &Path) -> String {
    run(html, &["--dump-dom".to_string()])
}

/// Screenshots `html` at `width` × `height` CSS pixels into `png`.
pub fn screenshot(html: &Path, width: u32, height: u32, png: &Path) {
    run(
        html,
        &[
            format!("--window-size={width},{height}"),
            format!("--screenshot={}", png.display()),
        ],
    );
    assert!(png.is_file(), "chromium wrote no {}", png.display());
}

/// How much of a PNG differs from its first pixel (the page's background),
/// as a fraction of its pixels: 0 for a blank image.
pub fn ink(png: &Path) -> f64 {
    let file = std::fs::File::open(png).expect("the screenshot opens");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let bytes = &buf[..info.buffer_size()];
    let step = info.color_type.samples();
    let first = &bytes[..step];
    let pixels = bytes.len() / step;
    let differing = bytes.chunks(step).filter(|p| *p != first).count();
    differing as f64 / pixels.max(1) as f64
}

/// Where screenshots are kept for a person to look at:
/// `$COOP_CACHE/report` (default `~/.cache/coop/report`).
pub fn shots_dir() -> PathBuf {
    let dir = crate::cache_dir().join("report");
    std::fs::create_dir_all(&dir).expect("the screenshots' directory");
    dir
}

/// Every `href` and `src` value in `html`, in order.
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    found
}
