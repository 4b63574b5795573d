//! The manifest model a taint analysis needs, built from the decoded XML tree, plus layouts
//! (`android:onClick` handlers) and `resources.arsc` string lookup.
//!
//! Contract (types below are fixed; the builder `Manifest::from_xml` is implemented here).

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentKind {
    Activity,
    ActivityAlias,
    Service,
    Receiver,
    Provider,
}

#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct IntentData {
    pub scheme: Option<String>,
    pub host: Option<String>,
    pub port: Option<String>,
    pub path: Option<String>,
    pub path_prefix: Option<String>,
    pub path_pattern: Option<String>,
    pub mime_type: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct IntentFilter {
    pub actions: Vec<String>,
    pub categories: Vec<String>,
    pub data: Vec<IntentData>,
    pub priority: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Component {
    pub kind: ComponentKind,
    /// fully qualified, dotted (`com.example.MainActivity`), resolved against the package
    pub name: String,
    /// effective exported flag (explicit, or implied by intent filters for the targetSdk)
    pub exported: bool,
    /// the explicit `android:exported` value, if any
    pub exported_explicit: Option<bool>,
    pub enabled: bool,
    pub permission: Option<String>,
    pub intent_filters: Vec<IntentFilter>,
    /// providers: authorities (split on ';')
    pub authorities: Vec<String>,
    /// activity-alias: the target activity, resolved
    pub target_activity: Option<String>,
    /// `android:process`
    pub process: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UsesPermission {
    pub name: String,
    pub max_sdk_version: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct Manifest {
    pub package: String,
    pub version_code: Option<i64>,
    pub version_name: Option<String>,
    pub min_sdk: Option<i64>,
    pub target_sdk: Option<i64>,
    pub uses_permissions: Vec<UsesPermission>,
    /// declared custom permissions (`<permission android:name>`)
    pub permissions: Vec<String>,
    /// `<application android:name>`, resolved
    pub application_class: Option<String>,
    /// app label as written (`@string/app_name` resolved where resources.arsc allows)
    pub label: Option<String>,
    pub application_enabled: bool,
    pub debuggable: bool,
    pub components: Vec<Component>,
    /// `<instrumentation android:name>` classes, resolved
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instrumentations: Vec<String>,
}

/// `android:onClick` handler names found in one layout file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LayoutHandlers {
    /// entry name, e.g. `res/layout/activity_main.xml`
    pub layout: String,
    pub on_click: Vec<String>,
    /// custom view classes used in the layout (fully qualified element names), dotted
    pub custom_views: Vec<String>,
}

mod arsc;
mod build;
mod layout;

pub use arsc::{Resources, parse_arsc, parse_resources_pb};
pub use build::resolve_class_name;
pub use layout::layout_handlers;

/// Every diagnostic code `Manifest::from_xml` emits, with what it means.
pub const DIAGNOSTIC_CODES: &[(&str, &str)] = &[
    (
        "manifest-alias-no-target",
        "an activity-alias without android:targetActivity",
    ),
    ("manifest-bad-root", "the root element is not <manifest>"),
    (
        "manifest-exported-missing",
        "targetSdk >= 31, intent filters and no android:exported: Android refuses to install; taken as not exported",
    ),
    (
        "manifest-extra-application",
        "more than one <application>; only the first counts",
    ),
    (
        "manifest-extra-uses-sdk",
        "more than one <uses-sdk>; the first is used",
    ),
    (
        "manifest-missing-name",
        "a component or permission without android:name, skipped",
    ),
    ("manifest-no-package", "<manifest> has no package attribute"),
    (
        "manifest-non-boolean",
        "a boolean attribute holds a non-boolean (e.g. an unresolved @bool reference); a conservative value is used",
    ),
    (
        "manifest-sdk-codename",
        "an SDK version that is a codename, not a number",
    ),
];
