//! The one registry of finding codes, as ruff's `codes.rs`: every verdict and every non-flow
//! finding dexflow reports has a stable code (`DF101`), a kebab-case name
//! (`contradicted-flow`), a default severity, a one-line summary and a paragraph of
//! documentation. SARIF rules, `dexflow explain CODE`, `docs/codes.md` and the names in the
//! reports all come from this table.
//!
//! It must never hold anything but this table: no analysis, no knowledge of APIs (that is data
//! in `permission-maps/`). A code, once published, never changes meaning or name; a retired
//! code is not reused.

use crate::diag::Severity;

/// A finding kind. The registry row of each is `Code::rule`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    UndisclosedFlow,
    ContradictedFlow,
    VagueFlow,
    SharedUndeclaredFlow,
    DisclosedFlow,
    ReturnedToIssuerFlow,
    PersonalDataAccess,
    SocialScopeRequested,
    PermissionMissing,
    PermissionUnused,
}

/// One row of the registry.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: Code,
    /// stable id: SARIF `ruleId`, the `code` field of the JSON report
    pub id: &'static str,
    /// kebab-case name
    pub name: &'static str,
    /// default level (SARIF `defaultConfiguration.level`: error, warning, note)
    pub severity: Severity,
    /// one line (SARIF `shortDescription`, HTML legend)
    pub summary: &'static str,
    /// the documentation paragraph (`dexflow explain`, SARIF `fullDescription`)
    pub doc: &'static str,
}

/// Every code, in id order.
pub const RULES: &[Rule] = &[
    Rule {
        code: Code::UndisclosedFlow,
        id: "DF100",
        name: "undisclosed-flow",
        severity: Severity::Error,
        summary: "Personal data reaches a sink but its data type is not declared",
        doc: "Personal data read by reachable code (a source of a personal data category) \
              reaches an exfiltration sink, and no declaration covers the Play Data safety type \
              the category maps to: not the Data safety CSV, not the disclosure TOML, not a \
              sentence of the privacy policy. This is also the verdict of every flow when no \
              disclosure was supplied at all. Declare the type (collected, and shared if the \
              sink is in a third-party SDK) or remove the flow.",
    },
    Rule {
        code: Code::ContradictedFlow,
        id: "DF101",
        name: "contradicted-flow",
        severity: Severity::Error,
        summary: "Personal data reaches a sink although the disclosure says it is not collected",
        doc: "The app sends personal data of a type that its disclosure explicitly says is \
              not collected: the Data safety export or disclosure TOML marks the type as not \
              collected, or the privacy policy has a negative sentence about it (\"we do not \
              collect your contacts\"). This is the most severe verdict: the declaration is \
              false as far as the code shows. Either the flow is a bug to remove or the \
              declaration must change.",
    },
    Rule {
        code: Code::VagueFlow,
        id: "DF102",
        name: "vaguely-disclosed-flow",
        severity: Severity::Warning,
        summary: "Personal data is declared only through a broad or 'other' type",
        doc: "The flow's data type is covered only by a broad declaration: a whole Play \
              category question (\"Personal info\") or an \"Other\" type, not the exact type \
              the data is (for instance contacts reported as \"Other info\"). A reviewer \
              cannot tell from the declaration that this data leaves the device. Declare the \
              exact Play data type.",
    },
    Rule {
        code: Code::SharedUndeclaredFlow,
        id: "DF103",
        name: "undeclared-sharing",
        severity: Severity::Warning,
        summary: "Personal data reaches a third-party SDK but is declared collected, not shared",
        doc: "The sink is inside a known third-party SDK (by class prefix of the calling code \
              or of the sink API), so the data goes to that SDK's company, but the type is \
              declared as collected only, not shared, and not as collected through that SDK \
              as a service provider; or only the privacy policy names the data and it does not \
              mention third parties. Declare the type as shared, or as collected on your \
              behalf by the SDK as a service provider.",
    },
    Rule {
        code: Code::DisclosedFlow,
        id: "DF104",
        name: "disclosed-flow",
        severity: Severity::Info,
        summary: "Personal data flow matches a declaration",
        doc: "The flow matches a declaration of its exact data type (Data safety CSV or \
              disclosure TOML, including an entry for the SDK that receives it) or, as weaker \
              evidence, a sentence of the privacy policy naming the data. Reported so that the \
              evidence is visible and a later change can be compared with a baseline; nothing \
              needs to be done.",
    },
    Rule {
        code: Code::ReturnedToIssuerFlow,
        id: "DF105",
        name: "returned-to-issuer",
        severity: Severity::Info,
        summary: "Data a social SDK handed over goes back only to that SDK",
        doc: "A token, user id or profile that a social SDK gives the app (a login callback, \
              `AccessToken.getToken()`) reaches a sink whose destination is one of that same \
              SDK's own endpoints (`hosts` in `sdks.toml`): the company that issued the data \
              receives it back, and no new party does. Reported apart so that it does not hide \
              the flows that matter; the same data sent anywhere else (the app's own servers, \
              another SDK, an unknown host) keeps its full verdict.",
    },
    Rule {
        code: Code::PersonalDataAccess,
        id: "DF201",
        name: "personal-data-access",
        severity: Severity::Info,
        summary: "Reachable code reads personal data",
        doc: "Reachable code calls a source of a personal data category (one finding per \
              source call site), whether or not the data then reaches a sink. Content-provider \
              reads are listed when a constant Uri (in the method, through a static field set \
              by a static initializer, or a string resource) names the provider. Data read on \
              the device may still be sent by code the analysis cannot see (native code, \
              dynamically loaded code); the list is the inventory a Data safety form starts \
              from.",
    },
    Rule {
        code: Code::SocialScopeRequested,
        id: "DF202",
        name: "social-scope-requested",
        severity: Severity::Info,
        summary: "Reachable code asks a social SDK for a data scope",
        doc: "Reachable code holds a social-SDK scope or endpoint string (`user_friends`, \
              `me/friends`, `friends.get`, `snsapi_userinfo`; listed in \
              `permission-maps/sources.toml` as `[[scope_string]]`). The SDK's server may then \
              hand the data (a friend list, a profile) to the app's backend without any \
              on-device call that a taint analysis could follow, so the data type should be \
              declared even though no flow is reported.",
    },
    Rule {
        code: Code::PermissionMissing,
        id: "DF301",
        name: "permission-missing",
        severity: Severity::Warning,
        summary: "A reachable API needs a permission the manifest does not declare",
        doc: "Reachable code calls a framework API that needs a permission (from \
              `permission-maps/permissions.toml`, or the read permission of a content \
              provider whose Uri reaches the call), and the manifest declares none of the \
              permissions that would grant it. On a device the call fails or returns nothing; \
              often the permission is requested by a library manifest that was not merged.",
    },
    Rule {
        code: Code::PermissionUnused,
        id: "DF302",
        name: "permission-unused",
        severity: Severity::Info,
        summary: "A dangerous permission is declared but no reachable code needs it",
        doc: "The manifest declares a dangerous permission, but no reachable call site calls \
              an API known to need it (content-provider permissions are kept when the app \
              reads a provider whose Uri could not be resolved). Either the permission is \
              left over and should be removed, or it is used through code the analysis does \
              not see (reflection, native code, an API missing from the permission map).",
    },
];

impl Code {
    /// This code's registry row.
    pub fn rule(self) -> &'static Rule {
        // RULES holds every variant (checked by a test); the fallback keeps this panic-free
        RULES.iter().find(|r| r.code == self).unwrap_or(&RULES[0])
    }

    /// Stable id (`DF101`).
    pub fn id(self) -> &'static str {
        self.rule().id
    }

    /// Kebab-case name (`contradicted-flow`).
    pub fn name(self) -> &'static str {
        self.rule().name
    }
}

/// The row for an id (`DF101`, any case) or a kebab-case name (`contradicted-flow`).
pub fn lookup(id_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(id_or_name) || r.name == id_or_name)
}

/// The `dexflow explain` text of one rule: header line, summary, documentation paragraph.
pub fn explain(rule: &Rule) -> String {
    let level = match rule.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    format!(
        "{} {} (default level: {level})\n\n{}.\n\n{}\n",
        rule.id, rule.name, rule.summary, rule.doc
    )
}

/// `docs/codes.md`: the whole registry as Markdown (kept in sync by a golden test).
pub fn markdown() -> String {
    let mut s = String::from(
        "# Finding codes\n\nGenerated from `src/codes.rs` (`UPDATE_EXPECT=1 cargo test --test tests codes::` \
         rewrites this file); `dexflow explain CODE` prints one entry.\n\n\
         | code | name | default level | summary |\n|---|---|---|---|\n",
    );
    for r in RULES {
        let level = match r.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        s.push_str(&format!(
            "| {} | {} | {level} | {} |\n",
            r.id, r.name, r.summary
        ));
    }
    for r in RULES {
        s.push_str(&format!("\n## {} {}\n\n{}\n", r.id, r.name, r.doc));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_row_and_ids_are_unique() {
        let all = [
            Code::UndisclosedFlow,
            Code::ContradictedFlow,
            Code::VagueFlow,
            Code::SharedUndeclaredFlow,
            Code::DisclosedFlow,
            Code::ReturnedToIssuerFlow,
            Code::PersonalDataAccess,
            Code::SocialScopeRequested,
            Code::PermissionMissing,
            Code::PermissionUnused,
        ];
        assert_eq!(all.len(), RULES.len());
        for c in all {
            assert_eq!(RULES.iter().filter(|r| r.code == c).count(), 1, "{c:?}");
        }
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let sorted = {
            let mut v = ids.clone();
            v.sort();
            v
        };
        assert_eq!(ids, sorted, "RULES in id order");
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for r in RULES {
            assert!(
                r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{} is not kebab-case",
                r.name
            );
            assert!(r.doc.len() > 100, "{} needs a paragraph", r.id);
        }
    }

    #[test]
    fn lookup_by_id_or_name() {
        assert_eq!(
            lookup("DF101").map(|r| r.code),
            Some(Code::ContradictedFlow)
        );
        assert_eq!(
            lookup("df101").map(|r| r.code),
            Some(Code::ContradictedFlow)
        );
        assert_eq!(
            lookup("permission-unused").map(|r| r.code),
            Some(Code::PermissionUnused)
        );
        assert!(lookup("DF999").is_none());
        assert!(lookup("").is_none());
        assert!(explain(Code::ContradictedFlow.rule()).starts_with("DF101 contradicted-flow"));
    }
}
