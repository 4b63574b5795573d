//! `propagation.toml`: propagation rules (taint moving across library calls, keyed containers,
//! decorators, serializers) and sanitizers. The file's record types sit beside the `Builder` method
//! that validates them; every error names `propagation.toml:line`. Nothing here may accept a record
//! it has not checked.

use serde::Deserialize;
use toml::Spanned;

use super::Builder;
use super::check::*;
use crate::maps::{Port, PropagationRule};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PropagationFile {
    #[serde(default)]
    propagation: Vec<Spanned<PropagationRec>>,
    #[serde(default)]
    sanitizer: Vec<Spanned<SanitizerRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PropagationRec {
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    #[serde(rename = "static", default)]
    is_static: bool,
    methods: Vec<Spanned<String>>,
    from: Spanned<Vec<String>>,
    to: Spanned<Vec<String>>,
    /// the argument holding the key of a keyed container (`Map.put(key, value)`)
    #[serde(default)]
    key_arg: Option<u8>,
    /// a decorator's constructor: the new object writes through to this argument
    #[serde(default)]
    wraps_arg: Option<u8>,
    /// a serializer: `from` ports are read with the fields of their objects
    #[serde(default)]
    deep: bool,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SanitizerRec {
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    methods: Vec<Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

impl Builder {
    pub(super) fn propagation_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<PropagationFile>(f, &mut self.d) else {
            return;
        };
        for rec in &file.propagation {
            let r = rec.get_ref();
            let span = rec.span();
            let target = parse_target(f, &mut self.d, &r.class, &r.match_kind);
            let from = self.ports_ok(f, &r.from);
            let to = self.ports_ok(f, &r.to);
            let Some(target) = target else { continue };
            let methods = parse_methods(f, &mut self.d, &r.methods, &target, true, &span);
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            for m in &methods {
                let mut ok = true;
                for &p in &from {
                    ok &= check_data_port(f, &mut self.d, p, m, r.is_static, "propagation `from`");
                }
                for &p in &to {
                    ok &= check_data_port(f, &mut self.d, p, m, r.is_static, "propagation `to`");
                }
                for a in r.key_arg.iter().chain(r.wraps_arg.iter()).copied() {
                    ok &= check_data_port(
                        f,
                        &mut self.d,
                        Port::Arg(a),
                        m,
                        r.is_static,
                        "propagation `key_arg`/`wraps_arg`",
                    );
                }
                if !ok {
                    continue;
                }
                let key = format!("propagation {}", Self::target_key(&target, m));
                if !self.claim_rule(f, &m.span, key, "propagation rule for this method") {
                    continue;
                }
                let rule = PropagationRule {
                    from: from.clone(),
                    to: to.clone(),
                };
                let (key_arg, wraps_arg, deep) = (r.key_arg, r.wraps_arg, r.deep);
                self.edit(&target, &m.key, |model| {
                    model.propagations.push(rule.clone());
                    model.key_arg = key_arg.or(model.key_arg);
                    model.wraps_arg = wraps_arg.or(model.wraps_arg);
                    model.deep |= deep;
                });
            }
        }
        for rec in &file.sanitizer {
            let r = rec.get_ref();
            let span = rec.span();
            let Some(target) = parse_target(f, &mut self.d, &r.class, &r.match_kind) else {
                continue;
            };
            for m in parse_methods(f, &mut self.d, &r.methods, &target, true, &span) {
                let key = format!("sanitizer {}", Self::target_key(&target, &m));
                if !self.claim_rule(f, &m.span, key, "sanitizer for this method") {
                    continue;
                }
                self.edit(&target, &m.key, |model| model.sanitizer = true);
            }
        }
    }
}
