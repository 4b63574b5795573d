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

/// A small binary XML writer for hand-crafted (and deliberately broken) test files.
pub struct AxmlBuilder {
    strings: Vec<String>,
    utf8: bool,
    resource_map: Vec<u32>,
    body: Vec<u8>,
}

/// An attribute value for `AxmlBuilder::start`.
pub enum V<'a> {
    Str(&'a str),
    Typed(u8, u32),
}

pub const NONE: u32 = 0xffff_ffff;

impl AxmlBuilder {
    /// `id_attrs`: attribute names that carry resource ids; they take the first pool slots,
    /// as the resource map requires (an empty name models the "nameless attribute" trick).
    pub fn new(utf8: bool, id_attrs: &[(&str, u32)]) -> Self {
        AxmlBuilder {
            strings: id_attrs.iter().map(|(n, _)| n.to_string()).collect(),
            utf8,
            resource_map: id_attrs.iter().map(|&(_, id)| id).collect(),
            body: Vec::new(),
        }
    }

    pub fn idx(&mut self, s: &str) -> u32 {
        let n = self.resource_map.len();
        if let Some(i) = self.strings.iter().skip(n).position(|x| x == s) {
            return (i + n) as u32;
        }
        self.strings.push(s.to_string());
        (self.strings.len() - 1) as u32
    }

    fn node(&mut self, kind: u16, ext: &[u8]) {
        let size = 16 + ext.len();
        self.body.extend(kind.to_le_bytes());
        self.body.extend(16u16.to_le_bytes());
        self.body.extend((size as u32).to_le_bytes());
        self.body.extend(1u32.to_le_bytes()); // line
        self.body.extend(NONE.to_le_bytes()); // comment
        self.body.extend(ext);
    }

    pub fn start_ns(&mut self, prefix: &str, uri: &str) {
        let (p, u) = (self.idx(prefix), self.idx(uri));
        let ext: Vec<u8> = [p, u].iter().flat_map(|x| x.to_le_bytes()).collect();
        self.node(0x0100, &ext);
    }

    /// `attrs`: (namespace URI or "", name string index, value)
    pub fn start(&mut self, name: &str, attrs: &[(&str, u32, V<'_>)]) {
        let n = self.idx(name);
        let mut ext = Vec::new();
        ext.extend(NONE.to_le_bytes());
        ext.extend(n.to_le_bytes());
        ext.extend(20u16.to_le_bytes()); // attributeStart
        ext.extend(20u16.to_le_bytes()); // attributeSize
        ext.extend((attrs.len() as u16).to_le_bytes());
        ext.extend([0u8; 6]);
        for (ns, name_idx, v) in attrs {
            let ns = if ns.is_empty() { NONE } else { self.idx(ns) };
            let (raw, ty, data) = match v {
                V::Str(s) => {
                    let i = self.idx(s);
                    (i, 3u8, i)
                }
                V::Typed(t, d) => (NONE, *t, *d),
            };
            ext.extend(ns.to_le_bytes());
            ext.extend(name_idx.to_le_bytes());
            ext.extend(raw.to_le_bytes());
            ext.extend(8u16.to_le_bytes());
            ext.push(0);
            ext.push(ty);
            ext.extend(data.to_le_bytes());
        }
        self.node(0x0102, &ext);
    }

    pub fn end(&mut self, name: &str) {
        let n = self.idx(name);
        let ext: Vec<u8> = [NONE, n].iter().flat_map(|x| x.to_le_bytes()).collect();
        self.node(0x0103, &ext);
    }

    /// A raw chunk (for unknown chunk types and the like).
    pub fn raw_chunk(&mut self, kind: u16, payload: &[u8]) {
        self.body.extend(kind.to_le_bytes());
        self.body.extend(8u16.to_le_bytes());
        self.body.extend(((8 + payload.len()) as u32).to_le_bytes());
        self.body.extend(payload);
    }

    pub fn finish(&self) -> Vec<u8> {
        let mut offsets = Vec::new();
        let mut data = Vec::new();
        for s in &self.strings {
            offsets.extend((data.len() as u32).to_le_bytes());
            if self.utf8 {
                let n16 = s.encode_utf16().count();
                assert!(n16 < 0x80 && s.len() < 0x80, "test strings are short");
                data.push(n16 as u8);
                data.push(s.len() as u8);
                data.extend(s.as_bytes());
                data.push(0);
            } else {
                let units: Vec<u16> = s.encode_utf16().collect();
                data.extend((units.len() as u16).to_le_bytes());
                units.iter().for_each(|u| data.extend(u.to_le_bytes()));
                data.extend([0, 0]);
            }
        }
        while data.len() % 4 != 0 {
            data.push(0);
        }
        let pool_header = 28;
        let strings_start = pool_header + offsets.len();
        let pool_size = strings_start + data.len();
        let mut pool = Vec::new();
        pool.extend(1u16.to_le_bytes());
        pool.extend((pool_header as u16).to_le_bytes());
        pool.extend((pool_size as u32).to_le_bytes());
        pool.extend((self.strings.len() as u32).to_le_bytes());
        pool.extend(0u32.to_le_bytes());
        pool.extend((if self.utf8 { 0x100u32 } else { 0 }).to_le_bytes());
        pool.extend((strings_start as u32).to_le_bytes());
        pool.extend(0u32.to_le_bytes());
        pool.extend(offsets);
        pool.extend(data);
        let mut map = Vec::new();
        map.extend(0x0180u16.to_le_bytes());
        map.extend(8u16.to_le_bytes());
        map.extend(((8 + 4 * self.resource_map.len()) as u32).to_le_bytes());
        self.resource_map
            .iter()
            .for_each(|id| map.extend(id.to_le_bytes()));
        let total = 8 + pool.len() + map.len() + self.body.len();
        let mut out = Vec::new();
        out.extend(3u16.to_le_bytes());
        out.extend(8u16.to_le_bytes());
        out.extend((total as u32).to_le_bytes());
        out.extend(pool);
        out.extend(map);
        out.extend(&self.body);
        out
    }
}
