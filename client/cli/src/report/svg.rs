//! The report's two kinds of chart, drawn as small inline SVG by hand: a
//! step line of a count over blocks (members, treasury) and a proposal's
//! tally bar. Shapes and patterns carry the meaning as well as colour, so
//! the charts survive black-and-white printing and colour blindness; each
//! has a title and a description, and the page gives its figures as a
//! table too.

use maud::{html, Markup};

/// Width and height of a line chart's drawing area, in SVG units.
const W: f64 = 640.0;
const H: f64 = 220.0;
/// Room for the axis labels.
const LEFT: f64 = 56.0;
const BOTTOM: f64 = 28.0;

/// One mark on a step chart: a change of the value at a block.
#[derive(Debug, Clone)]
pub struct Step {
    /// The block it happened in.
    pub block: u64,
    /// The value from then on.
    pub value: f64,
    /// Whether it went up (a filled circle) or down (a hollow square).
    pub up: bool,
}

/// A step chart of `steps` from block `from` to block `to`; `label`
/// formats a value for the y axis.
pub fn step_chart(
    title: &str,
    description: &str,
    steps: &[Step],
    from: u64,
    to: u64,
    label: &dyn Fn(f64) -> String,
) -> Markup {
    let highest = steps.iter().map(|s| s.value).fold(0.0_f64, f64::max);
    let highest = if highest > 0.0 { highest } else { 1.0 };
    // Headroom above the highest value, for its marker.
    let top = highest * 1.1;
    let span = to.saturating_sub(from).max(1) as f64;
    let x = |block: u64| LEFT + (block.saturating_sub(from) as f64 / span) * (W - LEFT - 8.0);
    let y = |v: f64| 8.0 + (1.0 - v / top) * (H - BOTTOM - 8.0);
    // The line: flat until each change, then straight up or down.
    let mut path = String::new();
    path.push_str(&format!("M{:.1},{:.1}", x(from), y(0.0)));
    for s in steps {
        path.push_str(&format!(" H{:.1} V{:.1}", x(s.block), y(s.value)));
    }
    path.push_str(&format!(" H{:.1}", x(to)));
    let ticks = [0.0, highest / 2.0, highest];
    html! {
        svg class="chart" viewBox=(format!("0 0 {W} {H}")) role="img"
            aria-labelledby=(format!("{}-t {}-d", slug(title), slug(title))) {
            title id=(format!("{}-t", slug(title))) { (title) }
            desc id=(format!("{}-d", slug(title))) { (description) }
            line x1=(LEFT) y1=(y(0.0)) x2=(W - 8.0) y2=(y(0.0)) class="axis" {}
            line x1=(LEFT) y1=(8.0) x2=(LEFT) y2=(y(0.0)) class="axis" {}
            @for t in ticks {
                text x=(LEFT - 6.0) y=(y(t) + 4.0) text-anchor="end" class="tick" { (label(t)) }
            }
            text x=(LEFT) y=(H - 6.0) class="tick" { "block " (from) }
            text x=(W - 8.0) y=(H - 6.0) text-anchor="end" class="tick" { "block " (to) }
            path d=(path) class="line" {}
            @for s in steps {
                @if s.up {
                    circle cx=(format!("{:.1}", x(s.block))) cy=(format!("{:.1}", y(s.value))) r="4" class="up" {}
                } @else {
                    rect x=(format!("{:.1}", x(s.block) - 4.0)) y=(format!("{:.1}", y(s.value) - 4.0))
                        width="8" height="8" class="down" {}
                }
            }
        }
    }
}

/// An id-safe form of a title.
fn slug(title: &str) -> String {
    title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// A proposal's votes as a bar over its whole electorate: yes (solid),
/// no (hatched), abstain (dotted), not voted (empty); a dashed line where
/// the quorum is met and a triangle at the yes votes the threshold needs
/// given the votes cast.
pub struct Bar {
    /// The proposal, for unique pattern ids.
    pub id: u32,
    /// Yes votes.
    pub yes: u32,
    /// No votes.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
    /// Shares that could vote.
    pub electorate: u32,
    /// Votes needed for the quorum.
    pub quorum: u32,
    /// Yes votes needed to pass, given the yes and no cast.
    pub needed: u32,
}

/// Draws a [`Bar`]; `description` is its text equivalent.
pub fn tally_bar(bar: &Bar, description: &str) -> Markup {
    let whole = f64::from(bar.electorate.max(1));
    let width = 600.0;
    let at = |n: u32| 4.0 + f64::from(n) / whole * width;
    let yes_end = at(bar.yes);
    let no_end = at(bar.yes + bar.no);
    let abstain_end = at(bar.yes + bar.no + bar.abstain);
    let (hatch, dots) = (format!("hatch-{}", bar.id), format!("dots-{}", bar.id));
    html! {
        svg class="bar" viewBox="0 0 608 58" role="img" aria-label=(description) {
            defs {
                pattern id=(hatch) width="6" height="6" patternUnits="userSpaceOnUse"
                    patternTransform="rotate(45)" {
                    rect width="6" height="6" class="no-bg" {}
                    line x1="0" y1="0" x2="0" y2="6" class="no-line" {}
                }
                pattern id=(dots) width="5" height="5" patternUnits="userSpaceOnUse" {
                    rect width="5" height="5" class="abstain-bg" {}
                    circle cx="2.5" cy="2.5" r="1" class="abstain-dot" {}
                }
            }
            rect x="4" y="14" width=(width) height="24" class="empty" {}
            rect x="4" y="14" width=(format!("{:.1}", yes_end - 4.0)) height="24" class="yes" {}
            rect x=(format!("{yes_end:.1}")) y="14" width=(format!("{:.1}", no_end - yes_end))
                height="24" fill=(format!("url(#{hatch})")) {}
            rect x=(format!("{no_end:.1}")) y="14" width=(format!("{:.1}", abstain_end - no_end))
                height="24" fill=(format!("url(#{dots})")) {}
            rect x="4" y="14" width=(width) height="24" class="frame" {}
            @if bar.quorum > 0 {
                line x1=(format!("{:.1}", at(bar.quorum))) y1="8" x2=(format!("{:.1}", at(bar.quorum)))
                    y2="44" class="quorum" {}
                text x=(format!("{:.1}", at(bar.quorum))) y="56" text-anchor="middle" class="tick" { "quorum" }
            }
            @if bar.yes + bar.no > 0 {
                path d=(format!("M{0:.1},12 l-5,-8 h10 z", at(bar.needed))) class="needed" {}
                text x=(format!("{:.1}", at(bar.needed))) y="10" dx="8" class="tick" { "yes needed" }
            }
        }
    }
}
