//! Dalvik descriptor checks for map data: class descriptors, method subsignatures
//! (`name(params)ret`), field signatures, and Java-type-to-descriptor conversion for
//! FlowDroid's `<pkg.Class: ret name(params)>` lines. Pure string work on data files;
//! never panics, whatever the text.

/// What the loader needs to know about one subsignature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SubSig<'a> {
    pub name: &'a str,
    pub param_count: usize,
    pub returns_void: bool,
}

/// `name(*)`: every overload of `name` (propagation / sanitizer rules only).
pub(crate) fn wildcard_name(subsig: &str) -> Option<&str> {
    let name = subsig.strip_suffix("(*)")?;
    valid_method_name(name).then_some(name)
}

/// The method name of a subsignature (text before `(`).
pub(crate) fn name_of(subsig: &str) -> &str {
    subsig.split('(').next().unwrap_or(subsig)
}

fn valid_method_name(name: &str) -> bool {
    if name == "<init>" || name == "<clinit>" {
        return true;
    }
    !name.is_empty()
        && !name
            .chars()
            .any(|c| matches!(c, '(' | ')' | '/' | ';' | '[' | '<' | '>' | '.' | ' ' | ':'))
}

/// Length of the type descriptor at the start of `s`, if it is one (`V` allowed when `void_ok`).
fn type_len(s: &str, void_ok: bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut dims = 0usize;
    while bytes.get(dims) == Some(&b'[') {
        dims += 1;
    }
    if dims > 255 {
        return None;
    }
    match bytes.get(dims)? {
        b'Z' | b'B' | b'S' | b'C' | b'I' | b'J' | b'F' | b'D' => Some(dims + 1),
        b'V' if void_ok && dims == 0 => Some(1),
        b'L' => {
            let end = s[dims..].find(';')? + dims;
            valid_class(&s[dims..=end]).then_some(end + 1)
        }
        _ => None,
    }
}

/// A class descriptor `Lpkg/Name;` (no dots, no empty path segments).
pub(crate) fn valid_class(desc: &str) -> bool {
    let Some(inner) = desc.strip_prefix('L').and_then(|d| d.strip_suffix(';')) else {
        return false;
    };
    valid_class_body(inner)
}

fn valid_class_body(inner: &str) -> bool {
    !inner.is_empty()
        && inner.split('/').all(|seg| {
            !seg.is_empty() && !seg.chars().any(|c| matches!(c, '.' | ';' | '[' | '(' | ')' | ' ' | '<' | '>'))
        })
}

/// A class suffix for relocated libraries: `/okhttp3/Request$Builder;`.
pub(crate) fn valid_class_suffix(suffix: &str) -> bool {
    suffix
        .strip_prefix('/')
        .and_then(|s| s.strip_suffix(';'))
        .is_some_and(valid_class_body)
}

/// A descriptor prefix for SDK attribution: a package (`Lcom/umeng/`) or a class-name
/// prefix (`Lcom/facebook/GraphRequest`, matching its inner classes too).
pub(crate) fn valid_package_prefix(prefix: &str) -> bool {
    prefix
        .strip_prefix('L')
        .map(|p| p.strip_suffix('/').unwrap_or(p))
        .is_some_and(valid_class_body)
}

/// Parse `name(params)ret`.
pub(crate) fn parse_subsig(subsig: &str) -> Option<SubSig<'_>> {
    let open = subsig.find('(')?;
    let close = subsig.find(')')?;
    if close < open {
        return None;
    }
    let name = &subsig[..open];
    if !valid_method_name(name) {
        return None;
    }
    let mut params = &subsig[open + 1..close];
    let mut param_count = 0usize;
    while !params.is_empty() {
        let len = type_len(params, false)?;
        params = &params[len..];
        param_count += 1;
    }
    let ret = &subsig[close + 1..];
    let ret_len = type_len(ret, true)?;
    if ret_len != ret.len() {
        return None;
    }
    Some(SubSig {
        name,
        param_count,
        returns_void: ret == "V",
    })
}

/// `Lpkg/Class;->name(params)ret` split into class and subsignature, both checked.
pub(crate) fn split_method_signature(sig: &str) -> Option<(&str, &str)> {
    let (class, subsig) = sig.split_once("->")?;
    (valid_class(class) && parse_subsig(subsig).is_some()).then_some((class, subsig))
}

/// `Lpkg/Class;->NAME:Ltype;`.
pub(crate) fn valid_field_signature(sig: &str) -> bool {
    let Some((class, rest)) = sig.split_once("->") else {
        return false;
    };
    let Some((name, ty)) = rest.split_once(':') else {
        return false;
    };
    valid_class(class)
        && valid_method_name(name)
        && !name.starts_with('<')
        && type_len(ty, false) == Some(ty.len())
}

/// Java source type (`int`, `java.lang.String[]`, `android.app.PendingIntent`) to descriptor.
pub(crate) fn java_type_to_descriptor(ty: &str) -> Option<String> {
    let mut ty = ty.trim();
    let mut dims = 0usize;
    while let Some(inner) = ty.strip_suffix("[]") {
        ty = inner.trim_end();
        dims += 1;
    }
    if dims > 255 {
        return None;
    }
    let base = match ty {
        "void" if dims == 0 => "V".to_string(),
        "void" => return None,
        "boolean" => "Z".into(),
        "byte" => "B".into(),
        "short" => "S".into(),
        "char" => "C".into(),
        "int" => "I".into(),
        "long" => "J".into(),
        "float" => "F".into(),
        "double" => "D".into(),
        _ => {
            let desc = format!("L{};", ty.replace('.', "/"));
            if !valid_class(&desc) {
                return None;
            }
            desc
        }
    };
    Some(format!("{}{}", "[".repeat(dims), base))
}

/// Java class name (`android.telephony.SmsManager`) to descriptor.
pub(crate) fn java_class_to_descriptor(class: &str) -> Option<String> {
    let desc = format!("L{};", class.trim().replace('.', "/"));
    valid_class(&desc).then_some(desc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsignatures() {
        let s = parse_subsig("getDeviceId()Ljava/lang/String;").unwrap();
        assert_eq!((s.name, s.param_count, s.returns_void), ("getDeviceId", 0, false));
        let s = parse_subsig("sendTextMessage(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Landroid/app/PendingIntent;Landroid/app/PendingIntent;)V").unwrap();
        assert_eq!((s.param_count, s.returns_void), (5, true));
        assert_eq!(parse_subsig("write([BII)V").unwrap().param_count, 3);
        assert_eq!(parse_subsig("<init>(Ljava/lang/String;)V").unwrap().param_count, 1);
        for bad in [
            "getDeviceId()",
            "getDeviceId()Ljava/lang/String",
            "get.Id()V",
            "f(Ljava.lang.String;)V",
            "f(Q)V",
            "f()VV",
            "f(V)V",
            ")(",
            "",
        ] {
            assert!(parse_subsig(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn classes_and_fields() {
        assert!(valid_class("Landroid/util/Log;"));
        assert!(!valid_class("android/util/Log;"));
        assert!(!valid_class("Landroid.util.Log;"));
        assert!(!valid_class("Landroid//Log;"));
        assert!(valid_class_suffix("/okhttp3/Request$Builder;"));
        assert!(!valid_class_suffix("okhttp3/Request$Builder;"));
        assert!(valid_package_prefix("Lcom/umeng/"));
        assert!(valid_package_prefix("Lcom/facebook/GraphRequest"));
        assert!(!valid_package_prefix("com.umeng."));
        assert!(!valid_package_prefix("Lcom/umeng/X;"));
        assert!(valid_field_signature(
            "Landroid/provider/CallLog$Calls;->CONTENT_URI:Landroid/net/Uri;"
        ));
        assert!(!valid_field_signature("Landroid/provider/CallLog$Calls;->CONTENT_URI"));
    }

    #[test]
    fn java_types() {
        assert_eq!(java_type_to_descriptor("int").unwrap(), "I");
        assert_eq!(java_type_to_descriptor("byte[]").unwrap(), "[B");
        assert_eq!(
            java_type_to_descriptor("java.lang.String[][]").unwrap(),
            "[[Ljava/lang/String;"
        );
        assert!(java_type_to_descriptor("void[]").is_none());
        assert!(java_type_to_descriptor("").is_none());
    }
}
