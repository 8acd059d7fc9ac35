//! `coop report` against a real node, its page opened in headless
//! Chromium with the network off: every proposal and the contract's own
//! tallies are in the DOM the browser renders, member input stays text
//! (titles written to inject markup), nothing outside the page is loaded,
//! and screenshots at desktop and phone widths are kept for a person to
//! look at and checked not to be blank.

use coop_tests::{browser, dev, Backend, TestNode};
use serde_json::Value;

mod common;
use common::{json, ok, scratch, LOWEST_FLOORS};

/// Titles and texts a member could write to break out of the page.
const SCRIPT_TITLE: &str = "<script>alert(1)</script>";
const ATTRIBUTE_TITLE: &str = "\"><img src=x onerror=alert(1)>";
const LINK: &str = "https://example.org/minutes?a=1&b=2";

coop_tests::on_each_backend!(the_report_shows_the_record_and_nothing_else);

async fn the_report_shows_the_record_and_nothing_else(backend: Backend) {
    if !browser::ready_or_say() {
        return;
    }
    let node = TestNode::start_backend(backend);
    let scratch_dir = scratch("report");
    let dir = scratch_dir.path().to_path_buf();
    let url = node.url.as_str();
    let founders: Vec<String> = [dev::alice(), dev::bob(), dev::charlie()]
        .iter()
        .map(dev::address)
        .collect();
    let mut deploy = vec![
        "deploy", "--url", url, "--token", "UNIT:12", "--funds", "10",
    ];
    for f in &founders {
        deploy.extend(["--founder", f.as_str()]);
    }
    deploy.extend(["--voting-period", "12", "--execution-window", "30"]);
    deploy.extend(LOWEST_FLOORS);
    json(&dir, "//Alice", &deploy);

    // Three decisions: markup in a title and a text, markup in an
    // attribute-breaking title, and a payment nobody votes on.
    let text = format!("\"><img src=x> The minutes: {LINK}");
    json(
        &dir,
        "//Alice",
        &[
            "propose",
            "resolution",
            "--title",
            SCRIPT_TITLE,
            "--text",
            &text,
        ],
    );
    json(
        &dir,
        "//Bob",
        &["propose", "resolution", "--title", ATTRIBUTE_TITLE],
    );
    json(
        &dir,
        "//Charlie",
        &[
            "propose",
            "pay",
            &founders[1],
            "2",
            "--title",
            "Pay Bob's train fare",
        ],
    );
    json(&dir, "//Alice", &["vote", "1", "yes"]);
    json(&dir, "//Bob", &["vote", "1", "no"]);
    json(&dir, "//Charlie", &["vote", "1", "abstain"]);
    json(&dir, "//Alice", &["vote", "2", "yes"]);
    json(&dir, "//Bob", &["vote", "2", "yes"]);
    ok(&dir, "//Ferdie", &["dev", "advance", "12", "--url", url]);
    json(&dir, "//Ferdie", &["execute", "1"]);
    json(&dir, "//Ferdie", &["execute", "2"]);

    let page = dir.join("report.html");
    let made = json(
        &dir,
        "",
        &[
            "report",
            "--out",
            page.to_str().expect("a path"),
            "--name",
            "Test <b>coop</b>",
        ],
    );
    assert_eq!(made["check_ok"], true, "{made}");
    assert_eq!(made["proposals"], 3);
    let html = std::fs::read_to_string(&page).expect("the page is written");

    // Member input is text: escaped in the file, no element made of it.
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Test &lt;b&gt;coop&lt;/b&gt;"));
    for tag in ["<script", "<img", "<b>", "<iframe", "<link", "<object"] {
        assert!(!html.contains(tag), "{tag} in the page");
    }
    // Nothing outside the page: the only links out are the proposal's own.
    for link in browser::links(&html) {
        assert!(
            link.starts_with('#') || link == LINK.replace('&', "&amp;"),
            "a link out of the page: {link}"
        );
    }
    assert!(!html.contains("src=\""), "something would be loaded");
    assert!(
        html.matches("url(").count() == html.matches("url(#").count(),
        "CSS that would load something"
    );

    // The browser renders every proposal, with the contract's tallies.
    let dom = browser::dump_dom(&page);
    assert!(!dom.contains("<script"), "the DOM holds a script");
    assert!(!dom.contains("<img"), "the DOM holds an image");
    assert!(dom.contains("every tally recounted from the chain's events: all 3 agree"));
    for id in 1..=3u32 {
        let shown = json(&dir, "", &["proposal", &id.to_string()]);
        let article = section(&dom, &format!("id=\"proposal-{id}\""));
        let t = &shown["tally"];
        let words = format!("Yes {}, no {}, abstain {}", t["yes"], t["no"], t["abstain"]);
        assert!(
            article.contains(&words),
            "proposal {id}: no {words:?} in {article}"
        );
        let title = shown["title"].as_str().expect("a title");
        let escaped = title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(
            article.contains(&escaped),
            "proposal {id}: no title {escaped}"
        );
        assert!(
            article.contains(&status_words(&shown)),
            "proposal {id}'s outcome"
        );
    }
    let payment = section(&dom, "id=\"proposal-3\"");
    // The Asset Hub chain declares its own token, which wins over --token.
    let symbol = match backend {
        Backend::Contracts => "UNIT",
        Backend::Revive => "WND",
    };
    assert!(payment.contains(&format!("pay 2 {symbol} to")), "{payment}");
    assert!(payment.contains("Every vote (0)"), "{payment}");
    let first = section(&dom, "id=\"proposal-1\"");
    assert!(first.contains("Every vote (3)"), "{first}");
    assert!(first.contains(&format!("href=\"{}\"", LINK.replace('&', "&amp;"))));

    // Screenshots for a person, and not blank.
    for (name, width, height) in [("desktop", 1280, 2400), ("phone", 390, 2400)] {
        let png = browser::shots_dir().join(format!("report-{}-{name}.png", backend.name()));
        browser::screenshot(&page, width, height, &png);
        let ink = browser::ink(&png);
        assert!(
            ink > 0.02,
            "{}: only {ink:.4} of it is drawn",
            png.display()
        );
        eprintln!("screenshot: {} ({:.1}% drawn)", png.display(), ink * 100.0);
    }
}

/// The part of `dom` from the element whose attribute is `marker` to the
/// next `</article>`.
fn section<'a>(dom: &'a str, marker: &str) -> &'a str {
    let start = dom.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let end = dom[start..]
        .find("</article>")
        .map_or(dom.len(), |e| start + e);
    &dom[start..end]
}

/// The page's words for the outcome `coop proposal --json` reports.
fn status_words(shown: &Value) -> String {
    match shown["status"].as_str() {
        Some("executed") => "passed and carried out".into(),
        Some("rejected") => "rejected".into(),
        Some("open") => "open".into(),
        other => panic!("an outcome this test did not expect: {other:?}"),
    }
}
