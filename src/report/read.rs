//! What a flow's source read, as reported: the content URI and its provider, the intent extra
//! and the actions that deliver it, the settings key, the SDK callback and the scopes the app
//! asked for. Without it a reviewer cannot tell the user's address book from the app's own
//! cache, or a friend list from a login token.
//!
//! Plain data like the rest of the report model: `scan` fills it from the source rule, the
//! constant the engine saw at the source site and the manifest; this module must never look at
//! the program or the maps.

use serde::{Deserialize, Serialize};

use super::short_method;

/// Whose provider a content URI names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provider {
    /// a platform provider listed in `uri.toml` (contacts, call log, SMS, calendar, media)
    System,
    /// a provider neither the platform's nor declared by this app (another app's)
    Other,
    /// the engine could not tell which URI reached the query
    Unresolved,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::System => "system",
            Provider::Other => "other app's",
            Provider::Unresolved => "unresolved",
        }
    }
}

/// The identity of what a source read. `kind` tells the variant in JSON.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SourceRead {
    /// a content-provider read (`ContentResolver.query`, `CursorLoader`, `openInputStream`)
    ContentUri {
        /// `null`: unresolved
        uri: Option<String>,
        authority: Option<String>,
        provider: Provider,
    },
    /// an extra of an intent (or of a bundle taken from one)
    IntentExtra {
        /// `null`: the key was not a constant
        key: Option<String>,
        /// the actions of the intent filters of the component that reads it (what delivers it)
        #[serde(default)]
        actions: Vec<String>,
    },
    /// a whole intent another app sends (rule `intent.external`)
    Intent {
        #[serde(default)]
        actions: Vec<String>,
    },
    /// a `Settings` value
    Setting { key: Option<String> },
    /// a named property of an API object (`MediaDrm.getPropertyByteArray("deviceUniqueId")`)
    Property { key: Option<String> },
    /// a parameter of a callback the app implements (`onLocationChanged`, an SDK's login
    /// listener); `sdk` names the SDK that calls it, `scopes` what the app asked that SDK for
    Callback {
        callback: String,
        sdk: Option<String>,
        #[serde(default)]
        scopes: Vec<String>,
    },
    /// a field read (`Build.SERIAL`)
    Field { field: String },
    /// what an API call returns (or writes into an argument): the API names it
    Call { api: String },
}

impl SourceRead {
    /// One line for humans (text, HTML, SARIF).
    pub fn describe(&self) -> String {
        let or_unresolved = |k: &Option<String>| k.clone().unwrap_or_else(|| "unresolved".into());
        match self {
            SourceRead::ContentUri {
                uri: Some(uri),
                authority,
                provider,
            } => format!(
                "content URI {uri} ({} provider{})",
                provider.as_str(),
                authority
                    .as_deref()
                    .map(|a| format!(" {a}"))
                    .unwrap_or_default()
            ),
            SourceRead::ContentUri { uri: None, .. } => {
                "content URI unresolved (which provider is not known)".to_string()
            }
            SourceRead::IntentExtra { key, actions } => format!(
                "intent extra {}{}",
                or_unresolved(key),
                actions_note(actions)
            ),
            SourceRead::Intent { actions } => format!("intent{}", actions_note(actions)),
            SourceRead::Setting { key } => format!("setting {}", or_unresolved(key)),
            SourceRead::Property { key } => format!("property {}", or_unresolved(key)),
            SourceRead::Callback {
                callback,
                sdk,
                scopes,
            } => format!(
                "{}callback {}{}",
                sdk.as_deref().map(|s| format!("{s} ")).unwrap_or_default(),
                short_method(callback),
                if scopes.is_empty() {
                    String::new()
                } else {
                    format!(" (scopes asked: {})", scopes.join(", "))
                }
            ),
            SourceRead::Field { field } => format!("field {field}"),
            SourceRead::Call { api } => format!("result of {}", short_method(api)),
        }
    }
}

fn actions_note(actions: &[String]) -> String {
    if actions.is_empty() {
        String::new()
    } else {
        format!(" (delivered by {})", actions.join(", "))
    }
}
