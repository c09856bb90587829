//! `pactum contact add|edit|remove|list`: the key people at a partner.

use super::{json, line};
use crate::context::Context;
use crate::domain::Contact;
use crate::domain::text::clean_line;
use clap::Subcommand;
use std::io::Write;

/// Key people at a partner: who to call.
#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a contact; prints its id
    Add {
        partner: String,
        name: String,
        #[arg(long, value_name = "ROLE", default_value = "")]
        role: String,
        #[arg(long, value_name = "EMAIL", default_value = "")]
        email: String,
        #[arg(long, value_name = "PHONE", default_value = "")]
        phone: String,
        /// When to call, what they care about
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
    /// Change a contact: only the fields given change
    Edit {
        id: i64,
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        #[arg(long, value_name = "EMAIL")]
        email: Option<String>,
        #[arg(long, value_name = "PHONE")]
        phone: Option<String>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Remove a contact (the event log keeps what it held)
    Remove { id: i64 },
    /// List contacts, of one partner or of every partner
    List {
        partner: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Context, cmd: ContactCmd, out: &mut dyn Write) -> Result<(), String> {
    let mut store = ctx.open()?;
    let err = |e: crate::store::StoreError| e.to_string();
    match cmd {
        ContactCmd::Add {
            partner,
            name,
            role,
            email,
            phone,
            note,
        } => {
            let partner_id = store.resolve_partner(&partner).map_err(err)?;
            let id = store
                .add_contact(&Contact {
                    id: 0,
                    partner_id,
                    name,
                    role,
                    email,
                    phone,
                    note,
                    version: 0,
                })
                .map_err(err)?;
            line(out, &format!("added contact {id}"))
        }
        ContactCmd::Edit {
            id,
            name,
            role,
            email,
            phone,
            note,
        } => {
            let mut c = store.contact(id).map_err(err)?;
            let given = [name, role, email, phone, note];
            if given.iter().all(Option::is_none) {
                return Err(
                    "nothing to change: give --name, --role, --email, --phone or --note".into(),
                );
            }
            let [name, role, email, phone, note] = given;
            for (field, value) in [
                (&mut c.name, name),
                (&mut c.role, role),
                (&mut c.email, email),
                (&mut c.phone, phone),
                (&mut c.note, note),
            ] {
                if let Some(v) = value {
                    *field = v;
                }
            }
            store.edit_contact(&c).map_err(err)?;
            line(out, &format!("changed contact {id}"))
        }
        ContactCmd::Remove { id } => {
            let c = store.contact(id).map_err(err)?;
            store.remove_contact(id).map_err(err)?;
            line(
                out,
                &format!("removed contact {id} ({})", clean_line(&c.name)),
            )
        }
        ContactCmd::List {
            partner,
            json: as_json,
        } => {
            let list = match partner {
                Some(p) => {
                    let id = store.resolve_partner(&p).map_err(err)?;
                    store.contacts(id).map_err(err)?
                }
                None => store.all_contacts().map_err(err)?,
            };
            if as_json {
                return json(out, &list);
            }
            if list.is_empty() {
                return line(out, "no contacts: pactum contact add PARTNER NAME");
            }
            for c in list {
                let reach: Vec<String> = [&c.role, &c.email, &c.phone]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| clean_line(s))
                    .collect();
                line(
                    out,
                    &format!(
                        "{:>6}  partner {:<5}  {}{}",
                        c.id,
                        c.partner_id,
                        clean_line(&c.name),
                        if reach.is_empty() {
                            String::new()
                        } else {
                            format!(" — {}", reach.join(" · "))
                        }
                    ),
                )?;
            }
            Ok(())
        }
    }
}
