//! Android string resources as call results: `getString(R.string.x)` / `getText(R.string.x)`
//! on a `Context` (Activity, Service, Application, ...), on `Resources` or on a `Fragment`,
//! with a constant resource id, returns the string `res/values/strings.xml` holds for that id
//! in the default configuration. Apps keep URLs, class and method names there, so the
//! call-graph scan (reflection and intent targets) and the taint engine (destinations,
//! reflective calls) see through the lookup.
//!
//! The getters and their receivers are data (`[string_resources]` in
//! `permission-maps/framework/constants.toml`). They are found once per program among the
//! method references the app makes: by sub-signature (`getString(I)Ljava/lang/String;`, ...), a
//! receiver type that is one of the owners or a subtype of one in the hierarchy, and no app
//! class overriding the method (an app `getString(int)` may return anything). Must never
//! guess: an id the table does not hold, or one that is not a string, gives nothing.

use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::Knowledge;
use crate::bytecode::{MethodId, Program, TypeId};
use crate::hierarchy::Hierarchy;
use crate::hierarchy::framework::parse_subsignature;
use crate::manifest::Resources;

/// The app's string table and the method references that read it.
#[derive(Debug)]
pub struct ResourceStrings {
    resources: Arc<Resources>,
    getters: FxHashSet<MethodId>,
}

impl ResourceStrings {
    /// Finds the resource-string getters among `program`'s method references.
    pub fn new(program: &Program, hierarchy: &Hierarchy, resources: Arc<Resources>) -> Self {
        let k = Knowledge::builtin();
        let owners: Vec<_> = k
            .resource_owners
            .iter()
            .filter_map(|d| program.lookup_type(d))
            .collect();
        let int = program.lookup_type("I");
        // (name, return type) of each getter `name(I)ret` the program references
        let wanted: Vec<(&str, TypeId)> = k
            .resource_getters
            .iter()
            .filter_map(|sub| {
                let (name, _, ret) = parse_subsignature(sub)?;
                Some((name, program.lookup_type(ret)?))
            })
            .collect();
        let mut getters = FxHashSet::default();
        if owners.is_empty() || int.is_none() || wanted.is_empty() || resources.is_empty() {
            return ResourceStrings { resources, getters };
        }
        for i in 0..program.method_count() as u32 {
            let m = MethodId(i);
            let r = program.method(m);
            if r.params.len() != 1
                || Some(r.params[0]) != int
                || !wanted.iter().any(|&(n, t)| *n == *r.name && t == r.ret)
            {
                continue;
            }
            if owners.iter().any(|&o| hierarchy.is_subtype(r.class, o))
                && hierarchy.implementations(program, m).is_empty()
            {
                getters.insert(m);
            }
        }
        ResourceStrings { resources, getters }
    }

    /// Does a call to `method` read a string resource by the id in its argument?
    pub fn is_getter(&self, method: MethodId) -> bool {
        self.getters.contains(&method)
    }

    /// The string a call to `method` with resource id `id` returns, when `method` is a
    /// resource-string getter and the table holds a string for `id`.
    pub fn call_string(&self, method: MethodId, id: i64) -> Option<Arc<str>> {
        if !self.is_getter(method) {
            return None;
        }
        // resource ids are 32-bit: `const v0, 0x7f0b0001`; shared-library packages (0x80..)
        // read as negative ints
        let id = i32::try_from(id).ok()? as u32;
        self.resources.resolve_string(id).map(Arc::from)
    }

    /// The string table itself.
    pub fn resources(&self) -> &Resources {
        &self.resources
    }
}
