//! The framework class model as data: which Android/Java/Kotlin types an app may extend or
//! implement, their supertypes, which of their methods the framework calls back, and which
//! framework calls run app code later (async rules) or deliver an Intent (ICC rules).
//!
//! Loaded from `permission-maps/framework/*.toml` (embedded with `include_str!`). Loading
//! validates every method descriptor and reports errors with file and line; it never panics
//! on a malformed file.

use serde::Deserialize;

/// One framework class or interface of the model. Names are JVM descriptors
/// (`Landroid/app/Activity;`); methods are sub-signatures `name(params)ret`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameworkClass {
    pub descriptor: String,
    pub super_class: Option<String>,
    pub interfaces: Vec<String>,
    pub is_interface: bool,
    /// methods the framework calls on an instance it holds (lifecycle methods, listener
    /// methods); an app override of one of them is an entry point once the framework has the
    /// object
    pub callbacks: Vec<String>,
    /// the callbacks that receive an Intent delivered to a component (targets of ICC edges)
    pub icc: Vec<String>,
    /// instantiating an app subclass in reachable code hands it to the framework (fragments)
    pub managed: bool,
    /// the manifest component kind app subclasses of this class are (Activity, Service, ...)
    pub component: Option<ComponentBase>,
}

/// A framework class whose app subclasses are manifest components (`component = ...` in the
/// model): without a manifest they are the app's components; with one, an undeclared subclass
/// is never created by the framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComponentBase {
    Activity,
    Service,
    Receiver,
    Provider,
    Application,
}

impl ComponentBase {
    /// Where an Intent sent to such a component is delivered (providers and the application
    /// receive none).
    pub fn icc_target(self) -> Option<IccTarget> {
        match self {
            ComponentBase::Activity => Some(IccTarget::Activity),
            ComponentBase::Service => Some(IccTarget::Service),
            ComponentBase::Receiver => Some(IccTarget::Receiver),
            ComponentBase::Provider | ComponentBase::Application => None,
        }
    }

    /// A manifest component (`<application>` is not one: it is never undeclared).
    pub fn is_manifest_component(self) -> bool {
        self != ComponentBase::Application
    }
}

/// A framework call that runs app code later (see `permission-maps/framework/async.toml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsyncRule {
    /// descriptor of the class declaring the call (subclasses match too)
    pub class: String,
    /// sub-signature of the call
    pub method: String,
    /// argument (receiver = 0) holding the object whose callbacks run
    pub receiver_arg: u8,
    /// the callback's parameters start at this argument of the call
    pub params_from: Option<u8>,
    pub callbacks: Vec<String>,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum IccTarget {
    Activity,
    Service,
    Receiver,
    /// an activity started for a result (`startActivityForResult`): the started activity's
    /// `setResult` intent comes back to the starter's `onActivityResult`
    ActivityForResult,
    /// `setResult(code, intent)`: the intent goes back to whoever started this activity for
    /// a result
    Result,
}

/// A call that delivers an Intent to another component.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IccRule {
    /// sub-signature; any class declaring it matches (Context, Activity, Fragment, ...)
    pub method: String,
    /// index into the invoke's argument registers (receiver first for instance calls)
    pub intent_arg: u8,
    pub target: IccTarget,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrameworkModel {
    pub classes: Vec<FrameworkClass>,
    pub async_rules: Vec<AsyncRule>,
    pub icc_rules: Vec<IccRule>,
}

/// A model file that could not be used: which file, which line, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ModelError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "permission-maps/framework/android.toml",
        include_str!("../../permission-maps/framework/android.toml"),
    ),
    (
        "permission-maps/framework/java-kotlin.toml",
        include_str!("../../permission-maps/framework/java-kotlin.toml"),
    ),
    (
        "permission-maps/framework/async.toml",
        include_str!("../../permission-maps/framework/async.toml"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default)]
    class: Vec<toml::Spanned<ClassToml>>,
    #[serde(default, rename = "async")]
    async_rules: Vec<toml::Spanned<AsyncToml>>,
    #[serde(default)]
    icc: Vec<toml::Spanned<IccToml>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassToml {
    name: String,
    #[serde(default, rename = "super")]
    super_class: Option<String>,
    #[serde(default)]
    interfaces: Vec<String>,
    #[serde(default)]
    interface: bool,
    #[serde(default)]
    callbacks: Vec<String>,
    #[serde(default)]
    icc: Vec<String>,
    #[serde(default)]
    managed: bool,
    #[serde(default)]
    component: Option<ComponentBase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AsyncToml {
    class: String,
    method: String,
    receiver_arg: u8,
    #[serde(default)]
    params_from: Option<u8>,
    callbacks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IccToml {
    method: String,
    intent_arg: u8,
    target: IccTarget,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|s| s.bytes().filter(|&b| b == b'\n').count() + 1)
        .unwrap_or(1)
}

/// `android.app.Activity` -> `Landroid/app/Activity;`
pub fn dotted_to_descriptor(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 2);
    s.push('L');
    for c in name.chars() {
        s.push(if c == '.' { '/' } else { c });
    }
    s.push(';');
    s
}

/// `Landroid/app/Activity;` -> `android.app.Activity` (other descriptors unchanged)
pub fn descriptor_to_dotted(desc: &str) -> String {
    match desc.strip_prefix('L').and_then(|s| s.strip_suffix(';')) {
        Some(inner) => inner.replace('/', "."),
        None => desc.to_string(),
    }
}

/// Splits one field descriptor off the front of `s`; None when malformed.
fn split_descriptor(s: &str) -> Option<(&str, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while bytes.get(i) == Some(&b'[') {
        i += 1;
    }
    match bytes.get(i)? {
        b'Z' | b'B' | b'S' | b'C' | b'I' | b'J' | b'F' | b'D' | b'V' => Some(s.split_at(i + 1)),
        b'L' => {
            let end = s[i..].find(';')? + i;
            if end == i + 1 {
                return None;
            }
            Some(s.split_at(end + 1))
        }
        _ => None,
    }
}

/// Parses `name(params)ret` into its parts as descriptors.
pub fn parse_subsignature(sub: &str) -> Option<(&str, Vec<&str>, &str)> {
    let open = sub.find('(')?;
    let close = sub.find(')')?;
    if close < open || open == 0 {
        return None;
    }
    let name = &sub[..open];
    let mut rest = &sub[open + 1..close];
    let mut params = Vec::new();
    while !rest.is_empty() {
        let (p, r) = split_descriptor(rest)?;
        params.push(p);
        rest = r;
    }
    let ret = &sub[close + 1..];
    let (r, tail) = split_descriptor(ret)?;
    if !tail.is_empty() {
        return None;
    }
    Some((name, params, r))
}

impl FrameworkModel {
    /// The model bundled in the binary.
    pub fn builtin() -> Result<FrameworkModel, ModelError> {
        let mut model = FrameworkModel::default();
        for (name, text) in BUILTIN {
            model.merge(FrameworkModel::from_toml(name, text)?);
        }
        Ok(model)
    }

    pub fn merge(&mut self, other: FrameworkModel) {
        self.classes.extend(other.classes);
        self.async_rules.extend(other.async_rules);
        self.icc_rules.extend(other.icc_rules);
    }

    /// Parses one model file; `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<FrameworkModel, ModelError> {
        let err = |offset: usize, message: String| ModelError {
            file: file.to_string(),
            line: line_of(text, offset),
            message,
        };
        let parsed: FileToml = toml::from_str(text).map_err(|e| {
            let off = e.span().map(|s| s.start).unwrap_or(0);
            err(off, e.message().to_string())
        })?;
        let check = |off: usize, m: &str| -> Result<(), ModelError> {
            match parse_subsignature(m) {
                Some(_) => Ok(()),
                None => Err(err(
                    off,
                    format!("malformed method `{m}` (want name(params)ret)"),
                )),
            }
        };
        let mut model = FrameworkModel::default();
        for c in parsed.class {
            let off = c.span().start;
            let c = c.into_inner();
            for m in c.callbacks.iter().chain(c.icc.iter()) {
                check(off, m)?;
            }
            if c.name.is_empty() || c.name.contains('/') || c.name.contains(';') {
                return Err(err(off, format!("class name `{}` must be dotted", c.name)));
            }
            if let Some(k) = c.component {
                if c.interface {
                    return Err(err(
                        off,
                        format!("interface `{}` cannot be a component base", c.name),
                    ));
                }
                if let Some(first) = model.classes.iter().find(|x| x.component == Some(k)) {
                    return Err(err(
                        off,
                        format!(
                            "component `{k:?}` already declared for {}",
                            first.descriptor
                        ),
                    ));
                }
            }
            model.classes.push(FrameworkClass {
                descriptor: dotted_to_descriptor(&c.name),
                super_class: c.super_class.as_deref().map(dotted_to_descriptor),
                interfaces: c
                    .interfaces
                    .iter()
                    .map(|s| dotted_to_descriptor(s))
                    .collect(),
                is_interface: c.interface,
                callbacks: c.callbacks,
                icc: c.icc,
                managed: c.managed,
                component: c.component,
            });
        }
        for a in parsed.async_rules {
            let off = a.span().start;
            let a = a.into_inner();
            check(off, &a.method)?;
            for m in &a.callbacks {
                check(off, m)?;
            }
            model.async_rules.push(AsyncRule {
                class: dotted_to_descriptor(&a.class),
                method: a.method,
                receiver_arg: a.receiver_arg,
                params_from: a.params_from,
                callbacks: a.callbacks,
            });
        }
        for r in parsed.icc {
            let off = r.span().start;
            let r = r.into_inner();
            check(off, &r.method)?;
            model.icc_rules.push(IccRule {
                method: r.method,
                intent_arg: r.intent_arg,
                target: r.target,
            });
        }
        Ok(model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_model_loads_and_is_consistent() {
        let m = FrameworkModel::builtin().unwrap();
        assert!(m.classes.len() > 80);
        let names: std::collections::HashSet<&str> =
            m.classes.iter().map(|c| c.descriptor.as_str()).collect();
        assert_eq!(names.len(), m.classes.len(), "duplicate class in model");
        for c in &m.classes {
            for s in c.super_class.iter().chain(c.interfaces.iter()) {
                assert!(
                    names.contains(s.as_str()),
                    "{}: supertype {s} not in model",
                    c.descriptor
                );
            }
            for i in &c.icc {
                assert!(
                    c.callbacks.contains(i),
                    "{}: icc {i} not a callback",
                    c.descriptor
                );
            }
        }
        assert!(m.async_rules.iter().any(|r| r.method == "start()V"));
        let bases: Vec<(&str, ComponentBase)> = m
            .classes
            .iter()
            .filter_map(|c| Some((c.descriptor.as_str(), c.component?)))
            .collect();
        assert_eq!(
            bases,
            [
                ("Landroid/app/Activity;", ComponentBase::Activity),
                ("Landroid/app/Service;", ComponentBase::Service),
                (
                    "Landroid/content/BroadcastReceiver;",
                    ComponentBase::Receiver
                ),
                ("Landroid/content/ContentProvider;", ComponentBase::Provider),
                ("Landroid/app/Application;", ComponentBase::Application),
            ]
        );
        assert!(m.icc_rules.iter().any(|r| r.target == IccTarget::Receiver));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = FrameworkModel::from_toml(
            "x.toml",
            "[[class]]\nname = \"a.B\"\n\n[[class]]\nname = \"a.C\"\ncallbacks = [\"bad(\"]\n",
        )
        .unwrap_err();
        assert_eq!(e.file, "x.toml");
        assert_eq!(e.line, 4);
        let e = FrameworkModel::from_toml("y.toml", "[[class]]\nnam = 1\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = FrameworkModel::from_toml(
            "z.toml",
            "[[class]]\nname = \"a.B\"\ncomponent = \"activity\"\n\n[[class]]\nname = \"a.C\"\ncomponent = \"activity\"\n",
        )
        .unwrap_err();
        assert_eq!(
            (e.line, e.message.contains("already declared")),
            (5, true),
            "{e}"
        );
        let e = FrameworkModel::from_toml(
            "z.toml",
            "[[class]]\nname = \"a.B\"\ncomponent = \"widget\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3, "{e}");
    }

    #[test]
    fn subsignatures_parse() {
        let (n, p, r) = parse_subsignature("onClick(Landroid/view/View;I[J)V").unwrap();
        assert_eq!(
            (n, p, r),
            ("onClick", vec!["Landroid/view/View;", "I", "[J"], "V")
        );
        assert!(parse_subsignature("x(L;)V").is_none());
        assert!(parse_subsignature("x(Q)V").is_none());
        assert!(parse_subsignature("x()VV").is_none());
        assert!(parse_subsignature("()V").is_none());
    }
}
