//! The dataflow engine: follows values from source call sites to sink call sites.
//!
//! Output contract (consumed by `report` and the binary): a list of `Flow`s with every name in
//! Dalvik form, so nothing downstream needs the `Program`.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// A call site: method in Dalvik form and code-unit offset of the invoke.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Site {
    pub method: String,
    pub pc: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FlowEnd {
    /// data category (source) or sink category (`network`, `sms`, `log`, `file`, ...)
    pub category: String,
    /// the API called, Dalvik form: `Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;`
    pub api: String,
    pub site: Site,
    /// id of the model rule that matched
    pub rule: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Flow {
    pub source: FlowEnd,
    pub sink: FlowEnd,
    /// call sites and methods from source to sink, source first
    pub path: Vec<Site>,
    /// constant URL or host that reaches the sink's request, when known
    pub destination: Option<String>,
    pub confidence: Confidence,
}
