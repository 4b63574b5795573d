//! aapt2's protobuf XML (`XmlNode` from aapt2's Resources.proto), the form manifests and
//! layouts take inside an Android App Bundle (`base/manifest/AndroidManifest.xml`).
//!
//! A hand-written, bounded wire decoder: every length is checked against the bytes left,
//! nesting is limited, unknown fields are skipped, and nothing is allocated from a length
//! before the bytes it describes are known to exist. It decodes into the same `XmlDocument` as
//! the binary XML walker so the manifest builder never knows which form it read.
//!
//! Field numbers (aapt2 Resources.proto): XmlNode{element=1, text=2, source=3},
//! XmlElement{namespace_declaration=1, namespace_uri=2, name=3, attribute=4, child=5},
//! XmlNamespace{prefix=1, uri=2}, XmlAttribute{namespace_uri=1, name=2, value=3, source=4,
//! resource_id=5, compiled_item=6}, Item{ref=1, str=2, raw_str=3, styled_str=4, file=5, id=6,
//! prim=7}, Reference{type=1, id=2, name=3}, String/RawString/StyledString{value=1},
//! FileReference{path=1}, Primitive{null=1, empty=2, float=3, dimension_deprecated=4,
//! fraction_deprecated=5, int_decimal=6, int_hexadecimal=7, boolean=8, color_argb8=9,
//! color_rgb8=10, color_argb4=11, color_rgb4=12, dimension=13, fraction=14}.

use std::sync::Arc;

use super::{AttrValue, AxmlError, MAX_DEPTH, XmlAttribute, XmlDocument, XmlElement};
use crate::diag::Diagnostic;

/// One wire field: its number and its payload.
#[derive(Clone, Copy, Debug)]
enum Field<'a> {
    Varint(u64),
    Fixed64(u64),
    Bytes(&'a [u8]),
    Fixed32(u32),
}

/// Iterates the fields of one message; `base` is the message's offset in the file, for errors.
struct Fields<'a> {
    b: &'a [u8],
    pos: usize,
    base: usize,
}

impl<'a> Fields<'a> {
    fn new(b: &'a [u8], base: usize) -> Self {
        Fields { b, pos: 0, base }
    }

    fn err(&self, what: &'static str) -> AxmlError {
        AxmlError::Proto {
            offset: self.base.saturating_add(self.pos),
            what,
        }
    }

    fn varint(&mut self) -> Result<u64, AxmlError> {
        let mut v = 0u64;
        for shift in (0..70).step_by(7) {
            let Some(&byte) = self.b.get(self.pos) else {
                return Err(self.err("varint runs past the end"));
            };
            self.pos += 1;
            if shift < 64 {
                v |= u64::from(byte & 0x7f) << shift;
            }
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("varint longer than 10 bytes"))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], AxmlError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| self.err("field runs past the end of its message"))?;
        let s = self.b.get(self.pos..end).unwrap_or(&[]);
        self.pos = end;
        Ok(s)
    }

    /// The next `(field number, payload, payload offset)`, or `None` at the end.
    fn next_field(&mut self) -> Result<Option<(u64, Field<'a>, usize)>, AxmlError> {
        if self.pos >= self.b.len() {
            return Ok(None);
        }
        let key = self.varint()?;
        let at = self.base.saturating_add(self.pos);
        let field = match key & 7 {
            0 => Field::Varint(self.varint()?),
            1 => {
                let s = self.take(8)?;
                Field::Fixed64(u64::from_le_bytes(s.try_into().unwrap_or([0; 8])))
            }
            2 => {
                let len = self.varint()?;
                let len = usize::try_from(len).map_err(|_| self.err("length too large"))?;
                Field::Bytes(self.take(len)?)
            }
            5 => {
                let s = self.take(4)?;
                Field::Fixed32(u32::from_le_bytes(s.try_into().unwrap_or([0; 4])))
            }
            _ => return Err(self.err("unsupported wire type (groups or invalid)")),
        };
        Ok(Some((key >> 3, field, at)))
    }
}

fn string(b: &[u8]) -> Arc<str> {
    Arc::from(String::from_utf8_lossy(b).as_ref())
}

/// The `value = 1` string of a String/RawString/StyledString/FileReference message.
fn value_string(b: &[u8], base: usize) -> Result<Arc<str>, AxmlError> {
    let mut f = Fields::new(b, base);
    let mut out = Arc::from("");
    while let Some((num, field, _)) = f.next_field()? {
        if let (1, Field::Bytes(s)) = (num, field) {
            out = string(s);
        }
    }
    Ok(out)
}

/// Decodes a protobuf `XmlNode` holding the document's root element.
pub fn parse(bytes: &[u8]) -> Result<XmlDocument, AxmlError> {
    let mut doc = XmlDocument::default();
    let root = node(bytes, 0, 0, &mut doc)?;
    doc.root = root.ok_or(AxmlError::NoRootElement)?;
    Ok(doc)
}

/// An `XmlNode`: its element, or `None` for a text node.
fn node(
    b: &[u8],
    base: usize,
    depth: usize,
    doc: &mut XmlDocument,
) -> Result<Option<XmlElement>, AxmlError> {
    let mut f = Fields::new(b, base);
    let mut element = None;
    while let Some((num, field, at)) = f.next_field()? {
        if let (1, Field::Bytes(s)) = (num, field) {
            element = Some(xml_element(s, at, depth, doc)?);
        }
    }
    Ok(element)
}

fn xml_element(
    b: &[u8],
    base: usize,
    depth: usize,
    doc: &mut XmlDocument,
) -> Result<XmlElement, AxmlError> {
    let mut f = Fields::new(b, base);
    let mut el = XmlElement::default();
    let mut dropped = false;
    while let Some((num, field, at)) = f.next_field()? {
        let Field::Bytes(s) = field else { continue };
        match num {
            1 => namespace(s, at, doc)?,
            2 => el.namespace = Some(string(s)).filter(|u| !u.is_empty()),
            3 => el.name = string(s),
            4 => el.attributes.push(attribute(s, at)?),
            5 => {
                if depth + 1 >= MAX_DEPTH {
                    if !dropped {
                        doc.anomalies.push(
                            Diagnostic::warning(
                                "axml-too-deep",
                                format!("elements nested deeper than {MAX_DEPTH} dropped"),
                            )
                            .at(format!("offset {at:#x}")),
                        );
                        dropped = true;
                    }
                    continue;
                }
                if let Some(child) = node(s, at, depth + 1, doc)? {
                    el.children.push(child);
                }
            }
            _ => {}
        }
    }
    Ok(el)
}

fn namespace(b: &[u8], base: usize, doc: &mut XmlDocument) -> Result<(), AxmlError> {
    let mut f = Fields::new(b, base);
    let (mut prefix, mut uri) = (Arc::from(""), Arc::from(""));
    while let Some((num, field, _)) = f.next_field()? {
        match (num, field) {
            (1, Field::Bytes(s)) => prefix = string(s),
            (2, Field::Bytes(s)) => uri = string(s),
            _ => {}
        }
    }
    doc.namespaces.push((prefix, uri));
    Ok(())
}

fn attribute(b: &[u8], base: usize) -> Result<XmlAttribute, AxmlError> {
    let mut f = Fields::new(b, base);
    let mut namespace = None;
    let mut name: Arc<str> = Arc::from("");
    let mut raw: Option<Arc<str>> = None;
    let mut resource_id = None;
    let mut compiled = None;
    while let Some((num, field, at)) = f.next_field()? {
        match (num, field) {
            (1, Field::Bytes(s)) => namespace = Some(string(s)).filter(|u| !u.is_empty()),
            (2, Field::Bytes(s)) => name = string(s),
            (3, Field::Bytes(s)) => raw = Some(string(s)),
            (5, Field::Varint(v)) => resource_id = Some(v as u32).filter(|&id| id != 0),
            (6, Field::Bytes(s)) => compiled = item(s, at)?,
            _ => {}
        }
    }
    // Android resolves by resource id; a known id names the attribute whatever the string says.
    if let Some(known) = resource_id.and_then(super::android_attr_name) {
        name = Arc::from(known);
    }
    let value = match compiled {
        Some(v) => v,
        None => AttrValue::String(raw.unwrap_or_else(|| Arc::from(""))),
    };
    Ok(XmlAttribute {
        namespace,
        name,
        resource_id,
        value,
    })
}

/// A compiled `Item`; `None` when it holds nothing usable (an `id` item, an unlinked ref).
fn item(b: &[u8], base: usize) -> Result<Option<AttrValue>, AxmlError> {
    let mut f = Fields::new(b, base);
    let mut out = None;
    while let Some((num, field, at)) = f.next_field()? {
        let Field::Bytes(s) = field else { continue };
        out = match num {
            1 => reference(s, at)?,
            2..=5 => Some(AttrValue::String(value_string(s, at)?)),
            7 => primitive(s, at)?,
            _ => out,
        };
    }
    Ok(out)
}

fn reference(b: &[u8], base: usize) -> Result<Option<AttrValue>, AxmlError> {
    let mut f = Fields::new(b, base);
    let (mut is_attr, mut id) = (false, 0u32);
    while let Some((num, field, _)) = f.next_field()? {
        match (num, field) {
            (1, Field::Varint(t)) => is_attr = t == 1,
            (2, Field::Varint(v)) => id = v as u32,
            _ => {}
        }
    }
    Ok((id != 0).then(|| {
        if is_attr {
            AttrValue::Attribute(id)
        } else {
            AttrValue::Reference(id)
        }
    }))
}

fn primitive(b: &[u8], base: usize) -> Result<Option<AttrValue>, AxmlError> {
    let mut f = Fields::new(b, base);
    let mut out = None;
    while let Some((num, field, _)) = f.next_field()? {
        let v = match field {
            Field::Varint(v) => v as u32,
            Field::Fixed32(v) => v,
            Field::Fixed64(v) => v as u32,
            Field::Bytes(_) => 0,
        };
        out = Some(match num {
            1 | 2 => AttrValue::Other(0x00, v),
            3 => AttrValue::Float(f32::from_bits(v)),
            4 | 13 => AttrValue::Other(0x05, v),
            5 | 14 => AttrValue::Other(0x06, v),
            6 => AttrValue::Int(i64::from(v as i32)),
            7 => AttrValue::Int(i64::from(v)),
            8 => AttrValue::Bool(v != 0),
            9 => AttrValue::Other(0x1c, v),
            10 => AttrValue::Other(0x1d, v),
            11 => AttrValue::Other(0x1e, v),
            12 => AttrValue::Other(0x1f, v),
            _ => continue,
        });
    }
    Ok(out)
}
