//! Shared by the axml/manifest tests: renders a decoded document in the shape of
//! `aapt dump xmltree`, and normalizes aapt's output to the same shape, so the two can be
//! compared line by line.
#![allow(dead_code)]

use dexflow::axml::{AttrValue, XmlDocument, XmlElement};

/// One line per element and attribute: `<depth> E: name` / `<depth> A: ns:name(0xid)=value`.
pub fn render(doc: &XmlDocument) -> Vec<String> {
    let mut out = Vec::new();
    render_el(doc, &doc.root, 0, &mut out);
    out
}

fn prefix_of(doc: &XmlDocument, uri: &str) -> String {
    doc.namespaces
        .iter()
        .find(|(_, u)| &**u == uri)
        .map(|(p, _)| p.to_string())
        .unwrap_or_else(|| uri.to_string())
}

fn render_el(doc: &XmlDocument, el: &XmlElement, depth: usize, out: &mut Vec<String>) {
    let name = match &el.namespace {
        Some(ns) => format!("{}:{}", prefix_of(doc, ns), el.name),
        None => el.name.to_string(),
    };
    out.push(format!("{depth} E: {name}"));
    for a in &el.attributes {
        let mut line = format!("{depth} A: ");
        if let Some(ns) = &a.namespace {
            line.push_str(&prefix_of(doc, ns));
            line.push(':');
        }
        line.push_str(&a.name);
        if let Some(id) = a.resource_id {
            line.push_str(&format!("({id:#010x})"));
        }
        line.push('=');
        line.push_str(&match &a.value {
            AttrValue::String(s) => format!("{s:?}"),
            AttrValue::Reference(id) => format!("@{id:#010x}"),
            AttrValue::Attribute(id) => format!("?{id:#010x}"),
            AttrValue::Bool(b) => format!("bool {b}"),
            AttrValue::Int(i) => format!("int {:#x}", *i as u32),
            AttrValue::Float(f) => format!("(type 0x4){:#x}", f.to_bits()),
            AttrValue::Other(t, d) => format!("(type {t:#x}){d:#x}"),
        });
        out.push(line);
    }
    for c in &el.children {
        render_el(doc, c, depth + 1, out);
    }
}

/// Normalizes `aapt dump xmltree` output: namespace lines dropped, nesting depth recomputed
/// from element indentation, line numbers and `(Raw: ...)` dropped, ints and bools typed.
pub fn normalize_aapt(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut indents: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("E: ") {
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            depth = indents.len();
            indents.push(indent);
            let name = rest.split(" (line=").next().unwrap_or(rest);
            out.push(format!("{depth} E: {name}"));
        } else if let Some(rest) = t.strip_prefix("A: ") {
            let Some(eq) = attr_eq(rest) else {
                out.push(format!("{depth} A: {rest}"));
                continue;
            };
            let (key, value) = (&rest[..eq], &rest[eq + 1..]);
            out.push(format!("{depth} A: {key}={}", normalize_value(value)));
        }
    }
    out
}

/// The `=` between an attribute's key and its value (keys hold no `=`, but may hold `(...)`).
fn attr_eq(rest: &str) -> Option<usize> {
    rest.find('=')
}

fn normalize_value(v: &str) -> String {
    if v.starts_with('"') {
        // "value" (Raw: "raw"): aapt prints the string unescaped between quotes
        let body = match v.rfind(" (Raw: \"") {
            Some(i) => &v[..i],
            None => v,
        };
        let s = body
            .strip_prefix('"')
            .and_then(|b| b.strip_suffix('"'))
            .unwrap_or(body);
        return format!("{s:?}");
    }
    let v = match v.find(" (Raw: ") {
        Some(i) => &v[..i],
        None => v,
    };
    let typed = |ty: &str| {
        v.strip_prefix(ty)
            .and_then(|d| d.strip_prefix("0x"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    if let Some(d) = typed("(type 0x10)").or_else(|| typed("(type 0x11)")) {
        return format!("int {d:#x}");
    }
    if let Some(d) = typed("(type 0x12)") {
        return format!("bool {}", d != 0);
    }
    v.to_string()
}

/// The document with every element's attributes sorted by (resource id, name).
pub fn sort_attributes(mut doc: XmlDocument) -> XmlDocument {
    fn sort(el: &mut XmlElement) {
        el.attributes
            .sort_by(|a, b| (a.resource_id, &a.name).cmp(&(b.resource_id, &b.name)));
        el.children.iter_mut().for_each(sort);
    }
    sort(&mut doc.root);
    doc
}
