//! `permissions.toml`: the permission each API needs and the dangerous permissions.
//! The file's record types sit beside the `Builder` method that validates them; every error
//! names `permissions.toml:line`. Nothing here may accept a record it has not checked.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::Builder;
use super::check::*;
use crate::maps::sig;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PermissionsFile {
    #[serde(default)]
    dangerous: Vec<Spanned<String>>,
    #[serde(default)]
    api: Vec<Spanned<ApiPermRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiPermRec {
    signature: Spanned<String>,
    permissions: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

impl Builder {
    pub(super) fn permissions_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<PermissionsFile>(f, &mut self.d) else {
            return;
        };
        for p in &file.dangerous {
            check_permission_names(f, &mut self.d, &p.span(), std::slice::from_ref(p.get_ref()));
            let a = self.intern(p.get_ref());
            if self.dangerous.contains(&a) {
                self.d.error(
                    f,
                    &p.span(),
                    "map-duplicate-rule",
                    format!("duplicate dangerous permission `{a}`"),
                );
            } else {
                self.dangerous.push(a);
            }
        }
        for rec in &file.api {
            let r = rec.get_ref();
            check_permission_names(f, &mut self.d, &rec.span(), &r.permissions);
            let Some((class, subsig)) = sig::split_method_signature(r.signature.get_ref()) else {
                self.d.error(
                    f,
                    &r.signature.span(),
                    "map-bad-signature",
                    format!(
                        "malformed API signature `{}` (expected `Lpkg/Cls;->name(params)ret`)",
                        r.signature.get_ref()
                    ),
                );
                continue;
            };
            let key = format!("api-permission {class}->{subsig}");
            if !self.claim_rule(f, &r.signature.span(), key, "API permission entry") {
                continue;
            }
            let perms: Vec<Arc<str>> = r.permissions.iter().map(|p| self.intern(p)).collect();
            let sig = self.intern(r.signature.get_ref());
            let entry = self.api_permissions.entry(sig).or_default();
            for p in perms {
                if !entry.contains(&p) {
                    entry.push(p);
                }
            }
            entry.sort();
        }
    }
}
