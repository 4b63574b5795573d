//! `sources.toml`: source rules (calls and callback parameters that yield personal data, with
//! content-provider and constant gates), field sources and social-SDK scope strings. The file's
//! record types sit beside the `Builder` method that validates them; every error names
//! `sources.toml:line`. Nothing here may accept a record it has not checked.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::Builder;
use super::check::*;
use crate::maps::models::{ConstGate, FieldSource, GateKey, ScopeString};
use crate::maps::sig;
use crate::maps::{Port, RuleSet, SourceKind, SourceRule};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    source: Vec<Spanned<SourceRec>>,
    #[serde(default)]
    field_source: Vec<Spanned<FieldSourceRec>>,
    #[serde(default)]
    scope_string: Vec<Spanned<ScopeStringRec>>,
}

/// A constant an app sends to a social SDK login or API to ask for a kind of data
/// (`user_friends`): evidence of collection even when the data is fetched server-side.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeStringRec {
    value: Spanned<String>,
    category: Spanned<String>,
    sdk: String,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceRec {
    id: String,
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    #[serde(rename = "static", default)]
    is_static: bool,
    methods: Vec<Spanned<String>>,
    category: Spanned<String>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    port: Option<Spanned<String>>,
    #[serde(default)]
    uri_arg: Option<u8>,
    #[serde(default)]
    gate: Option<GateRec>,
    #[serde(default)]
    permissions: Vec<String>,
    rule_sets: Spanned<Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GateRec {
    arg: u8,
    values: Vec<String>,
    #[serde(default)]
    key: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldSourceRec {
    id: String,
    field: Spanned<String>,
    category: Spanned<String>,
    #[serde(default)]
    permissions: Vec<String>,
    rule_sets: Spanned<Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

impl Builder {
    pub(super) fn sources_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<SourcesFile>(f, &mut self.d) else {
            return;
        };
        for rec in &file.source {
            self.source_rec(f, rec);
        }
        for rec in &file.scope_string {
            let r = rec.get_ref();
            let cat_ok = self.category_ok(f, &r.category);
            let value = r.value.get_ref().trim();
            if value.is_empty() || value.contains([',', ' ']) {
                self.d.error(
                    f,
                    &r.value.span(),
                    "map-bad-scope",
                    format!("scope string `{value}` must be one non-empty token"),
                );
                continue;
            }
            if self.scope_strings.iter().any(|x| &*x.value == value) {
                self.d.error(
                    f,
                    &r.value.span(),
                    "map-duplicate-rule",
                    format!("scope string `{value}` is declared twice"),
                );
                continue;
            }
            if cat_ok {
                let category = self.intern(r.category.get_ref());
                self.scope_strings.push(ScopeString {
                    value: Arc::from(value),
                    category,
                    sdk: Arc::from(r.sdk.as_str()),
                });
            }
        }
        for rec in &file.field_source {
            let r = rec.get_ref();
            let span = rec.span();
            let id_ok = self.claim_id(f, &span, &r.id);
            let cat_ok = self.category_ok(f, &r.category);
            let sets = parse_rule_sets(f, &mut self.d, &r.rule_sets);
            check_permission_names(f, &mut self.d, &span, &r.permissions);
            if !sig::valid_field_signature(r.field.get_ref()) {
                self.d.error(
                    f,
                    &r.field.span(),
                    "map-bad-signature",
                    format!(
                        "malformed field signature `{}` (expected `Lpkg/Cls;->NAME:type`)",
                        r.field.get_ref()
                    ),
                );
                continue;
            }
            let (true, true, Some(sets)) = (id_ok, cat_ok, sets) else {
                continue;
            };
            if !self.claim_rule(
                f,
                &span,
                format!("field-source {}", r.field.get_ref()),
                "field source",
            ) {
                continue;
            }
            if !sets.contains(&self.rule_set) {
                continue;
            }
            let field = self.intern(r.field.get_ref());
            let perms: Vec<Arc<str>> = r.permissions.iter().map(|p| self.intern(p)).collect();
            let category = self.intern(r.category.get_ref());
            self.field_sources.insert(
                field.clone(),
                FieldSource {
                    id: Arc::from(r.id.as_str()),
                    field,
                    category,
                    permissions: perms,
                },
            );
        }
    }

    fn source_rec(&mut self, f: &FileCtx, rec: &Spanned<SourceRec>) {
        let r = rec.get_ref();
        let span = rec.span();
        let id_ok = self.claim_id(f, &span, &r.id);
        let cat_ok = self.category_ok(f, &r.category);
        let sets = parse_rule_sets(f, &mut self.d, &r.rule_sets);
        check_permission_names(f, &mut self.d, &span, &r.permissions);
        let target = parse_target(f, &mut self.d, &r.class, &r.match_kind);
        let kind = match r.kind.as_ref().map(|k| k.get_ref().as_str()) {
            None | Some("call") => Some(SourceKind::Call),
            Some("callback") => Some(SourceKind::CallbackParameter),
            Some(other) => {
                let kspan = r.kind.as_ref().map(|k| k.span()).unwrap_or(span.clone());
                self.d.warn(
                    f,
                    &kspan,
                    "map-unknown-kind",
                    format!("unknown source kind `{other}` (expected `call` or `callback`); rule `{}` skipped", r.id),
                );
                None
            }
        };
        let port = match &r.port {
            Some(p) => self.port_ok(f, p),
            None => Some(Port::Return),
        };
        let Some(target) = target else { return };
        let methods = parse_methods(f, &mut self.d, &r.methods, &target, false, &span);
        let (true, true, Some(sets), Some(kind), Some(port)) = (id_ok, cat_ok, sets, kind, port)
        else {
            return;
        };
        if kind == SourceKind::CallbackParameter && !matches!(port, Port::Arg(_)) {
            let pspan = r.port.as_ref().map(|p| p.span()).unwrap_or(span.clone());
            self.d.error(
                f,
                &pspan,
                "map-bad-port",
                "a callback source must name the parameter that receives the data (`argN`)".into(),
            );
            return;
        }
        // gated sources (uri_arg) carry a fallback category; the URI decides the real one
        if sets.contains(&RuleSet::Privacy)
            && r.uri_arg.is_none()
            && self
                .categories
                .get(r.category.get_ref().as_str())
                .is_some_and(|c| !c.personal)
        {
            self.d.warn(
                f,
                &r.category.span(),
                "map-privacy-nonpersonal",
                format!(
                    "rule `{}` is in the privacy set but category `{}` is not personal",
                    r.id,
                    r.category.get_ref()
                ),
            );
        }
        let id: Arc<str> = Arc::from(r.id.as_str());
        let category = self.intern(r.category.get_ref());
        let perms: Vec<Arc<str>> = r.permissions.iter().map(|p| self.intern(p)).collect();
        let mut gate_ok = true;
        for m in &methods {
            if !check_data_port(f, &mut self.d, port, m, r.is_static, "source") {
                gate_ok = false;
                continue;
            }
            if let Some(u) = r.uri_arg {
                gate_ok &= check_arg_index(f, &mut self.d, u, m, "uri_arg");
            }
            if let Some(g) = &r.gate {
                gate_ok &= check_arg_index(f, &mut self.d, g.arg, m, "gate arg");
            }
        }
        if !gate_ok {
            return;
        }
        if let Some(g) = &r.gate {
            if g.values.is_empty() {
                self.d
                    .error(f, &span, "map-bad-gate", "`gate.values` is empty".into());
                return;
            }
            if let Some(k) = &g.key
                && GateKey::parse(k.get_ref()).is_none()
            {
                let names: Vec<&str> = GateKey::NAMES.iter().map(|(n, _)| *n).collect();
                let msg = format!(
                    "unknown `gate.key` `{}` (expected one of: {})",
                    k.get_ref(),
                    names.join(", ")
                );
                self.d.error(f, &k.span(), "map-bad-gate", msg);
                return;
            }
        }
        for m in &methods {
            let key = format!(
                "source {} {:?} {:?}",
                Self::target_key(&target, m),
                kind,
                port
            );
            if !self.claim_rule(f, &m.span, key, "source rule for this method and port") {
                continue;
            }
            // a source gated on a constant argument (`getStringExtra("incoming_number")`) needs
            // its permissions only for that argument: the bare API needs none
            if r.gate.is_none() {
                self.add_api_permissions(&target, m, &perms);
            }
            if !sets.contains(&self.rule_set) {
                continue;
            }
            let rule = SourceRule {
                id: id.clone(),
                category: category.clone(),
                kind,
                port,
                uri_arg: r.uri_arg,
                permissions: perms.clone(),
                rule_sets: sets.clone(),
            };
            self.edit(&target, &m.key, |model| model.sources.push(rule.clone()));
        }
        if sets.contains(&self.rule_set) {
            if let Some(g) = &r.gate {
                let values = g.values.iter().map(|v| Arc::from(v.as_str())).collect();
                let key = g.key.as_ref().and_then(|k| GateKey::parse(k.get_ref()));
                self.gates.insert(
                    id,
                    ConstGate {
                        arg: g.arg,
                        values,
                        key,
                    },
                );
            }
        }
    }
}
