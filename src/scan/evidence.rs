//! What a reviewer needs beside the engine's facts to trust a flow: what its source read
//! (`SourceRead`: the content URI and whose provider it is, the intent extra and the actions
//! that deliver it, the settings key, the SDK callback and the scopes the app asked that SDK
//! for), and the app facts the engine needs to tell the app's own providers from the user's
//! (`AppFacts`: the manifest's authorities, the content URIs static initializers store).
//!
//! Must never: invent an identity. What the engine could not resolve is reported as
//! unresolved, never guessed from names.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::bytecode::{FieldId, Program};
use crate::manifest::Manifest;
use crate::maps::{GateKey, Models, Sdk, SourceKind, SourceRule, uri_authority};
use crate::report::{Provider, SourceRead};
use crate::taint::{self, AppFacts};

/// The app's own provider authorities and the `static final` fields its static initializers
/// set to a content URI (`statics`: every constant string a `<clinit>` stores in a static).
pub(super) fn app_facts(
    manifest: Option<&Manifest>,
    program: &Program,
    statics: &HashMap<FieldId, Arc<str>>,
) -> AppFacts {
    let mut own_authorities: Vec<String> = manifest
        .into_iter()
        .flat_map(|m| &m.components)
        .flat_map(|c| &c.authorities)
        .map(|a| a.trim().to_ascii_lowercase())
        .filter(|a| !a.is_empty())
        .collect();
    own_authorities.sort();
    own_authorities.dedup();
    let uri_statics = statics
        .iter()
        .filter(|(f, v)| uri_authority(v).is_some() && is_static_final(program, **f))
        .map(|(f, v)| (program.field_signature(*f), v.clone()))
        .collect();
    AppFacts {
        own_authorities,
        uri_statics,
    }
}

fn is_static_final(program: &Program, f: FieldId) -> bool {
    let fr = program.field(f);
    program.class(fr.class).is_some_and(|c| {
        c.static_fields
            .iter()
            .any(|d| d.id == f && d.access_flags & crate::bytecode::program::ACC_FINAL != 0)
    })
}

/// Scope strings found in reachable code: (SDK name as `sources.toml` gives it, value).
pub(super) type Scopes = BTreeSet<(String, String)>;

/// What the source of `flow` read.
pub(super) fn source_read(
    models: &Models,
    manifest: Option<&Manifest>,
    scopes: &Scopes,
    flow: &taint::Flow,
) -> SourceRead {
    let src = &flow.source;
    let arg = flow.source_arg.clone();
    if src.rule == taint::EXTERNAL_INTENT_RULE {
        return SourceRead::Intent {
            actions: component_actions(manifest, &src.site.method),
        };
    }
    let Some(rule) = source_rule(models, &src.api, &src.rule) else {
        // field sources: the engine names the field it read
        return match arg {
            Some(field) if models.field_source(&field).is_some() => SourceRead::Field { field },
            _ => SourceRead::Call {
                api: src.api.clone(),
            },
        };
    };
    if rule.uri_arg.is_some() {
        let provider = match &arg {
            None => Provider::Unresolved,
            Some(u) if models.classify_uri(u).is_some() => Provider::System,
            Some(_) => Provider::Other,
        };
        return SourceRead::ContentUri {
            authority: arg.as_deref().and_then(uri_authority),
            uri: arg,
            provider,
        };
    }
    if rule.kind == SourceKind::CallbackParameter {
        let sdk = models.sdk_for_class(class_of(&src.api));
        return SourceRead::Callback {
            callback: src.api.clone(),
            sdk: sdk.map(|s| s.name.to_string()),
            scopes: sdk
                .map(|s| {
                    scopes
                        .iter()
                        .filter(|(who, _)| same_sdk(who, &s.name))
                        .map(|(_, v)| v.clone())
                        .collect()
                })
                .unwrap_or_default(),
        };
    }
    match models.const_gate(&rule.id).map(|g| g.key) {
        Some(Some(GateKey::Setting)) => SourceRead::Setting { key: arg },
        Some(Some(GateKey::IntentExtra)) => SourceRead::IntentExtra {
            key: arg,
            actions: component_actions(manifest, &src.site.method),
        },
        Some(_) => SourceRead::Property { key: arg },
        None => SourceRead::Call {
            api: src.api.clone(),
        },
    }
}

/// The source rule `id` declared for `api` (exactly, else by class suffix for relocated
/// libraries), else by its id alone (a callback the app implements without the program
/// naming the SDK's method: the api is then the app's method).
fn source_rule<'m>(models: &'m Models, api: &str, id: &str) -> Option<&'m SourceRule> {
    let (class, sub) = api.split_once("->")?;
    [models.lookup(class, sub), models.lookup_suffix(class, sub)]
        .into_iter()
        .flatten()
        .flat_map(|m| &m.sources)
        .find(|s| &*s.id == id)
        .or_else(|| models.source_rule(id))
}

/// `sources.toml` scope strings name their SDK in short (`Facebook`, `VK`); `sdks.toml` in
/// full (`Facebook Login / Graph API`, `VK SDK`): the same SDK when the first words agree.
fn same_sdk(scope_sdk: &str, sdk_name: &str) -> bool {
    let first = |s: &str| s.split_whitespace().next().map(str::to_ascii_lowercase);
    first(scope_sdk).is_some() && first(scope_sdk) == first(sdk_name)
}

/// The actions of the intent filters of the manifest component whose code (its class or an
/// inner class of it) contains `method`.
fn component_actions(manifest: Option<&Manifest>, method: &str) -> Vec<String> {
    let Some(m) = manifest else {
        return Vec::new();
    };
    let class = class_of(method);
    let dotted = class
        .strip_prefix('L')
        .and_then(|c| c.strip_suffix(';'))
        .unwrap_or(class)
        .replace('/', ".");
    let outer = dotted.split('$').next().unwrap_or(&dotted);
    let mut actions: Vec<String> = m
        .components
        .iter()
        .filter(|c| c.name == dotted || c.name == outer)
        .flat_map(|c| &c.intent_filters)
        .flat_map(|f| f.actions.iter().cloned())
        .collect();
    actions.sort();
    actions.dedup();
    actions
}

/// The SDK kind whose data, handed to the app, can be returned to its issuer: a social
/// login or API (`kinds` in `sdks.toml`).
const ISSUING_KIND: &str = "social";

/// The social SDK that handed the flow's data over, when the flow sends it back only to that
/// SDK's own endpoints: the source API (an SDK call such as `AccessToken.getToken()`, or the
/// SDK callback the app implements) is the SDK's, and the destination is one of its `hosts`.
/// An unknown destination is not "back": the flow keeps its full weight.
pub(super) fn returned_to_issuer<'m>(models: &'m Models, flow: &taint::Flow) -> Option<&'m Sdk> {
    let issuer = models.sdk_for_class(class_of(&flow.source.api))?;
    if &*issuer.kind != ISSUING_KIND {
        return None;
    }
    let destination = flow.destination.as_deref()?;
    issuer.owns_destination(destination).then_some(issuer)
}

fn class_of(signature: &str) -> &str {
    signature.split("->").next().unwrap_or(signature)
}
