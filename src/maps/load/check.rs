//! What every map file shares: `file:line` locations from byte spans, the error/warning
//! collector, TOML parsing with unknown keys as errors, and the checks of record pieces that
//! several files use (ports, rule sets, permission names, class targets, method
//! subsignatures and whether a port fits the method). Nothing here may panic on any text.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Diagnostic;
use crate::maps::sig::{self, SubSig};
use crate::maps::{Port, RuleSet};

// ---------------------------------------------------------------- diagnostics

/// One file being checked: turns byte offsets into `file:line` locations.
pub(super) struct FileCtx<'a> {
    pub(super) name: &'a str,
    pub(super) text: &'a str,
    /// byte offset of every `\n`, for binary search (locations are asked for per rule)
    pub(super) newlines: Vec<usize>,
}

impl<'a> FileCtx<'a> {
    pub(super) fn new(name: &'a str, text: &'a str) -> FileCtx<'a> {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        FileCtx {
            name,
            text,
            newlines,
        }
    }

    pub(super) fn loc(&self, span: &Range<usize>) -> String {
        let offset = span.start.min(self.text.len());
        let line = self.newlines.partition_point(|&nl| nl < offset) + 1;
        format!("{}:{}", self.name, line)
    }
}

#[derive(Default)]
pub(super) struct Diags {
    pub(super) errors: Vec<Diagnostic>,
    pub(super) warnings: Vec<Diagnostic>,
}

impl Diags {
    pub(super) fn error(
        &mut self,
        f: &FileCtx,
        span: &Range<usize>,
        code: &'static str,
        msg: String,
    ) {
        self.errors
            .push(Diagnostic::error(code, msg).at(f.loc(span)));
    }
    pub(super) fn warn(
        &mut self,
        f: &FileCtx,
        span: &Range<usize>,
        code: &'static str,
        msg: String,
    ) {
        self.warnings
            .push(Diagnostic::warning(code, msg).at(f.loc(span)));
    }
}

pub(super) fn parse_file<T: for<'de> Deserialize<'de>>(f: &FileCtx, d: &mut Diags) -> Option<T> {
    match toml::from_str::<T>(f.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().to_string();
            let code = if msg.contains("unknown field") {
                "map-unknown-key"
            } else {
                "map-toml"
            };
            d.error(f, &span, code, msg);
            None
        }
    }
}

// ---------------------------------------------------------------- shared record pieces

pub(super) fn parse_port(s: &str) -> Option<Port> {
    match s {
        "return" => Some(Port::Return),
        "this" => Some(Port::This),
        _ => {
            let n = s.strip_prefix("arg")?;
            if n.is_empty() || (n.len() > 1 && n.starts_with('0')) {
                return None;
            }
            n.parse::<u8>().ok().map(Port::Arg)
        }
    }
}

pub(super) fn parse_rule_sets(
    f: &FileCtx,
    d: &mut Diags,
    sets: &Spanned<Vec<String>>,
) -> Option<Vec<RuleSet>> {
    let mut out = Vec::new();
    for s in sets.get_ref() {
        match s.as_str() {
            "privacy" => out.push(RuleSet::Privacy),
            "broad" => out.push(RuleSet::Broad),
            other => {
                d.error(
                    f,
                    &sets.span(),
                    "map-bad-rule-set",
                    format!("unknown rule set `{other}` (expected `privacy` or `broad`)"),
                );
                return None;
            }
        }
    }
    if out.is_empty() {
        d.error(
            f,
            &sets.span(),
            "map-bad-rule-set",
            "`rule_sets` is empty".into(),
        );
        return None;
    }
    out.sort();
    out.dedup();
    Some(out)
}

pub(super) fn check_permission_names(
    f: &FileCtx,
    d: &mut Diags,
    span: &Range<usize>,
    perms: &[String],
) {
    for p in perms {
        let ok = p.contains('.')
            && p.split('.').all(|seg| {
                !seg.is_empty() && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if !ok {
            d.error(
                f,
                span,
                "map-bad-permission",
                format!("malformed permission name `{p}`"),
            );
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub(super) enum Target {
    Exact(Arc<str>),
    Suffix(Arc<str>),
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub(super) enum MethodKey {
    Sub(Arc<str>),
    /// `name(*)`
    Name(Arc<str>),
}

/// A method of a record after checking: its key and, for real subsignatures, its shape.
pub(super) struct Method {
    pub(super) key: MethodKey,
    pub(super) shape: Option<(usize, bool)>,
    pub(super) span: Range<usize>,
}

pub(super) fn parse_target(
    f: &FileCtx,
    d: &mut Diags,
    class: &Spanned<String>,
    match_kind: &Option<Spanned<String>>,
) -> Option<Target> {
    let mk = match_kind
        .as_ref()
        .map(|m| m.get_ref().as_str())
        .unwrap_or("exact");
    match mk {
        "exact" => {
            if sig::valid_class(class.get_ref()) {
                Some(Target::Exact(Arc::from(class.get_ref().as_str())))
            } else {
                d.error(
                    f,
                    &class.span(),
                    "map-bad-class",
                    format!(
                        "malformed class descriptor `{}` (expected `Lpkg/Name;`)",
                        class.get_ref()
                    ),
                );
                None
            }
        }
        "suffix" => {
            if sig::valid_class_suffix(class.get_ref()) {
                Some(Target::Suffix(Arc::from(class.get_ref().as_str())))
            } else {
                d.error(
                    f,
                    &class.span(),
                    "map-bad-class",
                    format!(
                        "malformed class suffix `{}` (expected `/pkg/Name;` with match = \"suffix\")",
                        class.get_ref()
                    ),
                );
                None
            }
        }
        other => {
            let span = match_kind
                .as_ref()
                .map(|m| m.span())
                .unwrap_or(class.span());
            d.error(
                f,
                &span,
                "map-bad-match",
                format!("unknown match `{other}` (expected `exact` or `suffix`)"),
            );
            None
        }
    }
}

pub(super) fn parse_methods(
    f: &FileCtx,
    d: &mut Diags,
    methods: &[Spanned<String>],
    target: &Target,
    wildcard_ok: bool,
    record_span: &Range<usize>,
) -> Vec<Method> {
    if methods.is_empty() {
        d.error(
            f,
            record_span,
            "map-bad-signature",
            "`methods` is empty".into(),
        );
    }
    let mut out = Vec::new();
    for m in methods {
        let text = m.get_ref().as_str();
        if let Some(name) = sig::wildcard_name(text) {
            if !wildcard_ok {
                d.error(
                    f,
                    &m.span(),
                    "map-bad-signature",
                    format!(
                        "`{text}`: `name(*)` is only allowed in propagation and sanitizer rules"
                    ),
                );
            } else if matches!(target, Target::Suffix(_)) {
                d.error(
                    f,
                    &m.span(),
                    "map-bad-signature",
                    format!("`{text}`: `name(*)` cannot be combined with match = \"suffix\""),
                );
            } else {
                out.push(Method {
                    key: MethodKey::Name(Arc::from(name)),
                    shape: None,
                    span: m.span(),
                });
            }
            continue;
        }
        match sig::parse_subsig(text) {
            Some(SubSig {
                param_count,
                returns_void,
                ..
            }) => out.push(Method {
                key: MethodKey::Sub(Arc::from(text)),
                shape: Some((param_count, returns_void)),
                span: m.span(),
            }),
            None => d.error(
                f,
                &m.span(),
                "map-bad-signature",
                format!("malformed method subsignature `{text}` (expected `name(params)ret` in descriptor form)"),
            ),
        }
    }
    out
}

pub(super) enum PortFit {
    Ok,
    OutOfRange(usize),
    VoidReturn,
    StaticThis,
}

pub(super) fn port_fit(port: Port, shape: Option<(usize, bool)>, is_static: bool) -> PortFit {
    match port {
        Port::This if is_static => PortFit::StaticThis,
        Port::Return => match shape {
            Some((_, true)) => PortFit::VoidReturn,
            _ => PortFit::Ok,
        },
        Port::Arg(n) => match shape {
            Some((count, _)) if usize::from(n) >= count => PortFit::OutOfRange(count),
            _ => PortFit::Ok,
        },
        Port::This => PortFit::Ok,
    }
}

pub(super) fn port_name(p: Port) -> String {
    match p {
        Port::Return => "return".into(),
        Port::This => "this".into(),
        Port::Arg(n) => format!("arg{n}"),
    }
}

pub(super) fn method_text(m: &Method) -> String {
    match &m.key {
        MethodKey::Sub(s) => s.to_string(),
        MethodKey::Name(n) => format!("{n}(*)"),
    }
}

/// A port that carries data the rule depends on (source port, propagation port, channel
/// value, destination): out of range is an error, void return / static `this` a warning.
pub(super) fn check_data_port(
    f: &FileCtx,
    d: &mut Diags,
    port: Port,
    m: &Method,
    is_static: bool,
    what: &str,
) -> bool {
    match port_fit(port, m.shape, is_static) {
        PortFit::Ok => true,
        PortFit::OutOfRange(count) => {
            d.error(
                f,
                &m.span,
                "map-port-out-of-range",
                format!(
                    "{what} port `{}` is out of range: `{}` has {count} parameter(s)",
                    port_name(port),
                    method_text(m)
                ),
            );
            false
        }
        PortFit::VoidReturn => {
            d.warn(
                f,
                &m.span,
                "map-rule-never-fires",
                format!("{what} port `return` on void method `{}`", method_text(m)),
            );
            false
        }
        PortFit::StaticThis => {
            d.warn(
                f,
                &m.span,
                "map-rule-never-fires",
                format!("{what} port `this` on static method `{}`", method_text(m)),
            );
            false
        }
    }
}

pub(super) fn check_arg_index(f: &FileCtx, d: &mut Diags, arg: u8, m: &Method, what: &str) -> bool {
    match m.shape {
        Some((count, _)) if usize::from(arg) >= count => {
            d.error(
                f,
                &m.span,
                "map-port-out-of-range",
                format!(
                    "{what} {arg} is out of range: `{}` has {count} parameter(s)",
                    method_text(m)
                ),
            );
            false
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports() {
        assert_eq!(parse_port("return"), Some(Port::Return));
        assert_eq!(parse_port("this"), Some(Port::This));
        assert_eq!(parse_port("arg0"), Some(Port::Arg(0)));
        assert_eq!(parse_port("arg12"), Some(Port::Arg(12)));
        for bad in ["arg", "arg01", "arg256", "Arg0", "ret", "arg-1"] {
            assert_eq!(parse_port(bad), None, "{bad}");
        }
    }
}
