//! `permission-maps/framework/constants.toml` as typed rules: which receivers read string
//! resources, and what calls without a body in the app (`Uri.parse`, `StringBuilder.append`,
//! `String.substring`, builders) return from constant arguments. Loaded once from the copy
//! embedded in the binary and validated with `file:line` errors; nothing here may accept a rule
//! it has not checked, or panic on any text.

use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use toml::Spanned;

use crate::hierarchy::framework::{ModelError, dotted_to_descriptor, parse_subsignature};

const FILE: &str = "permission-maps/framework/constants.toml";
const BUILTIN: &str = include_str!("../../permission-maps/framework/constants.toml");

/// What a call does to constants (see the file's header).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// the receiver string's `[arg0, arg1)`
    Substring,
    /// a constructor: the new object holds its first string argument
    ReceiverFromArg,
    /// receiver followed by the first string argument; the receiver holds the result too
    Concat,
    /// the first string argument, else the receiver's constant
    ArgOrReceiver,
    /// `ArgOrReceiver`, and the receiver (a builder) holds the argument too
    BuilderArg,
    /// a string builder's constructor: the first string argument, or empty with no argument
    /// (what is appended then is all there is)
    BuilderStart,
    /// `String.format(fmt, ...)`: the constant format with each conversion an unknown part
    /// (only the taint engine keeps strings with unknown parts, for destinations)
    Format,
}

/// One `[[call]]` rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallRule {
    /// descriptor of the declaring class; None: any class
    pub class: Option<Arc<str>>,
    pub names: Vec<Arc<str>>,
    pub effect: Effect,
}

/// The whole file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Knowledge {
    /// descriptors of the receivers whose `getString(int)` / `getText(int)` read string resources
    pub resource_owners: Vec<Arc<str>>,
    /// sub-signatures of those getters
    pub resource_getters: Vec<Arc<str>>,
    pub calls: Vec<CallRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    string_resources: Spanned<ResourcesToml>,
    #[serde(default)]
    call: Vec<Spanned<CallToml>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourcesToml {
    owners: Vec<String>,
    methods: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallToml {
    #[serde(default)]
    class: Option<String>,
    names: Vec<String>,
    effect: Effect,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|s| s.bytes().filter(|&b| b == b'\n').count() + 1)
        .unwrap_or(1)
}

fn dotted_ok(name: &str) -> bool {
    !name.is_empty() && !name.contains('/') && !name.contains(';') && !name.contains(' ')
}

impl Knowledge {
    /// The table embedded in the binary (parsed once; the tests load it).
    pub fn builtin() -> &'static Knowledge {
        static K: OnceLock<Knowledge> = OnceLock::new();
        K.get_or_init(|| {
            Knowledge::from_toml(FILE, BUILTIN)
                .unwrap_or_else(|e| panic!("built-in constants table: {e}"))
        })
    }

    /// Parses one constants file; `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Knowledge, ModelError> {
        let err = |offset: usize, message: String| ModelError {
            file: file.to_string(),
            line: line_of(text, offset),
            message,
        };
        let parsed: FileToml = toml::from_str(text).map_err(|e| {
            let off = e.span().map(|s| s.start).unwrap_or(0);
            err(off, e.message().to_string())
        })?;
        let off = parsed.string_resources.span().start;
        let res = parsed.string_resources.into_inner();
        let mut k = Knowledge::default();
        for o in &res.owners {
            if !dotted_ok(o) {
                return Err(err(off, format!("class name `{o}` must be dotted")));
            }
            k.resource_owners.push(Arc::from(dotted_to_descriptor(o)));
        }
        for m in &res.methods {
            match parse_subsignature(m) {
                Some((_, params, _)) if params == ["I"] => k.resource_getters.push(Arc::from(&**m)),
                _ => {
                    return Err(err(
                        off,
                        format!("`{m}` is not a getter name(I)ret taking a resource id"),
                    ));
                }
            }
        }
        for c in parsed.call {
            let off = c.span().start;
            let c = c.into_inner();
            let class = match &c.class {
                Some(n) if !dotted_ok(n) => {
                    return Err(err(off, format!("class name `{n}` must be dotted")));
                }
                Some(n) => Some(Arc::from(dotted_to_descriptor(n))),
                None => None,
            };
            if c.names.is_empty() {
                return Err(err(off, "a [[call]] rule needs at least one name".into()));
            }
            if let Some(n) = c
                .names
                .iter()
                .find(|n| n.is_empty() || n.contains(['(', ')', ';', '/', '.', ' ']))
            {
                return Err(err(off, format!("`{n}` is not a method name")));
            }
            k.calls.push(CallRule {
                class,
                names: c.names.iter().map(|n| Arc::from(&**n)).collect(),
                effect: c.effect,
            });
        }
        Ok(k)
    }

    /// The effect of a call to `class->name`, by the first rule that matches.
    pub fn effect(&self, class: &str, name: &str) -> Option<Effect> {
        self.calls
            .iter()
            .find(|r| {
                r.class.as_deref().is_none_or(|c| c == class)
                    && r.names.iter().any(|n| &**n == name)
            })
            .map(|r| r.effect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_loads() {
        let k = Knowledge::builtin();
        assert!(
            k.resource_owners
                .iter()
                .any(|o| &**o == "Landroid/content/Context;")
        );
        assert_eq!(
            k.effect("Landroid/net/Uri;", "parse"),
            Some(Effect::ArgOrReceiver)
        );
        assert_eq!(
            k.effect("Ljava/lang/String;", "substring"),
            Some(Effect::Substring)
        );
        assert_eq!(k.effect("Lcom/x/Y;", "substring"), None);
        assert_eq!(
            k.effect("Ljava/lang/StringBuilder;", "append"),
            Some(Effect::Concat)
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let res = "[string_resources]\nowners = [\"android.content.Context\"]\nmethods = [\"getString(I)Ljava/lang/String;\"]\n";
        let bad_effect = format!("{res}\n[[call]]\nnames = [\"parse\"]\neffect = \"guess\"\n");
        let e = Knowledge::from_toml("c.toml", &bad_effect).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("c.toml", 7), "{e}");
        let bad_name = format!(
            "{res}\n[[call]]\nnames = [\"parse(Ljava/lang/String;)\"]\neffect = \"concat\"\n"
        );
        let e = Knowledge::from_toml("c.toml", &bad_name).unwrap_err();
        assert_eq!(e.line, 5, "{e}");
        let bad_getter = "[string_resources]\nowners = [\"android.content.Context\"]\nmethods = [\"getString(Ljava/lang/String;)Ljava/lang/String;\"]\n";
        let e = Knowledge::from_toml("c.toml", bad_getter).unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let slashed =
            "[string_resources]\nowners = [\"Landroid/content/Context;\"]\nmethods = []\n";
        assert!(Knowledge::from_toml("c.toml", slashed).is_err());
    }
}
