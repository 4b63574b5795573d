//! Android binary XML (AXML) and aapt2's protobuf XML (in `.aab`), decoded into one element tree.
//!
//! Contract: `parse(bytes) -> Result<XmlDocument, AxmlError>` for binary XML and
//! `proto::parse(bytes)` for protobuf XML produce the same `XmlDocument`.

use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub enum AttrValue {
    String(Arc<str>),
    /// `@0x7f...` resource reference (resolve through resources.arsc where needed)
    Reference(u32),
    /// `?0x7f...` theme attribute reference
    Attribute(u32),
    Bool(bool),
    Int(i64),
    Float(f32),
    /// any other typed value: (data type, raw data)
    Other(u8, u32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct XmlAttribute {
    /// namespace URI, e.g. `http://schemas.android.com/apk/res/android`
    pub namespace: Option<Arc<str>>,
    pub name: Arc<str>,
    /// Android attribute resource id from the resource map (0x0101xxxx), when present
    pub resource_id: Option<u32>,
    pub value: AttrValue,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct XmlElement {
    pub namespace: Option<Arc<str>>,
    pub name: Arc<str>,
    pub attributes: Vec<XmlAttribute>,
    pub children: Vec<XmlElement>,
}
