//! Google Play Data safety vocabulary: the 38 data types, their CSV response ids, the AOSP
//! safety-label keys and the category question each belongs to; purposes. This is Google's
//! published form, fixed here as a table (research/privacy/disclosure.md §1).
//!
//! Lookups never fail loudly: an unknown spelling is `None` and the caller warns.

/// (Play response id, AOSP safety-label key, category question id, label, broad "other" type)
pub const DATA_TYPES: &[(&str, &str, &str, &str, bool)] = &[
    (
        "PSL_APPROX_LOCATION",
        "location.approx_location",
        "PSL_DATA_TYPES_LOCATION",
        "Approximate location",
        false,
    ),
    (
        "PSL_PRECISE_LOCATION",
        "location.precise_location",
        "PSL_DATA_TYPES_LOCATION",
        "Precise location",
        false,
    ),
    (
        "PSL_NAME",
        "personal.name",
        "PSL_DATA_TYPES_PERSONAL",
        "Name",
        false,
    ),
    (
        "PSL_EMAIL",
        "personal.email_address",
        "PSL_DATA_TYPES_PERSONAL",
        "Email address",
        false,
    ),
    (
        "PSL_USER_ACCOUNT",
        "personal.personal_identifiers",
        "PSL_DATA_TYPES_PERSONAL",
        "User IDs",
        false,
    ),
    (
        "PSL_ADDRESS",
        "personal.physical_address",
        "PSL_DATA_TYPES_PERSONAL",
        "Address",
        false,
    ),
    (
        "PSL_PHONE",
        "personal.phone_number",
        "PSL_DATA_TYPES_PERSONAL",
        "Phone number",
        false,
    ),
    (
        "PSL_RACE_ETHNICITY",
        "personal.race_ethnicity",
        "PSL_DATA_TYPES_PERSONAL",
        "Race and ethnicity",
        false,
    ),
    (
        "PSL_POLITICAL_RELIGIOUS",
        "personal.political_or_religious_beliefs",
        "PSL_DATA_TYPES_PERSONAL",
        "Political or religious beliefs",
        false,
    ),
    (
        "PSL_SEXUAL_ORIENTATION_GENDER_IDENTITY",
        "personal.sexual_orientation_or_gender_identity",
        "PSL_DATA_TYPES_PERSONAL",
        "Sexual orientation",
        false,
    ),
    (
        "PSL_OTHER_PERSONAL",
        "personal.other",
        "PSL_DATA_TYPES_PERSONAL",
        "Other info",
        true,
    ),
    (
        "PSL_CREDIT_DEBIT_BANK_ACCOUNT_NUMBER",
        "financial.card_bank_account",
        "PSL_DATA_TYPES_FINANCIAL",
        "User payment info",
        false,
    ),
    (
        "PSL_PURCHASE_HISTORY",
        "financial.purchase_history",
        "PSL_DATA_TYPES_FINANCIAL",
        "Purchase history",
        false,
    ),
    (
        "PSL_CREDIT_SCORE",
        "financial.credit_score",
        "PSL_DATA_TYPES_FINANCIAL",
        "Credit score",
        false,
    ),
    (
        "PSL_OTHER",
        "financial.other",
        "PSL_DATA_TYPES_FINANCIAL",
        "Other financial info",
        true,
    ),
    (
        "PSL_HEALTH",
        "health_fitness.health",
        "PSL_DATA_TYPES_HEALTH_AND_FITNESS",
        "Health info",
        false,
    ),
    (
        "PSL_FITNESS",
        "health_fitness.fitness",
        "PSL_DATA_TYPES_HEALTH_AND_FITNESS",
        "Fitness info",
        false,
    ),
    (
        "PSL_EMAILS",
        "email_text_message.emails",
        "PSL_DATA_TYPES_EMAIL_AND_TEXT",
        "Emails",
        false,
    ),
    (
        "PSL_SMS_CALL_LOG",
        "email_text_message.text_messages",
        "PSL_DATA_TYPES_EMAIL_AND_TEXT",
        "SMS or MMS",
        false,
    ),
    (
        "PSL_OTHER_MESSAGES",
        "email_text_message.other",
        "PSL_DATA_TYPES_EMAIL_AND_TEXT",
        "Other in-app messages",
        true,
    ),
    (
        "PSL_PHOTOS",
        "photo_video.photos",
        "PSL_DATA_TYPES_PHOTOS_AND_VIDEOS",
        "Photos",
        false,
    ),
    (
        "PSL_VIDEOS",
        "photo_video.videos",
        "PSL_DATA_TYPES_PHOTOS_AND_VIDEOS",
        "Videos",
        false,
    ),
    (
        "PSL_AUDIO",
        "audio.sound_recordings",
        "PSL_DATA_TYPES_AUDIO",
        "Voice or sound recordings",
        false,
    ),
    (
        "PSL_MUSIC",
        "audio.music_files",
        "PSL_DATA_TYPES_AUDIO",
        "Music files",
        false,
    ),
    (
        "PSL_OTHER_AUDIO",
        "audio.other",
        "PSL_DATA_TYPES_AUDIO",
        "Other audio files",
        true,
    ),
    (
        "PSL_FILES_AND_DOCS",
        "storage.files_docs",
        "PSL_DATA_TYPES_FILES_AND_DOCS",
        "Files and docs",
        false,
    ),
    (
        "PSL_CALENDAR",
        "calendar.calendar",
        "PSL_DATA_TYPES_CALENDAR",
        "Calendar events",
        false,
    ),
    (
        "PSL_CONTACTS",
        "contacts.contacts",
        "PSL_DATA_TYPES_CONTACTS",
        "Contacts",
        false,
    ),
    (
        "PSL_USER_INTERACTION",
        "actions_in_app.user_interaction",
        "PSL_DATA_TYPES_APP_ACTIVITY",
        "App interactions",
        false,
    ),
    (
        "PSL_IN_APP_SEARCH_HISTORY",
        "actions_in_app.in_app_search_history",
        "PSL_DATA_TYPES_APP_ACTIVITY",
        "In-app search history",
        false,
    ),
    (
        "PSL_APPS_ON_DEVICE",
        "actions_in_app.installed_apps",
        "PSL_DATA_TYPES_APP_ACTIVITY",
        "Installed apps",
        false,
    ),
    (
        "PSL_USER_GENERATED_CONTENT",
        "actions_in_app.user_generated_content",
        "PSL_DATA_TYPES_APP_ACTIVITY",
        "Other user-generated content",
        false,
    ),
    (
        "PSL_OTHER_APP_ACTIVITY",
        "actions_in_app.other",
        "PSL_DATA_TYPES_APP_ACTIVITY",
        "Other actions",
        true,
    ),
    (
        "PSL_WEB_BROWSING_HISTORY",
        "search_and_browsing.web_browsing_history",
        "PSL_DATA_TYPES_SEARCH_AND_BROWSING",
        "Web browsing history",
        false,
    ),
    (
        "PSL_CRASH_LOGS",
        "app_performance.crash_logs",
        "PSL_DATA_TYPES_APP_PERFORMANCE",
        "Crash logs",
        false,
    ),
    (
        "PSL_PERFORMANCE_DIAGNOSTICS",
        "app_performance.performance_diagnostics",
        "PSL_DATA_TYPES_APP_PERFORMANCE",
        "Diagnostics",
        false,
    ),
    (
        "PSL_OTHER_PERFORMANCE",
        "app_performance.other",
        "PSL_DATA_TYPES_APP_PERFORMANCE",
        "Other app performance data",
        true,
    ),
    (
        "PSL_DEVICE_ID",
        "identifiers.other",
        "PSL_DATA_TYPES_IDENTIFIERS",
        "Device or other IDs",
        false,
    ),
];

/// Wrong ids seen in hand-written CSVs, accepted with a warning.
pub const ALIASES: &[(&str, &str)] = &[
    ("PSL_EMAIL_ADDRESS", "PSL_EMAIL"),
    ("PSL_USER_IDS", "PSL_USER_ACCOUNT"),
    ("PSL_PHONE_NUMBER", "PSL_PHONE"),
];

/// (CSV purpose id, TOML spelling)
pub const PURPOSES: &[(&str, &str)] = &[
    ("PSL_APP_FUNCTIONALITY", "app_functionality"),
    ("PSL_ANALYTICS", "analytics"),
    ("PSL_DEVELOPER_COMMUNICATIONS", "developer_communications"),
    ("PSL_FRAUD_PREVENTION_SECURITY", "fraud_prevention_security"),
    ("PSL_ADVERTISING", "advertising"),
    ("PSL_PERSONALIZATION", "personalization"),
    ("PSL_ACCOUNT_MANAGEMENT", "account_management"),
];

pub fn is_play_type(id: &str) -> bool {
    DATA_TYPES.iter().any(|t| t.0 == id)
}

/// The category question (`PSL_DATA_TYPES_PERSONAL`) of a Play type id.
pub fn category_of(id: &str) -> Option<&'static str> {
    DATA_TYPES.iter().find(|t| t.0 == id).map(|t| t.2)
}

pub fn is_category(id: &str) -> bool {
    DATA_TYPES.iter().any(|t| t.2 == id)
}

/// Is this the broad "other" type of its category?
pub fn is_other(id: &str) -> bool {
    DATA_TYPES.iter().any(|t| t.0 == id && t.4)
}

pub fn label(id: &str) -> Option<&'static str> {
    DATA_TYPES.iter().find(|t| t.0 == id).map(|t| t.3)
}

/// `contacts.contacts` -> `PSL_CONTACTS`.
pub fn from_aosp(key: &str) -> Option<&'static str> {
    DATA_TYPES.iter().find(|t| t.1 == key).map(|t| t.0)
}

/// `contacts.*` -> `PSL_DATA_TYPES_CONTACTS` (the AOSP category prefix of any type in it).
pub fn category_from_aosp_wildcard(key: &str) -> Option<&'static str> {
    let prefix = key.strip_suffix(".*")?;
    DATA_TYPES
        .iter()
        .find(|t| t.1.split_once('.').is_some_and(|(c, _)| c == prefix))
        .map(|t| t.2)
}

pub fn alias(id: &str) -> Option<&'static str> {
    ALIASES.iter().find(|a| a.0 == id).map(|a| a.1)
}

pub fn purpose(spelling: &str) -> Option<&'static str> {
    PURPOSES
        .iter()
        .find(|p| p.0 == spelling || p.1 == spelling)
        .map(|p| p.1)
}

/// Category ids in a disclosure that cover narrower dexflow categories (a small ontology in the
/// spirit of PoliCheck's): Google defines Contacts to include the social graph and call
/// history; "location" covers both precisions; device IDs cover SIM and advertising IDs.
pub const SUBSUMES: &[(&str, &[&str])] = &[
    ("contacts", &["social_graph", "call_log"]),
    ("location", &["location_precise", "location_coarse"]),
    ("device_id", &["sim_id", "advertising_id"]),
];

/// Does a declared dexflow category id cover the flow's category?
pub fn category_covers(declared: &str, flow_category: &str) -> bool {
    declared == flow_category
        || SUBSUMES
            .iter()
            .any(|(d, narrower)| *d == declared && narrower.contains(&flow_category))
}
