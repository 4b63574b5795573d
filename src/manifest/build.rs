//! Builds the `Manifest` model from a decoded XML tree, applying the platform's defaulting
//! rules (package-relative class names, implied `exported`, provider defaults by targetSdk).
//!
//! It reads attributes by Android resource id where the tree has one, exactly as the package
//! manager does, so a renamed string in the pool cannot hide a component's real settings.
//! It never fails: odd manifests yield a best-effort model plus diagnostics.

use super::{
    Component, ComponentKind, IntentData, IntentFilter, Manifest, Resources, UsesPermission,
};
use crate::axml::{AxmlError, XmlDocument, XmlElement};
use crate::diag::Diagnostic;

/// The first targetSdk at which a component with intent filters must declare `exported`.
const EXPLICIT_EXPORTED_SDK: i64 = 31;
/// Providers are exported by default only below this targetSdk.
const PROVIDER_UNEXPORTED_SDK: i64 = 17;

impl Manifest {
    /// Builds the model from `AndroidManifest.xml`. The diagnostics are about the manifest's
    /// meaning (missing names, implied values); the XML decoder's own anomalies stay in
    /// `doc.anomalies`.
    pub fn from_xml(doc: &XmlDocument) -> (Manifest, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let root = &doc.root;
        if &*root.name != "manifest" {
            diags.push(Diagnostic::warning(
                "manifest-bad-root",
                format!("root element is <{}>, not <manifest>", root.name),
            ));
        }
        let mut m = Manifest {
            package: root
                .plain_attr("package")
                .map(|a| a.value.to_text())
                .unwrap_or_default(),
            version_code: root
                .android_attr("versionCode")
                .and_then(|a| a.value.as_int()),
            version_name: text_attr(root, "versionName"),
            application_enabled: true,
            ..Manifest::default()
        };
        if m.package.is_empty() {
            diags.push(Diagnostic::warning(
                "manifest-no-package",
                "<manifest> has no package attribute",
            ));
        }
        let mut sdks = root.children_named("uses-sdk");
        if let Some(sdk) = sdks.next() {
            m.min_sdk = sdk_version(sdk, "minSdkVersion", &mut diags);
            m.target_sdk = sdk_version(sdk, "targetSdkVersion", &mut diags);
        }
        if sdks.next().is_some() {
            diags.push(Diagnostic::info(
                "manifest-extra-uses-sdk",
                "more than one <uses-sdk>; the first is used",
            ));
        }
        // Android's default: targetSdk = minSdk, minSdk = 1.
        let target = m.target_sdk.or(m.min_sdk).unwrap_or(1);

        for el in &root.children {
            match &*el.name {
                "uses-permission" | "uses-permission-sdk-23" | "uses-permission-sdk-m" => {
                    match text_attr(el, "name") {
                        Some(name) if !name.is_empty() => m.uses_permissions.push(UsesPermission {
                            name,
                            max_sdk_version: el
                                .android_attr("maxSdkVersion")
                                .and_then(|a| a.value.as_int()),
                        }),
                        _ => diags.push(Diagnostic::warning(
                            "manifest-missing-name",
                            format!("<{}> without android:name", el.name),
                        )),
                    }
                }
                "permission" => {
                    if let Some(name) = text_attr(el, "name").filter(|n| !n.is_empty()) {
                        m.permissions.push(name);
                    }
                }
                "instrumentation" => match text_attr(el, "name").filter(|n| !n.is_empty()) {
                    Some(name) => {
                        let name = resolve_class_name(&m.package, &name);
                        m.instrumentations.push(name);
                    }
                    None => diags.push(Diagnostic::warning(
                        "manifest-missing-name",
                        "<instrumentation> without android:name",
                    )),
                },
                _ => {}
            }
        }
        m.uses_permissions
            .sort_by(|a, b| (&a.name, a.max_sdk_version).cmp(&(&b.name, b.max_sdk_version)));
        m.uses_permissions.dedup();
        m.permissions.sort();
        m.permissions.dedup();
        m.instrumentations.sort();
        m.instrumentations.dedup();

        let mut apps = root.children_named("application");
        if let Some(app) = apps.next() {
            application(app, &mut m, target, &mut diags);
        }
        if apps.next().is_some() {
            diags.push(Diagnostic::warning(
                "manifest-extra-application",
                "more than one <application>; Android uses only the first",
            ));
        }
        (m, diags)
    }

    /// Decodes `AndroidManifest.xml` in any form (binary, protobuf, text) and builds the model;
    /// the diagnostics are the decoder's anomalies followed by the builder's.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Manifest, Vec<Diagnostic>), AxmlError> {
        let doc = crate::axml::parse_any(bytes)?;
        let (m, diags) = Manifest::from_xml(&doc);
        let mut all = doc.anomalies;
        all.extend(diags);
        Ok((m, all))
    }

    /// Replaces a label that is a `@string` reference with its default-config value.
    pub fn resolve_label(&mut self, resources: &Resources) {
        let Some(label) = &self.label else { return };
        let Some(id) = label
            .strip_prefix("@0x")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
        else {
            return;
        };
        if let Some(s) = resources.resolve_string(id) {
            self.label = Some(s);
        }
    }
}

/// Resolves a class name the way the package manager does: `.Foo` and `Foo` (no dot) are
/// relative to the package, anything else with a dot is already qualified.
pub fn resolve_class_name(package: &str, name: &str) -> String {
    let name = name.trim();
    if name.starts_with('.') {
        format!("{package}{name}")
    } else if !name.contains('.') && !package.is_empty() {
        format!("{package}.{name}")
    } else {
        name.to_string()
    }
}

/// A string-valued `android:` attribute; other typed values as their text form.
fn text_attr(el: &XmlElement, name: &str) -> Option<String> {
    el.android_attr(name).map(|a| a.value.to_text())
}

fn sdk_version(el: &XmlElement, name: &str, diags: &mut Vec<Diagnostic>) -> Option<i64> {
    let a = el.android_attr(name)?;
    let v = a.value.as_int();
    if v.is_none() {
        diags.push(Diagnostic::info(
            "manifest-sdk-codename",
            format!("{name} is {:?}, not a number", a.value.to_text()),
        ));
    }
    v
}

/// A boolean attribute. A value that is not a boolean (an unresolved `@bool/` reference)
/// yields `unknown` and a diagnostic.
fn bool_attr(
    el: &XmlElement,
    name: &str,
    unknown: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<bool> {
    let a = el.android_attr(name)?;
    match a.value.as_bool() {
        Some(b) => Some(b),
        None => {
            diags.push(Diagnostic::warning(
                "manifest-non-boolean",
                format!(
                    "android:{name}={} on <{}> is not a boolean; taken as {unknown}",
                    a.value.to_text(),
                    el.name
                ),
            ));
            Some(unknown)
        }
    }
}

fn application(app: &XmlElement, m: &mut Manifest, target: i64, diags: &mut Vec<Diagnostic>) {
    m.application_class = text_attr(app, "name")
        .filter(|n| !n.is_empty())
        .map(|n| resolve_class_name(&m.package, &n));
    m.label = text_attr(app, "label");
    m.application_enabled = bool_attr(app, "enabled", true, diags).unwrap_or(true);
    m.debuggable = bool_attr(app, "debuggable", true, diags).unwrap_or(false);
    let app_process = text_attr(app, "process");
    for el in &app.children {
        let kind = match &*el.name {
            "activity" => ComponentKind::Activity,
            "activity-alias" => ComponentKind::ActivityAlias,
            "service" => ComponentKind::Service,
            "receiver" => ComponentKind::Receiver,
            "provider" => ComponentKind::Provider,
            _ => continue,
        };
        let Some(raw_name) = text_attr(el, "name").filter(|n| !n.trim().is_empty()) else {
            diags.push(Diagnostic::warning(
                "manifest-missing-name",
                format!("<{}> without android:name skipped", el.name),
            ));
            continue;
        };
        let name = resolve_class_name(&m.package, &raw_name);
        let intent_filters: Vec<IntentFilter> = el
            .children_named("intent-filter")
            .map(intent_filter)
            .collect();
        let exported_explicit = bool_attr(el, "exported", true, diags);
        let exported = match (exported_explicit, kind) {
            (Some(e), _) => e,
            (None, ComponentKind::Provider) => target < PROVIDER_UNEXPORTED_SDK,
            (None, _) if intent_filters.is_empty() => false,
            (None, _) if target >= EXPLICIT_EXPORTED_SDK => {
                diags.push(Diagnostic::warning(
                    "manifest-exported-missing",
                    format!(
                        "{name} has intent filters but no android:exported (targetSdk {target}); \
                         Android 12+ refuses to install this, taken as not exported"
                    ),
                ));
                false
            }
            (None, _) => true,
        };
        let enabled =
            bool_attr(el, "enabled", true, diags).unwrap_or(true) && m.application_enabled;
        let authorities = if kind == ComponentKind::Provider {
            let mut a: Vec<String> = text_attr(el, "authorities")
                .unwrap_or_default()
                .split(';')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            a.sort();
            a.dedup();
            a
        } else {
            Vec::new()
        };
        let target_activity = if kind == ComponentKind::ActivityAlias {
            let t = text_attr(el, "targetActivity")
                .filter(|t| !t.is_empty())
                .map(|t| resolve_class_name(&m.package, &t));
            if t.is_none() {
                diags.push(Diagnostic::warning(
                    "manifest-alias-no-target",
                    format!("activity-alias {name} has no android:targetActivity"),
                ));
            }
            t
        } else {
            None
        };
        m.components.push(Component {
            kind,
            name,
            exported,
            exported_explicit,
            enabled,
            permission: text_attr(el, "permission").filter(|p| !p.is_empty()),
            intent_filters,
            authorities,
            target_activity,
            process: text_attr(el, "process").or_else(|| app_process.clone()),
        });
    }
}

fn intent_filter(f: &XmlElement) -> IntentFilter {
    let names = |tag: &str| -> Vec<String> {
        f.children_named(tag)
            .filter_map(|c| text_attr(c, "name"))
            .filter(|n| !n.is_empty())
            .collect()
    };
    IntentFilter {
        actions: names("action"),
        categories: names("category"),
        data: f
            .children_named("data")
            .map(|d| IntentData {
                scheme: text_attr(d, "scheme"),
                host: text_attr(d, "host"),
                port: text_attr(d, "port"),
                path: text_attr(d, "path"),
                path_prefix: text_attr(d, "pathPrefix"),
                path_pattern: text_attr(d, "pathPattern"),
                mime_type: text_attr(d, "mimeType"),
            })
            .collect(),
        priority: f.android_attr("priority").and_then(|a| a.value.as_int()),
    }
}
