//! `scan`: one app from file to a finished `AppReport` — decode, program, hierarchy, call graph,
//! taint, then attribution (which SDK owns the sink), Play data types, permission consistency
//! and the disclosure verdict of every flow. It never fails: an app that cannot be read becomes
//! an `AppReport` with status `error` and a message naming the file and the problem, and an
//! internal panic is caught and reported the same way, so a batch always goes on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::analysis::{self, Analyzed};
use crate::apk::Limits;
use crate::callgraph::CallGraphOptions;
use crate::codes::Code;
use crate::disclosure::{self, Disclosure};
use crate::hierarchy::framework::FrameworkModel;
use crate::manifest::Manifest;
use crate::maps::Models;
use crate::report::{
    AppReport, AppStatus, Finding, FlowRecord, SdkRecord, SdkRef, Severity, Warning,
};
use crate::taint::{self, MapsModels, ModelSource, TaintOptions, TaintStatus};

mod evidence;
pub mod raw;
mod requests;

/// Everything one scan needs besides the input path; shared by all apps of a batch.
pub struct ScanConfig {
    pub models: Models,
    pub framework: FrameworkModel,
    pub taint: TaintOptions,
    pub limits: Limits,
    pub callgraph: CallGraphOptions,
    /// disclosure given on the command line; when None, files beside each app are used
    /// (`NAME.disclosure.toml`, `NAME.datasafety.csv`, `NAME.policy.txt|html`)
    pub disclosure: Option<Disclosure>,
    /// record per-stage timings in the report
    pub timings: bool,
}

/// Scans one app. Never panics.
pub fn scan_app(path: &Path, cfg: &ScanConfig) -> AppReport {
    let input = path.display().to_string();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scan_inner(path, cfg))) {
        Ok(report) => report,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            AppReport::failed(
                input.clone(),
                format!("{input}: internal error while analysing (please report): {what}"),
            )
        }
    }
}

fn scan_inner(path: &Path, cfg: &ScanConfig) -> AppReport {
    let input = path.display().to_string();
    let mut timings: BTreeMap<String, u64> = BTreeMap::new();
    let t = Instant::now();
    let mut app = match analysis::open(path, &cfg.limits) {
        Ok(app) => app,
        Err(e) => return AppReport::failed(input, e.to_string()),
    };
    timings.insert("decode".into(), t.elapsed().as_millis() as u64);

    let mut report = AppReport::new(input, app.manifest.as_ref().map(|m| m.package.clone()));
    report.version_name = app.manifest.as_ref().and_then(|m| m.version_name.clone());

    let analyzed = analysis::analyze(&mut app, &cfg.framework, &cfg.callgraph);
    for (stage, d) in &analyzed.timings {
        timings.insert(stage.to_string(), d.as_millis() as u64);
    }

    let t = Instant::now();
    let statics = clinit_statics(
        &analyzed,
        &MapsModels::new(&cfg.models, &analyzed.hierarchy),
    );
    let model_source = MapsModels::new(&cfg.models, &analyzed.hierarchy).with_app(
        evidence::app_facts(app.manifest.as_ref(), &analyzed.program, &statics),
    );
    let result = taint::analyze(
        &analyzed.program,
        &analyzed.callgraph,
        &model_source,
        &cfg.taint,
    );
    timings.insert("taint".into(), t.elapsed().as_millis() as u64);

    for d in app
        .diagnostics
        .iter()
        .chain(&analyzed.diagnostics)
        .chain(&result.diagnostics)
    {
        report.warnings.push(Warning::from(d));
    }
    if result.status == TaintStatus::Partial {
        report.status = AppStatus::Partial;
        let cause = if result.diagnostics.iter().any(|d| d.code == "taint-timeout") {
            "analysis budget exhausted (--timeout)"
        } else {
            "a call-graph cycle did not settle (taint-unconverged)"
        };
        report.errors.push(format!(
            "{}: {cause}: the flows listed were found, others may be missing",
            report.input
        ));
    }
    if analyzed.program.classes.is_empty() {
        report.status = AppStatus::Error;
        report
            .errors
            .push(format!("{}: no readable dex code", report.input));
    }

    let (access, gated_needs, scopes) =
        data_access_findings(&analyzed, &cfg.models, &model_source, &statics);
    let mut sdks_seen: BTreeMap<String, SdkRecord> = BTreeMap::new();
    for (flow, request_steps) in &requests::one_flow_per_request(&result.flows) {
        let sdk = attribute_sdk(&cfg.models, flow);
        if let Some(s) = &sdk {
            sdks_seen.entry(s.id.clone()).or_insert_with(|| SdkRecord {
                id: s.id.clone(),
                name: s.name.clone(),
                company: s.company.clone(),
                kind: s.kind.clone(),
                flows: 0,
            });
        }
        let data_types = cfg
            .models
            .category(&flow.source.category)
            .map(|c| c.play_data_types.iter().map(|t| t.to_string()).collect())
            .unwrap_or_default();
        let mut record = FlowRecord::from_flow(flow, sdk, data_types);
        record.source.read = Some(evidence::source_read(
            &cfg.models,
            app.manifest.as_ref(),
            &scopes,
            flow,
        ));
        record.returned_to = evidence::returned_to_issuer(&cfg.models, flow).map(SdkRef::from);
        record.request_steps = request_steps.iter().map(Into::into).collect();
        report.flows.push(record);
    }
    // every SDK present in the app, not only those owning a flow
    let classes = analyzed
        .program
        .classes
        .iter()
        .map(|c| analyzed.program.type_name(c.ty));
    for (s, _) in cfg.models.sdk_class_counts(classes) {
        sdks_seen
            .entry(s.id.to_string())
            .or_insert_with(|| SdkRecord {
                id: s.id.to_string(),
                name: s.name.to_string(),
                company: s.company.to_string(),
                kind: s.kind.to_string(),
                flows: 0,
            });
    }
    report.sdks = sdks_seen.into_values().collect();

    if let Some(m) = &app.manifest {
        report.findings.extend(permission_findings(
            m,
            &analyzed,
            &cfg.models,
            &report.flows,
            gated_needs,
        ));
    }
    report.findings.extend(access);

    // disclosure: command line wins, else files beside the app
    let beside;
    let disclosure = match &cfg.disclosure {
        Some(d) => Some(d),
        None => {
            let files = disclosure::discover_beside(path);
            beside = if files.is_empty() {
                None
            } else {
                match Disclosure::load_all(&files) {
                    Ok((d, warnings)) => {
                        report.warnings.extend(warnings.iter().map(Warning::from));
                        Some(d)
                    }
                    Err(e) => {
                        report.errors.push(e.to_string());
                        if report.status == AppStatus::Ok {
                            report.status = AppStatus::Partial;
                        }
                        None
                    }
                }
            };
            beside.as_ref()
        }
    };
    if let Some(d) = disclosure
        && !d.applies_to(report.package.as_deref())
    {
        report.warnings.push(Warning {
            severity: Severity::Warning,
            code: "disclosure-other-package".into(),
            message: format!(
                "the disclosure names package {} but the app is {}",
                d.app.as_deref().unwrap_or("?"),
                report.package.as_deref().unwrap_or("?")
            ),
            location: d.sources.first().cloned(),
        });
    }
    report.apply_disclosure(disclosure);
    if cfg.timings {
        report.timings = Some(timings);
        report.profile = Some(result.stats.clone());
    }
    report.finalize();
    report
}

fn class_of(signature: &str) -> &str {
    signature.split("->").next().unwrap_or(signature)
}

/// The SDK that receives the data: the SDK whose code contains the sink call, else the SDK
/// whose API is the sink (an analytics `logEvent` called from first-party code).
fn attribute_sdk(models: &Models, flow: &taint::Flow) -> Option<SdkRef> {
    models
        .sdk_for_class(class_of(&flow.sink.site.method))
        .or_else(|| models.sdk_for_class(class_of(&flow.sink.api)))
        .map(SdkRef::from)
}

/// Constant strings (and Uris built from them) per register along one method body, through
/// the shared constant propagation: `visit` sees each reachable instruction with the
/// registers before it; `sput` of a constant string is recorded in `statics_out`.
fn track_constants(
    program: &crate::bytecode::Program,
    body: &crate::bytecode::Body,
    ms: &MapsModels<'_>,
    resources: Option<&crate::callgraph::ResourceStrings>,
    statics: &std::collections::HashMap<crate::bytecode::FieldId, Arc<str>>,
    statics_out: &mut std::collections::HashMap<crate::bytecode::FieldId, Arc<str>>,
    mut visit: impl FnMut(&crate::bytecode::Insn, &crate::bytecode::consts::Frame<'_>),
) {
    use crate::bytecode::Op;
    use crate::bytecode::consts::Consts;
    // static fields set from a constant by static initializers (`statics`) or modeled as
    // provider Uris; string resources by a constant id (`getString(R.string.uri)`); and the call
    // rules of constants.toml, so `Uri.parse` / `withAppendedPath` keep their string (a path
    // below a provider URI stays that provider's data)
    let static_value = |field: crate::bytecode::FieldId| {
        statics
            .get(&field)
            .cloned()
            .or_else(|| ms.uri_field(&program.field_signature(field)))
    };
    let env = crate::consts::AppEnv::new(program, resources)
        .with_statics(&static_value)
        .with_call_rules();
    // the receiver is not needed: strings, not nullness, matter here
    Consts::walk_body(body, &env, None, |_, insn, frame| {
        visit(insn, frame);
        if let Op::SPut { src, field } = &insn.op
            && let Some(v) = frame.str(*src)
        {
            statics_out.insert(*field, v.clone());
        }
    });
}

/// The app facts the engine reads beside the maps (`taint::AppFacts`: the manifest's provider
/// authorities, the content URIs static initializers store), for callers that wire the
/// stages themselves (`scan::raw`).
pub fn app_facts(
    analyzed: &Analyzed,
    models: &Models,
    manifest: Option<&Manifest>,
) -> taint::AppFacts {
    let statics = clinit_statics(analyzed, &MapsModels::new(models, &analyzed.hierarchy));
    evidence::app_facts(manifest, &analyzed.program, &statics)
}

/// Constant strings static initializers store into static fields (`static final Uri INBOX =
/// Uri.parse("content://sms/inbox")`), for Uri tracking here and, as content URIs, in the
/// engine (`evidence::app_facts`).
fn clinit_statics(
    a: &Analyzed,
    ms: &MapsModels<'_>,
) -> std::collections::HashMap<crate::bytecode::FieldId, Arc<str>> {
    use crate::bytecode::Op;
    use std::collections::HashMap;
    let resources = a.callgraph.resource_strings.as_deref();
    let mut statics: HashMap<crate::bytecode::FieldId, Arc<str>> = HashMap::new();
    for class in &a.program.classes {
        for m in class
            .direct_methods
            .iter()
            .filter(|m| &*a.program.method(m.id).name == "<clinit>")
        {
            if let Some(body) = a.program.body(m.id)
                && body.insns.iter().any(|x| matches!(x.op, Op::SPut { .. }))
            {
                let mut out = HashMap::new();
                track_constants(
                    &a.program,
                    &body,
                    ms,
                    resources,
                    &HashMap::new(),
                    &mut out,
                    |_, _| {},
                );
                statics.extend(out);
            }
        }
    }
    statics
}

/// Personal data the app reads in reachable code, whether or not it reaches a sink: one
/// `DF201 personal-data-access` finding per source call site of a personal category. Content
/// provider reads are classified by the Uri argument when a constant reaches it (within the
/// method, or through a static field set from a constant in a static initializer, e.g.
/// `static final Uri INBOX = Uri.parse("content://sms/inbox")`); unresolved provider reads are
/// not listed (the flow report covers those that leave the app). A class calling its own
/// getters (an SDK's `writeToParcel`) is not an access.
/// Permissions a call needs, as an any-of set -> (api, site) of its first call.
type PermissionNeeds = BTreeMap<Vec<Arc<str>>, (String, String)>;

/// Also returns the permissions that constant-gated reads need (any-of set -> (api, site)):
/// `getStringExtra("incoming_number")` needs READ_CALL_LOG, the bare API does not.
fn data_access_findings(
    a: &Analyzed,
    models: &Models,
    ms: &MapsModels<'_>,
    statics: &std::collections::HashMap<crate::bytecode::FieldId, Arc<str>>,
) -> (Vec<Finding>, PermissionNeeds, evidence::Scopes) {
    let mut gated_needs = PermissionNeeds::new();
    use crate::bytecode::Op;
    use std::collections::HashMap;
    let resources = a.callgraph.resource_strings.as_deref();
    let mut found: BTreeSet<(String, String, String, u32)> = BTreeSet::new();
    let mut scopes: BTreeSet<(String, String, String, String, u32)> = BTreeSet::new();
    let mut reachable: Vec<_> = a.callgraph.reachable.iter().copied().collect();
    reachable.sort();
    for m in reachable {
        let Some(body) = a.program.body(m) else {
            continue;
        };
        // social-SDK scope strings (`user_friends`): the app asks for that data, which the
        // SDK's server may return without any on-device API call
        for insn in &body.insns {
            if let Op::ConstString { value, .. } = &insn.op
                && let Some(sc) = models.scope_string(value)
            {
                scopes.insert((
                    sc.value.to_string(),
                    sc.sdk.to_string(),
                    sc.category.to_string(),
                    a.program.method_signature(m),
                    insn.pc,
                ));
            }
        }
        let caller_class = a.program.method(m).class;
        let mut ignored = HashMap::new();
        track_constants(
            &a.program,
            &body,
            ms,
            resources,
            statics,
            &mut ignored,
            |insn, consts| {
                let Op::Invoke { kind, method, args } = &insn.op else {
                    return;
                };
                if a.program.method(*method).class == caller_class {
                    return;
                }
                for mm in ms.call_models(&a.program, *method) {
                    for src in mm
                        .sources
                        .iter()
                        .filter(|s| s.kind == crate::maps::SourceKind::Call)
                    {
                        // a constant-gated source (`getStringExtra("incoming_number")`)
                        // is an access only when the argument is one of the gate's constants
                        if let Some(g) = models.const_gate(&src.id) {
                            let recv = usize::from(*kind != crate::bytecode::InvokeKind::Static);
                            let hit = args
                                .get(recv + usize::from(g.arg))
                                .and_then(|r| consts.str(*r))
                                .is_some_and(|v| g.values.iter().any(|x| **x == **v));
                            if !hit {
                                continue;
                            }
                            if !src.permissions.is_empty() {
                                let mut key = src.permissions.clone();
                                key.sort();
                                gated_needs.entry(key).or_insert_with(|| {
                                    (
                                        a.program.method_signature(*method),
                                        format!("{}@{}", a.program.method_signature(m), insn.pc),
                                    )
                                });
                            }
                        }
                        let category = match src.uri_arg {
                            Some(i) => {
                                let recv =
                                    usize::from(*kind != crate::bytecode::InvokeKind::Static);
                                match args
                                    .get(recv + usize::from(i))
                                    .and_then(|r| consts.str(*r))
                                    .and_then(|u| models.classify_uri(u))
                                {
                                    Some((c, _)) => c,
                                    None => continue,
                                }
                            }
                            None => src.category.clone(),
                        };
                        if models.category(&category).is_some_and(|c| c.personal) {
                            found.insert((
                                category.to_string(),
                                a.program.method_signature(*method),
                                a.program.method_signature(m),
                                insn.pc,
                            ));
                        }
                    }
                }
            },
        );
    }
    let scope_names: evidence::Scopes = scopes
        .iter()
        .map(|(value, sdk, ..)| (sdk.clone(), value.clone()))
        .collect();
    let mut findings: Vec<Finding> = found
        .into_iter()
        .map(|(category, api, method, pc)| {
            Finding::new(
                Code::PersonalDataAccess,
                format!("reads {category} through {api}"),
                Some(format!("{method}@{pc}")),
            )
        })
        .collect();
    findings.extend(
        scopes
            .into_iter()
            .map(|(value, sdk, category, method, pc)| {
                Finding::new(
                    Code::SocialScopeRequested,
                    format!(
                        "asks {sdk} for `{value}` ({category}): the SDK's server may hand this data over without an on-device call"
                    ),
                    Some(format!("{method}@{pc}")),
                )
            }),
    );
    (findings, gated_needs, scope_names)
}

/// Is `api` (Dalvik signature) a content-provider read, i.e. a source gated on a Uri argument?
fn is_provider_read(models: &Models, api: &str) -> bool {
    let Some((class, sub)) = api.split_once("->") else {
        return false;
    };
    models
        .lookup(class, sub)
        .is_some_and(|mm| mm.sources.iter().any(|s| s.uri_arg.is_some()))
}

/// Permission consistency (issue: a source used without its permission; a dangerous
/// permission declared but never needed by reachable code).
fn permission_findings(
    m: &Manifest,
    a: &Analyzed,
    models: &Models,
    flows: &[FlowRecord],
    gated_needs: PermissionNeeds,
) -> Vec<Finding> {
    let declared: BTreeSet<&str> = m.uses_permissions.iter().map(|p| p.name.as_str()).collect();
    let mut needed = gated_needs;
    let mut reads_providers = false;
    let mut sites: Vec<_> = a
        .callgraph
        .targets
        .iter()
        .filter(|((caller, _), _)| a.callgraph.is_reachable(*caller))
        .collect();
    sites.sort_by_key(|(k, _)| **k);
    for ((caller, pc), targets) in sites {
        for t in targets {
            if a.program.method_def(t.method).is_some() {
                continue; // app code: its own calls are checked where they happen
            }
            let sig = a.program.method_signature(t.method);
            let perms = models.permissions_for(&sig);
            if !perms.is_empty() {
                let mut key = perms.to_vec();
                key.sort();
                needed.entry(key).or_insert_with(|| {
                    (
                        sig.clone(),
                        format!("{}@{pc}", a.program.method_signature(*caller)),
                    )
                });
            }
            if is_provider_read(models, &sig) {
                reads_providers = true;
            }
        }
    }
    for f in flows {
        let perms = models.provider_permissions(&f.source.category);
        if !perms.is_empty() && is_provider_read(models, &f.source.api) {
            needed.entry(perms).or_insert_with(|| {
                (
                    f.source.api.clone(),
                    format!("{}@{}", f.source.site.method, f.source.site.pc),
                )
            });
        }
    }

    let mut findings = Vec::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (any_of, (api, site)) in &needed {
        used.extend(any_of.iter().map(|p| p.to_string()));
        if !any_of.iter().any(|p| declared.contains(&**p)) {
            let list: Vec<&str> = any_of.iter().map(|p| &**p).collect();
            findings.push(Finding::new(
                Code::PermissionMissing,
                format!(
                    "{api} is called from reachable code but the manifest declares none of: {}",
                    list.join(", ")
                ),
                Some(site.clone()),
            ));
        }
    }
    let provider_permissions: BTreeSet<String> = models
        .categories()
        .flat_map(|c| models.provider_permissions(&c.id))
        .map(|p| p.to_string())
        .collect();
    for p in &m.uses_permissions {
        if !models.is_dangerous(&p.name) || used.contains(&p.name) {
            continue;
        }
        if reads_providers && provider_permissions.contains(&p.name) {
            continue; // a provider read whose URI we could not tie to a category may need it
        }
        findings.push(Finding::new(
            Code::PermissionUnused,
            format!(
                "dangerous permission {} is declared but no reachable code calls an API known to need it",
                p.name
            ),
            Some("AndroidManifest.xml".into()),
        ));
    }
    findings
}
