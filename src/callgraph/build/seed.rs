//! The first entry points of the call-graph fixpoint: manifest components (or, without a
//! manifest, every app subclass of a component base the framework model names), layout
//! `onClick` handlers and instrumentations, with the framework callbacks they override. It must
//! never make an undeclared component an entry point when a manifest is present.

use super::icc::platform_addressed;
use super::*;

impl<'a> Builder<'a> {
    pub(super) fn seed(
        &mut self,
        manifest: Option<&Manifest>,
        layouts: &[LayoutHandlers],
        options: &CallGraphOptions,
        diags: &mut Vec<Diagnostic>,
    ) {
        let program = self.program;
        let h = self.h;
        let mut activities: Vec<(TypeId, String)> = Vec::new();
        let mut missing: Vec<String> = Vec::new();
        let mut component_classes: Vec<(TypeId, String)> = Vec::new();
        match manifest {
            Some(mf) if mf.application_enabled => {
                if let Some(app) = &mf.application_class {
                    match scan::class_name_to_type(program, app).filter(|t| h.is_app_class(*t)) {
                        Some(t) => component_classes.push((t, app.clone())),
                        None => missing.push(app.clone()),
                    }
                }
                for c in mf.components.iter().filter(|c| c.enabled) {
                    let class_name = match c.kind {
                        ComponentKind::ActivityAlias => match &c.target_activity {
                            Some(t) => t,
                            None => continue,
                        },
                        _ => &c.name,
                    };
                    let Some(t) = scan::class_name_to_type(program, class_name)
                        .filter(|t| h.is_app_class(*t))
                    else {
                        missing.push(class_name.clone());
                        continue;
                    };
                    let target = match c.kind {
                        ComponentKind::Activity | ComponentKind::ActivityAlias => {
                            activities.push((t, c.name.clone()));
                            Some(IccTarget::Activity)
                        }
                        ComponentKind::Service => Some(IccTarget::Service),
                        ComponentKind::Receiver => Some(IccTarget::Receiver),
                        ComponentKind::Provider => None,
                    };
                    if let Some(k) = target {
                        let filters = c
                            .intent_filters
                            .iter()
                            .map(FilterSpec::from_manifest)
                            .collect();
                        self.components.push((k, t, filters));
                        if k == IccTarget::Activity && c.exported && platform_addressed(c) {
                            self.external_intents.insert(t);
                        }
                    }
                    self.declared.insert(t);
                    if c.kind != ComponentKind::ActivityAlias {
                        component_classes.push((t, c.name.clone()));
                    }
                }
            }
            Some(_) => {
                diags.push(Diagnostic::info(
                    "callgraph-application-disabled",
                    "the <application> is disabled: no component is an entry point",
                ));
            }
            None if options.components_without_manifest => {
                let bases: Vec<(TypeId, Option<IccTarget>)> = h
                    .component_bases
                    .iter()
                    .map(|(t, k)| (*t, k.icc_target()))
                    .collect();
                for c in &program.classes {
                    if !h.is_concrete_app_class(c.ty) {
                        continue;
                    }
                    if let Some((_, k)) = bases.iter().find(|(b, _)| h.is_subtype(c.ty, *b)) {
                        let name = crate::hierarchy::descriptor_to_dotted(program.type_name(c.ty));
                        if *k == Some(IccTarget::Activity) {
                            activities.push((c.ty, name.clone()));
                        }
                        if let Some(k) = k {
                            self.components.push((*k, c.ty, Vec::new()));
                        }
                        self.declared.insert(c.ty);
                        component_classes.push((c.ty, name));
                    }
                }
            }
            None => {}
        }
        // <instrumentation android:name>: the framework creates the class and calls its
        // lifecycle (onCreate, onStart, ...) like a component's
        if let Some(mf) = manifest {
            for name in &mf.instrumentations {
                match scan::class_name_to_type(program, name).filter(|t| h.is_app_class(*t)) {
                    Some(t) => {
                        self.declared.insert(t);
                        component_classes.push((t, name.clone()));
                    }
                    None => missing.push(name.clone()),
                }
            }
        }
        if !missing.is_empty() {
            missing.sort();
            missing.dedup();
            diags.push(Diagnostic::warning(
                "callgraph-component-missing",
                format!(
                    "{} manifest component class(es) not defined in the app: {}",
                    missing.len(),
                    missing
                        .iter()
                        .take(8)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        for (t, name) in component_classes {
            self.instantiate(t);
            for cb in self.h.all_callbacks(t) {
                if let Some(m) = self.h.dispatch(program, t, cb) {
                    self.add_entry(m, EntryKind::Lifecycle, Some(&name));
                }
            }
        }
        // android:onClick handlers: public void name(View) on the activities
        let mut handler_names: Vec<&str> = layouts
            .iter()
            .flat_map(|l| l.on_click.iter().map(|s| s.as_str()))
            .collect();
        handler_names.sort_unstable();
        handler_names.dedup();
        for name in handler_names {
            let Some(s) = h.lookup_subsig(program, &format!("{name}(Landroid/view/View;)V")) else {
                continue;
            };
            for (t, comp) in &activities {
                if let Some(m) = h.dispatch(program, *t, s) {
                    self.add_entry(m, EntryKind::LayoutOnClick, Some(comp));
                }
            }
        }
        // custom views inflated from layouts: constructors and View callbacks
        let mut views: Vec<&str> = layouts
            .iter()
            .flat_map(|l| l.custom_views.iter().map(|s| s.as_str()))
            .collect();
        views.sort_unstable();
        views.dedup();
        for v in views {
            let Some(t) = scan::class_name_to_type(program, v).filter(|t| h.is_app_class(*t))
            else {
                continue;
            };
            self.instantiate(t);
            if let Some(c) = program.class(t) {
                for d in c.direct_methods.iter() {
                    if &*program.method(d.id).name == "<init>" {
                        self.add_entry(d.id, EntryKind::Callback, None);
                    }
                }
            }
            for cb in h.all_callbacks(t) {
                if let Some(m) = h.dispatch(program, t, cb) {
                    self.add_entry(m, EntryKind::Callback, None);
                }
            }
        }
    }
}
