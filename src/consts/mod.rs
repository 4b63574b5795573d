//! The one constant environment of the app: what the shared constant propagation
//! (`bytecode::consts`, per method) learns from outside a body, and the one place that knows
//! which calls make constants — string resources read by a constant id
//! (`getString(R.string.x)`, `resources.rs`) and the calls of
//! `permission-maps/framework/constants.toml` (`Uri.parse`, `StringBuilder.append`,
//! `String.substring`, URL builders; `knowledge.rs`, evaluated by [`apply`]). The call-graph
//! scan, the taint engine and the finding rules of `scan.rs` all build their environment here
//! ([`AppEnv`]) and choose which of its parts they read; the taint engine also evaluates the
//! same rules on its own constants (`taint::intra::dispatch`).
//!
//! Sits above `bytecode`, `manifest` and `hierarchy` and below `callgraph`: parsers know nothing
//! of it. Must never guess: a resource id the table does not hold, an argument that is not a
//! constant, or a call no rule names gives nothing.

mod knowledge;
mod resources;

pub use knowledge::{CallRule, Effect, Knowledge};
pub use resources::ResourceStrings;

use std::sync::Arc;

use crate::bytecode::consts::{Const, ConstEnv, Frame, static_final_value};
use crate::bytecode::{FieldId, MethodId, Program, Reg, TypeId};

/// What a call rule gives: the call's result, and what its receiver holds afterwards.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub result: Option<Arc<str>>,
    pub receiver: Option<Arc<str>>,
}

/// Evaluates `effect` on a call's constants: `receiver` (instance calls), the first argument
/// after the receiver that is a string constant, and the integer constant of argument `i`
/// (after the receiver) of `nargs`. None: the rule does not apply to this call (a static
/// `substring`), so the caller treats it as a call no rule names.
pub fn apply(
    effect: Effect,
    is_static: bool,
    receiver: Option<&Arc<str>>,
    first_str: Option<&Arc<str>>,
    int_arg: &dyn Fn(usize) -> Option<i64>,
    nargs: usize,
) -> Option<Applied> {
    let mut out = Applied::default();
    match effect {
        Effect::Substring => {
            if is_static {
                return None;
            }
            // ASCII only: char index = byte index
            if let Some(s) = receiver.filter(|s| s.is_ascii())
                && let Some(b) = int_arg(0)
                && let Ok(b) = usize::try_from(b)
            {
                let e = match nargs {
                    1 => Some(s.len()),
                    _ => int_arg(1).and_then(|e| usize::try_from(e).ok()),
                };
                if let Some(part) = e.filter(|e| b <= *e).and_then(|e| s.get(b..e)) {
                    out.result = Some(Arc::from(part));
                }
            }
        }
        Effect::ReceiverFromArg => out.receiver = first_str.cloned(),
        Effect::BuilderStart => {
            out.receiver = match (first_str, nargs) {
                (Some(s), _) => Some(s.clone()),
                (None, 0) => Some(Arc::from("")),
                (None, _) => None,
            }
        }
        // a string with unknown parts is no constant here (`taint::dest::format_pattern`)
        Effect::Format => {}
        Effect::Concat => {
            if let (Some(a), Some(b)) = (receiver, first_str) {
                let s: Arc<str> = Arc::from(format!("{a}{b}"));
                out.receiver = Some(s.clone());
                out.result = Some(s);
            }
        }
        Effect::ArgOrReceiver | Effect::BuilderArg => {
            if let Some(s) = first_str {
                out.result = Some(s.clone());
                if !is_static && effect == Effect::BuilderArg {
                    out.receiver = Some(s.clone());
                }
            } else if let Some(a) = receiver {
                out.result = Some(a.clone());
            }
        }
    }
    Some(out)
}

/// Static fields whose values the environment knows beyond trusted `static final` constants.
pub type StaticValues<'a> = &'a dyn Fn(FieldId) -> Option<Arc<str>>;

/// What a consumer knows about calls into app bodies (the taint engine: the constant a small
/// callee returns, whether a call can raise what a handler catches).
pub trait BodyCalls {
    fn call_result(
        &self,
        i: usize,
        method: MethodId,
        args: &[Reg],
        frame: &Frame<'_>,
    ) -> Option<Const>;
    fn call_may_throw(&self, i: usize, method: MethodId, catches: &[Option<TypeId>]) -> bool;
}

/// The one [`ConstEnv`]: string resources by constant id always; then, as the consumer chooses,
/// the static fields it knows (else trusted `static final` constants), the rules of
/// `constants.toml`, and what it knows of app bodies.
pub struct AppEnv<'a> {
    program: &'a Program,
    resources: Option<&'a ResourceStrings>,
    statics: Option<StaticValues<'a>>,
    calls: Option<&'a Knowledge>,
    bodies: Option<&'a dyn BodyCalls>,
}

impl<'a> AppEnv<'a> {
    /// Trusted `static final` constants and string resources.
    pub fn new(program: &'a Program, resources: Option<&'a ResourceStrings>) -> Self {
        AppEnv {
            program,
            resources,
            statics: None,
            calls: None,
            bodies: None,
        }
    }
    /// Static fields come from `values` instead of the trusted finals (the finding rules: fields
    /// a static initializer sets from a constant, provider Uri fields of the maps).
    pub fn with_statics(mut self, values: StaticValues<'a>) -> Self {
        self.statics = Some(values);
        self
    }
    /// Calls named by `constants.toml` give their constant result.
    pub fn with_call_rules(mut self) -> Self {
        self.calls = Some(Knowledge::builtin());
        self
    }
    /// Calls into app bodies are answered by `bodies`.
    pub fn with_bodies(mut self, bodies: &'a dyn BodyCalls) -> Self {
        self.bodies = Some(bodies);
        self
    }

    fn rule_result(
        &self,
        k: &Knowledge,
        method: MethodId,
        is_static: bool,
        args: &[Reg],
        frame: &Frame<'_>,
    ) -> Option<Const> {
        let p = self.program;
        let r = p.method(method);
        let effect = k.effect(p.type_name(r.class), &r.name)?;
        let off = usize::from(!is_static);
        let receiver = if is_static {
            None
        } else {
            args.first().and_then(|&a| frame.str(a))
        };
        let first_str = args.iter().skip(off).find_map(|&a| frame.str(a));
        let int_arg = |i: usize| args.get(off + i).and_then(|&a| frame.int(a));
        let nargs = args.len().saturating_sub(off);
        apply(effect, is_static, receiver, first_str, &int_arg, nargs)?
            .result
            .map(Const::Str)
    }
}

impl ConstEnv for AppEnv<'_> {
    fn static_field(&self, field: FieldId) -> Option<Const> {
        match self.statics {
            Some(values) => values(field).map(Const::Str),
            None => static_final_value(self.program, field),
        }
    }

    fn knows_call(&self, method: MethodId) -> bool {
        self.resources.is_some_and(|r| r.is_getter(method))
    }

    fn call_result(
        &self,
        i: usize,
        method: MethodId,
        is_static: bool,
        args: &[Reg],
        frame: &Frame<'_>,
    ) -> Option<Const> {
        if let Some(rs) = self.resources
            && rs.is_getter(method)
        {
            let id = frame.int(*args.get(1)?)?;
            return rs.call_string(method, id).map(Const::Str);
        }
        if let Some(k) = self.calls
            && let Some(c) = self.rule_result(k, method, is_static, args, frame)
        {
            return Some(c);
        }
        self.bodies?.call_result(i, method, args, frame)
    }

    fn call_may_throw(&self, i: usize, method: MethodId, catches: &[Option<TypeId>]) -> bool {
        self.bodies
            .is_none_or(|b| b.call_may_throw(i, method, catches))
    }
}
