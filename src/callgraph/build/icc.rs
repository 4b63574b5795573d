//! Inter-component communication for the call-graph fixpoint: intent filters (from the
//! manifest or built in code) and how an Intent resolves to components, activity results
//! (`startActivityForResult` / `setResult`), `Messenger` handlers, dynamically registered
//! receivers. It must never add an edge to a component the Intent cannot reach (an explicit
//! target, or a filter match as Android would resolve it).

use super::*;

/// One intent filter as intent resolution sees it (a manifest `<intent-filter>` or an
/// `IntentFilter` built in code): the `<data>` elements of one filter pool their schemes and
/// types, as in Android.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct FilterSpec {
    actions: Vec<String>,
    categories: Vec<String>,
    schemes: Vec<String>,
    types: Vec<String>,
}

const CATEGORY_DEFAULT: &str = "android.intent.category.DEFAULT";

impl FilterSpec {
    pub(super) fn from_manifest(f: &crate::manifest::IntentFilter) -> Self {
        FilterSpec {
            actions: f.actions.clone(),
            categories: f.categories.clone(),
            schemes: f
                .data
                .iter()
                .filter_map(|d| d.scheme.as_ref().map(|s| s.to_ascii_lowercase()))
                .collect(),
            types: f
                .data
                .iter()
                .filter_map(|d| d.mime_type.as_ref().map(|s| s.to_ascii_lowercase()))
                .collect(),
        }
    }

    pub(super) fn from_code(o: &IntentObj) -> Self {
        let strings = |v: &[Arc<str>]| v.iter().map(|s| s.to_string()).collect();
        FilterSpec {
            actions: strings(&o.actions),
            categories: strings(&o.categories),
            schemes: o.schemes.iter().map(|s| s.to_ascii_lowercase()).collect(),
            types: o.types.iter().map(|s| s.to_ascii_lowercase()).collect(),
        }
    }

    /// Does an implicit intent pass this filter (Android's `IntentFilter.match`: action,
    /// categories, data)? `default_category`: `startActivity` adds
    /// `android.intent.category.DEFAULT` to the intent. What the intent leaves unknown (a
    /// non-constant data URI or type) is taken as possibly matching; an intent whose action
    /// is unknown matches nothing (resolution needs the action).
    pub(super) fn matches(&self, intent: &IntentObj, default_category: bool) -> bool {
        if !intent
            .actions
            .iter()
            .any(|a| self.actions.iter().any(|x| x == &**a))
        {
            return false;
        }
        let default = default_category.then_some(CATEGORY_DEFAULT);
        if !intent
            .categories
            .iter()
            .map(|c| &**c)
            .chain(default)
            .all(|c| self.categories.iter().any(|x| x == c))
        {
            return false;
        }
        self.matches_data(intent)
    }

    pub(super) fn matches_data(&self, intent: &IntentObj) -> bool {
        let has_data = !intent.schemes.is_empty() || intent.unknown_data;
        let has_type = !intent.types.is_empty() || intent.unknown_type;
        if self.schemes.is_empty() && self.types.is_empty() {
            return !has_data && !has_type;
        }
        // a content: URI (or an unknown one) may have a type the provider supplies
        let type_inferable =
            intent.unknown_data || intent.schemes.iter().any(|s| &**s == "content");
        if self.schemes.is_empty() {
            // a filter without schemes takes only content: and file: URIs (and no URI)
            if !intent.unknown_data
                && intent
                    .schemes
                    .iter()
                    .any(|s| &**s != "content" && &**s != "file")
            {
                return false;
            }
        } else if !intent.unknown_data
            && !intent
                .schemes
                .iter()
                .any(|s| self.schemes.iter().any(|x| x.eq_ignore_ascii_case(s)))
        {
            return false;
        }
        if self.types.is_empty() {
            !has_type || (intent.types.is_empty() && !intent.unknown_type && type_inferable)
        } else if intent.unknown_type {
            true
        } else if intent.types.is_empty() {
            type_inferable
        } else {
            intent
                .types
                .iter()
                .any(|t| self.types.iter().any(|f| mime_matches(f, t)))
        }
    }
}

/// An exported component with an intent filter for a platform action
/// (`android.intent.action.MAIN`, `SEND`, `VIEW`, ...): declared to be started by the system
/// and other apps, so what its intents carry comes from outside. Filters that only name the
/// app's own actions are how its components address each other.
pub(super) fn platform_addressed(c: &crate::manifest::Component) -> bool {
    c.intent_filters
        .iter()
        .flat_map(|f| f.actions.iter())
        .any(|a| a.starts_with("android.intent.action."))
}

/// MIME type match with `*` wildcards on either side (`image/*` matches `image/png`).
pub(super) fn mime_matches(filter: &str, intent: &str) -> bool {
    let split = |t: &str| -> (String, String) {
        let t = t.to_ascii_lowercase();
        match t.split_once('/') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (t.clone(), "*".to_string()),
        }
    };
    let (fa, fb) = split(filter);
    let (ia, ib) = split(intent);
    let part = |f: &str, i: &str| f == "*" || i == "*" || f == i;
    part(&fa, &ia) && part(&fb, &ib)
}

impl Builder<'_> {
    /// The app components an intent sent by a rule of kind `kind` reaches: an explicit intent
    /// its named class when that is a declared component of the kind; an implicit one every
    /// component whose intent filters match (categories and data as well as the action), and
    /// for broadcasts the receivers registered in code.
    pub(super) fn resolve_intent(
        &mut self,
        obj: &IntentObj,
        kind: IccTarget,
        site: CallSiteKey,
    ) -> Vec<TypeId> {
        let h = self.h;
        let mut targets: Vec<TypeId> = obj
            .targets
            .iter()
            .copied()
            .filter(|t| h.is_app_class(*t))
            .filter(|t| {
                !self.restrict_components
                    || self.components.iter().any(|(k, c, _)| *k == kind && c == t)
            })
            .collect();
        if !obj.explicit {
            let default_category = kind == IccTarget::Activity;
            for (k, t, filters) in &self.components {
                if *k == kind && filters.iter().any(|f| f.matches(obj, default_category)) {
                    targets.push(*t);
                }
            }
            if kind == IccTarget::Receiver && !obj.actions.is_empty() {
                self.broadcasts.push((site, obj.clone()));
                for (t, filter) in &self.dyn_receivers {
                    if filter.matches(obj, false) {
                        targets.push(*t);
                    }
                }
            }
        }
        targets.sort_unstable();
        targets.dedup();
        if targets.is_empty()
            && obj.explicit
            && self.restrict_components
            && !obj.targets.is_empty()
            && obj.targets.iter().all(|t| h.is_app_class(*t))
        {
            self.undelivered_icc.insert(site);
        }
        targets
    }

    /// An app subclass of a component type that the manifest does not declare: the framework
    /// never creates it, so no intent reaches it and its callbacks are not entry points.
    pub(super) fn undeclared_component(&self, t: TypeId) -> bool {
        self.restrict_components
            && !self.declared.contains(&t)
            && self
                .component_bases
                .iter()
                .any(|b| self.h.is_subtype(t, *b))
    }

    /// ICC edges from each `setResult` site to the `onActivityResult` of every activity that
    /// starts the setting activity for a result (in whatever order both were found).
    pub(super) fn link_results(&mut self) {
        let Some(cb) = self.on_activity_result else {
            return;
        };
        let mut edges: Vec<(CallSiteKey, MethodId)> = Vec::new();
        for &(site, setter) in &self.result_setters {
            for &(started, receiver) in &self.result_links {
                if !self.h.is_subtype(started, setter) {
                    continue;
                }
                if let Some(m) = self.h.dispatch(self.program, receiver, cb)
                    && self.program.method_def(m).is_some()
                {
                    edges.push((site, m));
                }
            }
        }
        for (site, m) in edges {
            if !self.result_edges.contains(&(site, m)) {
                self.result_edges.push((site, m));
                self.add_edge(site, m, EdgeKind::Icc);
            }
        }
    }

    /// A Handler wrapped by `new Messenger(handler)`: its exact type, or the instantiated
    /// concrete app subtypes of its declared type.
    pub(super) fn messenger_handler(&mut self, v: &Val) {
        let h = self.h;
        let types: Vec<TypeId> = match v {
            Val::Exact(t) if h.is_app_class(*t) => vec![*t],
            Val::Declared(d) => std::iter::once(*d)
                .chain(h.subtypes(*d).iter().copied())
                .filter(|t| h.is_concrete_app_class(*t))
                .collect(),
            _ => Vec::new(),
        };
        for t in types {
            if !self.messenger_handlers.contains(&t) {
                self.messenger_handlers.push(t);
            }
        }
        self.link_messengers();
    }

    /// Edges from every `Messenger.send` site to `handleMessage` of every wrapped Handler.
    pub(super) fn link_messengers(&mut self) {
        let Some(cb) = self.handle_message else {
            return;
        };
        let kind = EdgeKind::Async {
            receiver_arg: 0,
            params_from: Some(1),
        };
        let mut edges = Vec::new();
        for &site in &self.messenger_sends {
            for &t in &self.messenger_handlers {
                if let Some(m) = self.h.dispatch(self.program, t, cb)
                    && self.program.method_def(m).is_some()
                    && !self.messenger_edges.contains(&(site, m))
                {
                    edges.push((site, m));
                }
            }
        }
        for (site, m) in edges {
            self.messenger_edges.push((site, m));
            self.add_edge(site, m, kind);
        }
    }

    /// ICC edges from `site` to the Intent-receiving callbacks of component class `t`.
    pub(super) fn icc_edges(&mut self, site: CallSiteKey, t: TypeId) {
        self.instantiate(t);
        for cb in self.h.icc_callbacks(t) {
            if let Some(m) = self.h.dispatch(self.program, t, cb) {
                self.add_edge(site, m, EdgeKind::Icc);
            }
        }
    }

    pub(super) fn register_receiver(
        &mut self,
        call: &scan::CallRec,
        intents: &[IntentObj],
        offset: usize,
    ) {
        let h = self.h;
        let Some(Val::Intent(f)) = call.args.get(offset + 1) else {
            return;
        };
        let Some(filter) = intents.get(*f as usize) else {
            return;
        };
        if filter.actions.is_empty() {
            return;
        }
        // the receiver: its exact type, or every concrete app subtype of its declared type
        let receivers: Vec<TypeId> = match call.args.get(offset) {
            Some(Val::Exact(t)) if h.is_app_class(*t) => vec![*t],
            Some(Val::Declared(v)) => std::iter::once(*v)
                .chain(h.subtypes(*v).iter().copied())
                .filter(|t| h.is_concrete_app_class(*t))
                .collect(),
            _ => Vec::new(),
        };
        let spec = FilterSpec::from_code(filter);
        for t in receivers {
            if self
                .dyn_receivers
                .iter()
                .any(|(r, f)| *r == t && *f == spec)
            {
                continue;
            }
            self.dyn_receivers.push((t, spec.clone()));
            let sites: Vec<CallSiteKey> = self
                .broadcasts
                .iter()
                .filter(|(_, intent)| spec.matches(intent, false))
                .map(|(s, _)| *s)
                .collect();
            for site in sites {
                self.icc_edges(site, t);
            }
        }
    }
}
