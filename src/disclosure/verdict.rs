//! The verdict of one flow against the app's disclosure: its kind (ordered by severity), the
//! evidence it rests on and why. Defined here, where verdicts are made, so that `disclosure`
//! needs nothing from `report`; `report` re-exports these types for its model.
//!
//! It must never change a kind's spelling or code: both are in every JSON report and baseline.

use serde::{Deserialize, Serialize};

use crate::codes::Code;

/// How a flow compares with what the app discloses. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictKind {
    /// DF104: the data type is declared (or, weaker, named in the privacy policy)
    Disclosed,
    /// DF105: a social SDK handed the data over and it goes back only to that SDK's own
    /// endpoints (a login token sent to the Graph API): no new party receives it
    ReturnedToIssuer,
    /// DF102: covered only by a broad type ("Other info", a whole category)
    Vague,
    /// DF103: the sink is in a third-party SDK but the type is declared collected, not shared
    SharedUndeclared,
    /// DF100: the data type is not declared at all (or no disclosure was supplied)
    Undisclosed,
    /// DF101: the disclosure says this data is not collected
    Contradicted,
}

impl VerdictKind {
    pub const ALL: [VerdictKind; 6] = [
        VerdictKind::Contradicted,
        VerdictKind::Undisclosed,
        VerdictKind::SharedUndeclared,
        VerdictKind::Vague,
        VerdictKind::ReturnedToIssuer,
        VerdictKind::Disclosed,
    ];

    /// Stable rule code (used as SARIF ruleId and in text output).
    pub fn code(self) -> &'static str {
        self.finding_code().id()
    }

    /// The kebab-case spelling used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            VerdictKind::Undisclosed => "undisclosed",
            VerdictKind::Contradicted => "contradicted",
            VerdictKind::Vague => "vague",
            VerdictKind::SharedUndeclared => "shared-undeclared",
            VerdictKind::Disclosed => "disclosed",
            VerdictKind::ReturnedToIssuer => "returned-to-issuer",
        }
    }

    /// Rule name (kebab-case, like ruff's).
    pub fn rule_name(self) -> &'static str {
        self.finding_code().name()
    }

    /// One-line description (SARIF shortDescription, HTML legend).
    pub fn description(self) -> &'static str {
        self.finding_code().rule().summary
    }

    /// This verdict's row in the finding-code registry.
    pub fn finding_code(self) -> Code {
        match self {
            VerdictKind::Undisclosed => Code::UndisclosedFlow,
            VerdictKind::Contradicted => Code::ContradictedFlow,
            VerdictKind::Vague => Code::VagueFlow,
            VerdictKind::SharedUndeclared => Code::SharedUndeclaredFlow,
            VerdictKind::Disclosed => Code::DisclosedFlow,
            VerdictKind::ReturnedToIssuer => Code::ReturnedToIssuerFlow,
        }
    }
}

impl std::str::FromStr for VerdictKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        VerdictKind::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown verdict '{s}' (expected contradicted, undisclosed, shared-undeclared, vague, returned-to-issuer or disclosed)"
                )
            })
    }
}

/// What kind of evidence a verdict rests on. Declarations (Data safety CSV, disclosure TOML)
/// outrank the privacy policy, which is only consulted when no declaration covers the type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// nothing was compared (no disclosure supplied, or nothing covers the type)
    None,
    /// a Play Console Data safety CSV row
    DataSafety,
    /// a `dexflow-disclosure.toml` entry
    DisclosureFile,
    /// a sentence of the privacy policy (weaker evidence)
    Policy,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Verdict {
    pub verdict: VerdictKind,
    /// stable rule code of the verdict (`DF100`..`DF105`)
    pub code: String,
    pub basis: Basis,
    /// why, naming the declaration or sentence
    pub reason: String,
    /// where: `file:line`, `file row N`, or the quoted policy sentence
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Verdict {
    pub fn new(verdict: VerdictKind, basis: Basis, reason: impl Into<String>) -> Verdict {
        Verdict {
            verdict,
            code: verdict.code().to_string(),
            basis,
            reason: reason.into(),
            evidence: None,
        }
    }

    pub fn with_evidence(mut self, evidence: impl Into<String>) -> Verdict {
        self.evidence = Some(evidence.into());
        self
    }
}
