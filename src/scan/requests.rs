//! One request, one flow: the sink points of one HTTP request (OkHttp's `RequestBody.create`
//! -> `Request.Builder.post` -> `Call.execute`; `new HttpGet(url)` then `HttpClient.execute`; a
//! helper that opens the connection, then `setRequestProperty` / `getOutputStream().write` on
//! it) are one transmission, reported once at the call that sends, with the request's
//! destination and the other sink calls as the places the request was built.
//!
//! Must never: merge flows of different sources, of other sink categories (every log, SMS or
//! file call still counts), or of two requests whose destinations are known and differ.

use std::collections::BTreeMap;

use crate::taint::{self, Flow, FlowEnd};

/// The network flows of one source occurrence that belong to one request, merged: the kept
/// flow (the one that sends) and the sink calls of the others (where the request was built).
pub(super) fn one_flow_per_request(flows: &[Flow]) -> Vec<(Flow, Vec<FlowEnd>)> {
    let mut out: Vec<(Flow, Vec<FlowEnd>)> = Vec::new();
    let mut by_source: BTreeMap<(&taint::Site, &str, &str), Vec<&Flow>> = BTreeMap::new();
    for f in flows {
        if f.sink.category == "network" {
            by_source
                .entry((&f.source.site, &f.source.rule, &f.source.category))
                .or_default()
                .push(f);
        } else {
            out.push((f.clone(), Vec::new()));
        }
    }
    for group in by_source.into_values() {
        for members in requests(&group) {
            out.push(merge(&members));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Splits the network flows of one source into requests (union-find over `same_request`).
fn requests<'f>(flows: &[&'f Flow]) -> Vec<Vec<&'f Flow>> {
    let mut parent: Vec<usize> = (0..flows.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..flows.len() {
        for j in i + 1..flows.len() {
            if same_request(flows[i], flows[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<&Flow>> = BTreeMap::new();
    for (i, f) in flows.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(f);
    }
    groups.into_values().collect()
}

/// Where the paths of two flows of one source part: the index of the first step that
/// differs, when both have a step there and the two steps are in the same method (the
/// method that holds the request).
fn parting(a: &Flow, b: &Flow) -> Option<usize> {
    let i = a
        .path
        .iter()
        .zip(&b.path)
        .take_while(|(x, y)| x == y)
        .count();
    let (x, y) = (a.path.get(i)?, b.path.get(i)?);
    (x.method == y.method).then_some(i)
}

/// Two network flows of one source are one request when their sink calls are in one method,
/// or their paths part inside one method and at least one of them makes its sink call right
/// there (a connection helper and the call that sends), unless both know their destination
/// and it differs.
fn same_request(a: &Flow, b: &Flow) -> bool {
    if let (Some(x), Some(y)) = (&a.destination, &b.destination)
        && x != y
    {
        return false;
    }
    // the old rule: sink calls in one method are one request, whatever way the data came
    if a.sink.site.method == b.sink.site.method {
        return true;
    }
    let Some(i) = parting(a, b) else {
        return false;
    };
    let sink_there = |f: &Flow| f.path.len() == i + 1 && f.path[i] == f.sink.site;
    sink_there(a) || sink_there(b)
}

/// The flow that sends: the latest step (highest pc) where the paths part, the deeper flow
/// first on a tie; the others' sinks become the request's building steps, in path order.
fn merge(members: &[&Flow]) -> (Flow, Vec<FlowEnd>) {
    let common = members
        .iter()
        .map(|f| f.path.as_slice())
        .reduce(|p, q| {
            let n = p.iter().zip(q).take_while(|(x, y)| x == y).count();
            &p[..n]
        })
        .map_or(0, <[taint::Site]>::len);
    let rank = |f: &Flow| (f.path.get(common).map(|s| s.pc), f.path.len());
    let kept = members
        .iter()
        .copied()
        .max_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| b.cmp(a)))
        .expect("a request has a flow");
    let mut flow = kept.clone();
    if flow.destination.is_none() {
        flow.destination = members.iter().find_map(|f| f.destination.clone());
    }
    let mut built: Vec<(Option<u32>, FlowEnd)> = members
        .iter()
        .filter(|f| !std::ptr::eq(**f, kept) && f.sink != kept.sink)
        .map(|f| (f.path.get(common).map(|s| s.pc), f.sink.clone()))
        .collect();
    built.sort();
    built.dedup_by(|a, b| a.1 == b.1);
    (flow, built.into_iter().map(|(_, e)| e).collect())
}
