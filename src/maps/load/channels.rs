//! `channels.toml`: channels: values stored under a key and read back elsewhere (intent extras,
//! bundles, SharedPreferences). The file's record types sit beside the `Builder` method that
//! validates them; every error names `channels.toml:line`. Nothing here may accept a record it has
//! not checked.

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::Builder;
use super::check::*;
use crate::maps::ChannelRule;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelsFile {
    #[serde(default)]
    channels: Vec<String>,
    #[serde(default)]
    channel: Vec<Spanned<ChannelRec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelRec {
    channel: Spanned<String>,
    op: Spanned<String>,
    class: Spanned<String>,
    #[serde(rename = "match", default)]
    match_kind: Option<Spanned<String>>,
    #[serde(rename = "static", default)]
    is_static: bool,
    methods: Vec<Spanned<String>>,
    #[serde(default)]
    key_arg: Option<u8>,
    value: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)]
    verified: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

impl Builder {
    pub(super) fn channels_file(&mut self, f: &FileCtx) {
        let Some(file) = parse_file::<ChannelsFile>(f, &mut self.d) else {
            return;
        };
        let known: HashSet<&str> = file.channels.iter().map(String::as_str).collect();
        for rec in &file.channel {
            let r = rec.get_ref();
            let span = rec.span();
            if !known.contains(r.channel.get_ref().as_str()) {
                self.d.warn(
                    f,
                    &r.channel.span(),
                    "map-unknown-kind",
                    format!(
                        "unknown channel `{}` (list it in `channels`)",
                        r.channel.get_ref()
                    ),
                );
            }
            let put = match r.op.get_ref().as_str() {
                "put" => Some(true),
                "get" => Some(false),
                other => {
                    self.d.error(
                        f,
                        &r.op.span(),
                        "map-bad-op",
                        format!("unknown op `{other}` (expected `put` or `get`)"),
                    );
                    None
                }
            };
            let target = parse_target(f, &mut self.d, &r.class, &r.match_kind);
            let value = self.port_ok(f, &r.value);
            let Some(target) = target else { continue };
            let methods = parse_methods(f, &mut self.d, &r.methods, &target, false, &span);
            let (Some(put), Some(value)) = (put, value) else {
                continue;
            };
            let channel = self.intern(r.channel.get_ref());
            for m in &methods {
                if !check_data_port(f, &mut self.d, value, m, r.is_static, "channel value") {
                    continue;
                }
                if let Some(k) = r.key_arg {
                    if !check_arg_index(f, &mut self.d, k, m, "key_arg") {
                        continue;
                    }
                }
                let key = format!("channel {}", Self::target_key(&target, m));
                if !self.claim_rule(f, &m.span, key, "channel rule for this method") {
                    continue;
                }
                let rule = ChannelRule {
                    channel: channel.clone(),
                    put,
                    key_arg: r.key_arg,
                    value,
                };
                self.edit(&target, &m.key, |model| model.channels.push(rule.clone()));
            }
        }
    }
}
