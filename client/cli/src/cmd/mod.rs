//! The verbs, one module each: its `<Verb>Args` (clap; the doc comments
//! are the help text) and one `handle` function.

pub mod accept;
pub mod check;
pub mod deploy;
pub mod deposit;
pub mod dev;
pub mod execute;
pub mod export;
pub mod member;
pub mod members;
pub mod move_share;
pub mod proposal;
pub mod proposals;
pub mod propose;
pub mod proxies;
pub mod proxy;
pub mod prune;
pub mod reactivate;
pub mod release;
pub mod report;
pub mod resign;
pub mod status;
pub mod vote;
pub mod watch;
pub mod withdraw;
