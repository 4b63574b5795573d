//! Privacy-policy text (.txt, or .html with tags stripped) matched against a lexicon of phrases
//! per data category, in English and Simplified Chinese (permission-maps/policy-lexicon.toml).
//!
//! This is weak evidence: a sentence that names "contacts" does not prove the app declares
//! uploading them. It is recorded with the matched sentence and ranks below every declaration
//! (docs/disclosure.md). The matcher is linear in the text times the lexicon size, never
//! interprets markup beyond stripping it, and never panics on malformed HTML.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{Disclosure, PolicySentence};

const LEXICON_TOML: &str = include_str!("../../permission-maps/policy-lexicon.toml");

/// Longest sentence kept as evidence (characters).
const MAX_SENTENCE: usize = 400;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconDoc {
    term: Vec<Term>,
    negation: Phrases,
    third_party: Phrases,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Term {
    category: String,
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    zh: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Phrases {
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    zh: Vec<String>,
}

/// The built-in lexicon, lower-cased for matching.
pub struct Lexicon {
    terms: Vec<(String, Vec<String>, Vec<String>)>,
    negation: (Vec<String>, Vec<String>),
    third_party: (Vec<String>, Vec<String>),
}

fn lower(v: &[String]) -> Vec<String> {
    v.iter().map(|s| s.to_lowercase()).collect()
}

impl Lexicon {
    /// Parses a lexicon in the policy-lexicon.toml format.
    pub fn parse(text: &str) -> Result<Lexicon, toml::de::Error> {
        let doc: LexiconDoc = toml::from_str(text)?;
        Ok(Lexicon {
            terms: doc
                .term
                .iter()
                .map(|t| (t.category.clone(), lower(&t.en), lower(&t.zh)))
                .collect(),
            negation: (lower(&doc.negation.en), lower(&doc.negation.zh)),
            third_party: (lower(&doc.third_party.en), lower(&doc.third_party.zh)),
        })
    }

    /// The lexicon shipped in the binary (checked by a test to parse).
    pub fn builtin() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| {
            Lexicon::parse(LEXICON_TOML).unwrap_or(Lexicon {
                terms: Vec::new(),
                negation: (Vec::new(), Vec::new()),
                third_party: (Vec::new(), Vec::new()),
            })
        })
    }

    /// Categories named in one (already lower-cased) sentence.
    pub fn categories(&self, sentence: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .terms
            .iter()
            .filter(|(_, en, zh)| any_phrase(sentence, en, zh))
            .map(|(c, _, _)| c.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

fn any_phrase(sentence: &str, en: &[String], zh: &[String]) -> bool {
    en.iter().any(|p| contains_word(sentence, p))
        || zh.iter().any(|p| sentence.contains(p.as_str()))
}

/// `phrase` occurs in `text` with no letter or digit right before or after it (a trailing
/// plural `s` is not allowed implicitly; the lexicon lists plurals).
fn contains_word(text: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(phrase)) {
        let start = from + i;
        let end = start + phrase.len();
        let before = text.get(..start).and_then(|t| t.chars().next_back());
        let after = text.get(end..).and_then(|t| t.chars().next());
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() || !c.is_ascii());
        if boundary(before) && boundary(after) {
            return true;
        }
        // advance past the first char of this match
        from = start
            + text
                .get(start..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8);
    }
    false
}

/// Splits text into (1-based line, sentence) pairs. `\u{2029}` (inserted for HTML block tags)
/// ends a sentence without counting as a line.
fn sentences(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    let mut started = false;
    let flush = |cur: &mut String, start_line: usize, out: &mut Vec<(usize, String)>| {
        let s = cur.split_whitespace().collect::<Vec<_>>().join(" ");
        if !s.is_empty() {
            out.push((start_line, s));
        }
        cur.clear();
    };
    while let Some(c) = chars.next() {
        // `cur` holds only whitespace until the sentence starts: track that in O(1)
        if !started {
            start_line = line;
            started = !c.is_whitespace() && c != '\u{2029}';
        }
        match c {
            '\n' => {
                line += 1;
                // a blank line ends a paragraph
                if chars.peek() == Some(&'\n') || chars.peek() == Some(&'\r') {
                    flush(&mut cur, start_line, &mut out);
                    started = false;
                } else {
                    cur.push(' ');
                }
            }
            '\u{2029}' => {
                flush(&mut cur, start_line, &mut out);
                started = false;
            }
            '。' | '！' | '？' | '!' | '?' => {
                cur.push(c);
                flush(&mut cur, start_line, &mut out);
                started = false;
            }
            '.' if chars.peek().is_none_or(|n| n.is_whitespace()) => {
                cur.push(c);
                flush(&mut cur, start_line, &mut out);
                started = false;
            }
            c => cur.push(c),
        }
    }
    flush(&mut cur, start_line, &mut out);
    out
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= MAX_SENTENCE {
        return s.to_string();
    }
    let mut t: String = s.chars().take(MAX_SENTENCE - 1).collect();
    t.push('…');
    t
}

/// Policy sentences of `text` that name a data category.
pub fn match_text(text: &str, path: &str, lexicon: &Lexicon) -> Vec<PolicySentence> {
    let mut out = Vec::new();
    for (line, s) in sentences(text) {
        let l = s.to_lowercase();
        let categories = lexicon.categories(&l);
        if categories.is_empty() {
            continue;
        }
        out.push(PolicySentence {
            categories,
            negative: any_phrase(&l, &lexicon.negation.0, &lexicon.negation.1),
            third_party: any_phrase(&l, &lexicon.third_party.0, &lexicon.third_party.1),
            sentence: truncate(&s),
            evidence: format!("{path}:{line}"),
        });
    }
    out
}

pub fn parse_text(text: &str, path: &str) -> Disclosure {
    Disclosure {
        sources: vec![path.to_string()],
        policy: match_text(text, path, Lexicon::builtin()),
        ..Disclosure::default()
    }
}

pub fn parse_html(html: &str, path: &str) -> Disclosure {
    parse_text(&strip_html(html), path)
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "title",
    "dt",
    "dd",
    "blockquote",
];

/// Removes tags, comments, `<script>` and `<style>` content, decodes common entities. Newlines
/// are kept (so line numbers still point into the HTML file); block tags end a sentence.
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let tag_text = &rest[lt..];
        if tag_text.starts_with("<!--") {
            let end = tag_text.find("-->").map_or(tag_text.len(), |e| e + 3);
            keep_newlines(&tag_text[..end], &mut out);
            rest = &tag_text[end..];
            continue;
        }
        let Some(gt) = tag_text.find('>') else {
            keep_newlines(tag_text, &mut out);
            rest = "";
            break;
        };
        let tag = &tag_text[1..gt];
        keep_newlines(tag, &mut out);
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &tag_text[gt + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let end = find_close_tag(rest, &name);
            keep_newlines(&rest[..end], &mut out);
            rest = &rest[end..];
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push('\u{2029}');
        } else {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

/// Offset of the first `</name` (ASCII case-insensitive) in `s`, or `s.len()`. Linear, no
/// allocation: a policy with thousands of `<script>` tags must not turn quadratic.
fn find_close_tag(s: &str, name: &str) -> usize {
    let bytes = s.as_bytes();
    let n = name.as_bytes();
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|t| t.find("</")) {
        let at = from + i;
        let tail = bytes.get(at + 2..at + 2 + n.len());
        if tail.is_some_and(|t| t.eq_ignore_ascii_case(n)) {
            return at;
        }
        from = at + 2;
    }
    s.len()
}

fn keep_newlines(s: &str, out: &mut String) {
    for _ in s.matches('\n') {
        out.push('\n');
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let semi = tail.get(..12).unwrap_or(tail).find(';');
        let decoded = semi.and_then(|semi| {
            let ent = &tail[1..semi];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
