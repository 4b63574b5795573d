//! Import of FlowDroid `SourcesAndSinks.txt` lines into loaded `Models`, so users can bring
//! their own lists:
//!
//! ```text
//! <android.telephony.TelephonyManager: java.lang.String getDeviceId()> -> _SOURCE_
//! <android.telephony.SmsManager: void sendTextMessage(java.lang.String,...)> android.permission.SEND_SMS -> _SINK_
//! ```
//!
//! `_SOURCE_` becomes a call source on the return value, `_SINK_` a sink on every argument
//! (the receiver when there is none), `_BOTH_` both. `%` starts a comment; a comment line
//! `% [category]` sets the data category of the lines after it (default `flowdroid`).
//! Import is all-or-nothing: one malformed line rejects the whole text.

use std::sync::Arc;

use super::models::{MapError, Models};
use super::sig;
use super::{MethodModel, Port, SinkRule, SourceKind, SourceRule};
use crate::diag::Diagnostic;

impl Models {
    /// Add FlowDroid `SourcesAndSinks.txt` lines (see `flowdroid`). All-or-nothing: on any
    /// malformed line nothing is added and every bad line is reported as `origin:line`.
    pub fn import_flowdroid(
        &mut self,
        text: &str,
        origin: &str,
    ) -> Result<Vec<Diagnostic>, MapError> {
        import(self, text, origin)
    }
}

struct Line {
    class: String,
    subsig: String,
    param_count: usize,
    returns_void: bool,
    permissions: Vec<Arc<str>>,
    source: bool,
    sink: bool,
    category: Arc<str>,
    lineno: usize,
}

struct Parsed<'a> {
    class: String,
    subsig: String,
    param_count: usize,
    returns_void: bool,
    permissions: Vec<String>,
    marker: &'a str,
}

fn parse_line(text: &str) -> Result<Parsed<'_>, String> {
    let (left, right) = text
        .rsplit_once("->")
        .ok_or("expected `<Class: ret name(params)> [permissions] -> _SOURCE_|_SINK_|_BOTH_`")?;
    let marker = right.split_whitespace().next().unwrap_or("");
    let left = left.trim();
    let rest = left
        .strip_prefix('<')
        .ok_or("method signature must start with `<`")?;
    let close = rest
        .find('>')
        .ok_or("missing `>` after the method signature")?;
    let inner = &rest[..close];
    let perms: Vec<String> = rest[close + 1..]
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let (class, method) = inner
        .split_once(':')
        .ok_or("expected `Class: ret name(params)` inside `<...>`")?;
    let class = sig::java_class_to_descriptor(class)
        .ok_or_else(|| format!("malformed class name `{}`", class.trim()))?;
    let method = method.trim();
    let (ret, call) = method
        .split_once(' ')
        .ok_or("expected `ret name(params)` after `:`")?;
    let ret_desc = sig::java_type_to_descriptor(ret)
        .ok_or_else(|| format!("malformed return type `{ret}`"))?;
    let call = call.trim();
    let open = call.find('(').ok_or("missing `(` in the method")?;
    let params = call[open + 1..]
        .strip_suffix(')')
        .ok_or("missing `)` at the end of the method")?;
    let name = call[..open].trim();
    let mut desc = String::new();
    let mut count = 0usize;
    for p in params.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        desc.push_str(
            &sig::java_type_to_descriptor(p)
                .filter(|d| d != "V")
                .ok_or_else(|| format!("malformed parameter type `{p}`"))?,
        );
        count += 1;
    }
    let subsig = format!("{name}({desc}){ret_desc}");
    if sig::parse_subsig(&subsig).is_none() {
        return Err(format!("malformed method `{call}`"));
    }
    Ok(Parsed {
        class,
        subsig,
        param_count: count,
        returns_void: ret_desc == "V",
        permissions: perms,
        marker,
    })
}

fn import(models: &mut Models, text: &str, origin: &str) -> Result<Vec<Diagnostic>, MapError> {
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    let mut lines = Vec::new();
    let mut category: Arc<str> = Arc::from("flowdroid");
    if models.category("flowdroid").is_none() {
        errors.push(
            Diagnostic::error(
                "map-unknown-category",
                "category `flowdroid` is not declared in categories.toml",
            )
            .at(origin.to_string()),
        );
    }
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let at = || format!("{origin}:{lineno}");
        let trimmed = raw.trim();
        if let Some(comment) = trimmed.strip_prefix('%') {
            let c = comment.trim();
            if let Some(id) = c.strip_prefix('[').and_then(|c| c.strip_suffix(']')) {
                match models.category(id.trim()) {
                    Some(cat) => category = cat.id.clone(),
                    None => errors.push(
                        Diagnostic::error(
                            "map-unknown-category",
                            format!("unknown data category `{}`", id.trim()),
                        )
                        .at(at()),
                    ),
                }
            }
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        match parse_line(trimmed) {
            Ok(Parsed {
                class,
                subsig,
                param_count,
                returns_void,
                permissions: perms,
                marker,
            }) => {
                let (source, sink) = match marker {
                    "_SOURCE_" => (true, false),
                    "_SINK_" => (false, true),
                    "_BOTH_" => (true, true),
                    other => {
                        errors.push(
                            Diagnostic::error(
                                "map-flowdroid-syntax",
                                format!(
                                    "unknown marker `{other}` (expected _SOURCE_, _SINK_ or _BOTH_)"
                                ),
                            )
                            .at(at()),
                        );
                        continue;
                    }
                };
                let mut permissions = Vec::new();
                for p in perms {
                    if p.contains('.') && !p.contains(['<', '>', '(', ')']) {
                        permissions.push(Arc::from(p.as_str()));
                    } else {
                        errors.push(
                            Diagnostic::error(
                                "map-bad-permission",
                                format!("malformed permission `{p}`"),
                            )
                            .at(at()),
                        );
                    }
                }
                lines.push(Line {
                    class,
                    subsig,
                    param_count,
                    returns_void,
                    permissions,
                    source,
                    sink,
                    category: category.clone(),
                    lineno,
                });
            }
            Err(msg) => errors.push(Diagnostic::error("map-flowdroid-syntax", msg).at(at())),
        }
    }
    if !errors.is_empty() {
        return Err(MapError { errors });
    }
    let rule_set = models.rule_set;
    for l in lines {
        let at = format!("{origin}:{}", l.lineno);
        let id: Arc<str> = Arc::from(format!("flowdroid:{at}"));
        let class: Arc<str> = Arc::from(l.class.as_str());
        let subsig: Arc<str> = Arc::from(l.subsig.as_str());
        let api: Arc<str> = Arc::from(format!("{}->{}", l.class, l.subsig));
        if !l.permissions.is_empty() {
            let entry = models.api_permissions.entry(api).or_default();
            for p in &l.permissions {
                if !entry.contains(p) {
                    entry.push(p.clone());
                }
            }
            entry.sort();
        }
        // a fresh exact entry would hide the class's `name(*)` rules: seed it with them
        let seed = models
            .by_name
            .get(&class)
            .and_then(|m| m.get(super::sig::name_of(&subsig)))
            .cloned();
        let methods = models.exact.entry(class.clone()).or_default();
        let fresh = !methods.contains_key(&subsig);
        let model = methods.entry(subsig.clone()).or_insert_with(|| {
            seed.map(|w| MethodModel {
                propagations: w.propagations,
                sanitizer: w.sanitizer,
                key_arg: w.key_arg,
                wraps_arg: w.wraps_arg,
                deep: w.deep,
                ..MethodModel::default()
            })
            .unwrap_or_default()
        });
        if l.source {
            if l.returns_void {
                notes.push(
                    Diagnostic::warning(
                        "map-rule-never-fires",
                        format!("source `{}` returns void; skipped", l.subsig),
                    )
                    .at(at.clone()),
                );
            } else if model.sources.iter().any(|s| s.port == Port::Return) {
                notes.push(
                    Diagnostic::info(
                        "map-already-modelled",
                        format!("source `{}` already modelled; skipped", l.subsig),
                    )
                    .at(at.clone()),
                );
            } else {
                model.sources.push(SourceRule {
                    id: id.clone(),
                    category: l.category.clone(),
                    kind: SourceKind::Call,
                    port: Port::Return,
                    uri_arg: None,
                    permissions: l.permissions.clone(),
                    rule_sets: vec![rule_set],
                });
            }
        }
        if l.sink {
            if !model.sinks.is_empty() {
                notes.push(
                    Diagnostic::info(
                        "map-already-modelled",
                        format!("sink `{}` already modelled; skipped", l.subsig),
                    )
                    .at(at.clone()),
                );
            } else {
                let ports = if l.param_count == 0 {
                    vec![Port::This]
                } else {
                    (0..l.param_count.min(256))
                        .filter_map(|n| u8::try_from(n).ok().map(Port::Arg))
                        .collect()
                };
                model.sinks.push(SinkRule {
                    id: id.clone(),
                    category: Arc::from("flowdroid"),
                    ports,
                    destination: None,
                    rule_sets: vec![rule_set],
                });
            }
        }
        // a line that added nothing leaves no empty model behind
        if fresh && model.sources.is_empty() && model.sinks.is_empty() {
            // only the seeded wildcard rules: drop the entry, `lookup` falls back to them
            if let Some(methods) = models.exact.get_mut(&class) {
                methods.remove(&subsig);
                if methods.is_empty() {
                    models.exact.remove(&class);
                }
            }
        }
    }
    Ok(notes)
}
