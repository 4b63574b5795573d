//! `sinks.toml`: sink rules, sinks reached through a returned object (`return_sink`) and the stream
//! factories those require. The file's record types sit beside the `Builder` method that validates
//! them; every error names `sinks.toml:line`. Nothing here may accept a record it has not checked.

use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::Builder;
use super::check::*;
use crate::maps::{Port, SinkRule};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SinksFile {
    #[serde(default)]
    sink: Vec<Spanned<SinkRec>>,
    #[serde(default)]
    stream_factory: Vec<Spanned<StreamFactoryRec>>,
    #[serde(default)]
    return_sink: Vec<Spanned<ReturnSinkRec>>,
}

/// `[[return_sink]]`: the value an app method returns when it overrides one of `methods` of
/// `class` is sent (Volley `Request.getParams()` / `getBody()` / `getHeaders()`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReturnSinkRec {
    id: String,
    class: Spanned<String>,
    methods: Vec<Spanned<String>>,
    category: Spanned<String>,
    #[serde(default)]
    destination: Option<Spanned<String>>,
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
struct StreamFactoryRec {
    class: Spanned<String>,
    methods: Vec<Spanned<String>>,
    tag: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SinkRec {
    id: String,
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    #[serde(rename = "static", default)]
    is_static: bool,
    methods: Vec<Spanned<String>>,
    category: Spanned<String>,
    ports: Spanned<Vec<String>>,
    #[serde(default)]
    destination: Option<Spanned<String>>,
    #[serde(default)]
    requires: Option<Spanned<String>>,
    rule_sets: Spanned<Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

impl Builder {
    pub(super) fn sinks_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<SinksFile>(f, &mut self.d) else {
            return;
        };
        for rec in &file.sink {
            self.sink_rec(f, rec);
        }
        for rec in &file.return_sink {
            self.return_sink_rec(f, rec);
        }
        for rec in &file.stream_factory {
            let r = rec.get_ref();
            let span = rec.span();
            let Some(target) = parse_target(f, &mut self.d, &r.class, &None) else {
                continue;
            };
            let Target::Exact(class) = &target else {
                continue;
            };
            let tag = self.intern(&r.tag);
            for m in parse_methods(f, &mut self.d, &r.methods, &target, false, &span) {
                let key = format!("stream-factory {}", Self::target_key(&target, &m));
                if !self.claim_rule(f, &m.span, key, "stream factory") {
                    continue;
                }
                if let MethodKey::Sub(sub) = &m.key {
                    self.stream_factories
                        .entry(class.clone())
                        .or_default()
                        .insert(sub.clone(), tag.clone());
                }
            }
        }
    }

    /// An unknown sink category is a warning (the rule still loads).
    fn check_sink_category(&mut self, f: &FileCtx, category: &Spanned<String>) {
        if !self
            .sink_categories
            .contains_key(category.get_ref().as_str())
        {
            self.d.warn(
                f,
                &category.span(),
                "map-unknown-kind",
                format!(
                    "unknown sink category `{}` (declare it as [[sink_category]] in categories.toml)",
                    category.get_ref()
                ),
            );
        }
    }

    fn sink_rec(&mut self, f: &FileCtx, rec: &Spanned<SinkRec>) {
        let r = rec.get_ref();
        let span = rec.span();
        let id_ok = self.claim_id(f, &span, &r.id);
        self.check_sink_category(f, &r.category);
        let sets = parse_rule_sets(f, &mut self.d, &r.rule_sets);
        let target = parse_target(f, &mut self.d, &r.class, &r.match_kind);
        let ports = self.ports_ok(f, &r.ports);
        let destination = match &r.destination {
            Some(p) => self.port_ok(f, p).map(Some),
            None => Some(None),
        };
        let Some(target) = target else { return };
        let methods = parse_methods(f, &mut self.d, &r.methods, &target, false, &span);
        let (true, Some(sets), Some(ports), Some(destination)) = (id_ok, sets, ports, destination)
        else {
            return;
        };
        let id: Arc<str> = Arc::from(r.id.as_str());
        if let Some(req) = &r.requires {
            self.required_tags
                .push((req.get_ref().clone(), f.loc(&req.span())));
            if sets.contains(&self.rule_set) {
                let tag = self.intern(req.get_ref());
                self.sink_requirements.insert(id.clone(), tag);
            }
        }
        let category = self.intern(r.category.get_ref());
        for m in &methods {
            // leak ports that cannot carry data are warnings: the rest of the rule still works
            let mut live = Vec::new();
            for &p in &ports {
                match port_fit(p, m.shape, r.is_static) {
                    PortFit::Ok => live.push(p),
                    PortFit::OutOfRange(count) => self.d.warn(
                        f,
                        &m.span,
                        "map-rule-never-fires",
                        format!(
                            "sink port `{}` can never fire: `{}` has {count} parameter(s)",
                            port_name(p),
                            method_text(m)
                        ),
                    ),
                    PortFit::VoidReturn | PortFit::StaticThis => self.d.warn(
                        f,
                        &m.span,
                        "map-rule-never-fires",
                        format!(
                            "sink port `{}` can never fire on `{}`",
                            port_name(p),
                            method_text(m)
                        ),
                    ),
                }
            }
            if let Some(dp) = destination {
                if !check_data_port(f, &mut self.d, dp, m, r.is_static, "destination") {
                    continue;
                }
            }
            if live.is_empty() {
                continue;
            }
            let key = format!("sink {} {}", Self::target_key(&target, m), category);
            if !self.claim_rule(
                f,
                &m.span,
                key,
                "sink rule of this category for this method",
            ) {
                continue;
            }
            if !sets.contains(&self.rule_set) {
                continue;
            }
            let rule = SinkRule {
                id: id.clone(),
                category: category.clone(),
                ports: live,
                destination,
                rule_sets: sets.clone(),
            };
            self.edit(&target, &m.key, |model| model.sinks.push(rule.clone()));
        }
    }

    fn return_sink_rec(&mut self, f: &FileCtx, rec: &Spanned<ReturnSinkRec>) {
        let r = rec.get_ref();
        let span = rec.span();
        let id_ok = self.claim_id(f, &span, &r.id);
        self.check_sink_category(f, &r.category);
        let sets = parse_rule_sets(f, &mut self.d, &r.rule_sets);
        let target = parse_target(f, &mut self.d, &r.class, &None);
        // the overriding method's receiver is the request object, whose constant URL (known
        // where it is constructed) is the destination; no other port exists on a return
        let destination = match &r.destination {
            None => Some(None),
            Some(p) if p.get_ref() == "this" => Some(Some(Port::This)),
            Some(p) => {
                self.d.error(
                    f,
                    &p.span(),
                    "map-bad-port",
                    format!(
                        "return_sink destination `{}` must be `this` (the overriding object)",
                        p.get_ref()
                    ),
                );
                None
            }
        };
        let Some(target) = target else { return };
        let methods = parse_methods(f, &mut self.d, &r.methods, &target, false, &span);
        let (true, Some(sets), Some(destination)) = (id_ok, sets, destination) else {
            return;
        };
        let Target::Exact(class) = &target else {
            return;
        };
        let id: Arc<str> = Arc::from(r.id.as_str());
        let category = self.intern(r.category.get_ref());
        for m in &methods {
            if !check_data_port(f, &mut self.d, Port::Return, m, false, "return_sink") {
                continue;
            }
            let key = format!("return-sink {}", Self::target_key(&target, m));
            if !self.claim_rule(f, &m.span, key, "return sink for this method") {
                continue;
            }
            if !sets.contains(&self.rule_set) {
                continue;
            }
            let MethodKey::Sub(sub) = &m.key else {
                continue;
            };
            self.return_sinks
                .entry(class.clone())
                .or_default()
                .entry(sub.clone())
                .or_default()
                .push(SinkRule {
                    id: id.clone(),
                    category: category.clone(),
                    ports: vec![Port::Return],
                    destination,
                    rule_sets: sets.clone(),
                });
        }
    }
}
