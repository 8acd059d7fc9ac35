//! `coop proxies`: every proxy appointment in force.

use crate::context::{print_json, Global};
use anyhow::Result;
use clap::Args;
use coop_client::coop::view;
use serde::Serialize;

/// List the proxy appointments in force: who votes for whom.
///
/// One line per member who appointed a proxy: their share, the proxy's
/// share and key, and whether it is for one proposal or for all. Anyone may
/// run it; it only reads (one read per member).
///
/// JSON fields: `appointments` (`share`, `proxy`, `proxy_account`,
/// `proposal`: null for every proposal), `limit` (the rules' proxy limit).
#[derive(Debug, Args)]
pub struct ProxiesArgs {}

/// Runs `coop proxies`.
pub async fn handle(_args: ProxiesArgs, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let members = s.coop.all_members().await?;
    let limit = s.coop.rules().await?.proxy_limit;
    let mut rows = Vec::new();
    for m in &members {
        if let Some(a) = s.coop.appointment_of(m.number).await? {
            let proxy_account = members
                .iter()
                .find(|p| p.number == a.proxy)
                .map(|p| view::account(&p.holder));
            rows.push(AppointmentJson {
                share: m.number,
                proxy: a.proxy,
                proxy_account,
                proposal: a.proposal,
            });
        }
    }
    if s.json {
        return print_json(&ProxiesJson {
            appointments: rows,
            limit,
        });
    }
    if limit == 0 {
        println!("the rules allow no proxies (proxy limit 0)");
    } else {
        println!("a proxy may hold {limit} appointment(s) at a time");
    }
    if rows.is_empty() {
        println!("no proxy appointments");
        return Ok(());
    }
    println!("{:<6} {:<6} {:<50} for", "share", "proxy", "proxy's key");
    for r in &rows {
        println!(
            "{:<6} {:<6} {:<50} {}",
            r.share,
            r.proxy,
            r.proxy_account.as_deref().unwrap_or("(no longer a member)"),
            r.proposal
                .map(|id| format!("proposal {id}"))
                .unwrap_or_else(|| "every proposal".into())
        );
    }
    Ok(())
}

/// `coop proxies --json`.
#[derive(Debug, Serialize)]
struct ProxiesJson {
    appointments: Vec<AppointmentJson>,
    limit: u32,
}

/// One appointment.
#[derive(Debug, Serialize)]
struct AppointmentJson {
    /// The appointing member's share.
    share: u32,
    /// The proxy's share.
    proxy: u32,
    /// The proxy's key, SS58 (null if it no longer holds a share).
    proxy_account: Option<String>,
    /// The one proposal it is for; null: every proposal.
    proposal: Option<u32>,
}
