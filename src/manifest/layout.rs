//! Layout files as a source of entry points: `android:onClick="name"` makes the framework
//! call `name(View)` on the hosting activity by reflection, and custom view elements
//! (`com.example.FancyView`, `<view class="...">`) are classes the inflater instantiates.
//! This only reads the tree; it must never guess handlers that the layout does not name.

use super::LayoutHandlers;
use crate::axml::{AttrValue, XmlDocument, XmlElement};

/// The `android:onClick` handlers and custom view classes of one layout, sorted and unique.
pub fn layout_handlers(name: &str, doc: &XmlDocument) -> LayoutHandlers {
    let mut out = LayoutHandlers {
        layout: name.to_string(),
        on_click: Vec::new(),
        custom_views: Vec::new(),
    };
    // explicit stack: layouts come from hostile APKs too
    let mut stack: Vec<&XmlElement> = vec![&doc.root];
    while let Some(el) = stack.pop() {
        if let Some(a) = el.android_attr("onClick")
            && let AttrValue::String(s) = &a.value
            && !s.trim().is_empty()
        {
            out.on_click.push(s.trim().to_string());
        }
        if el.name.contains('.') {
            out.custom_views.push(el.name.to_string());
        } else if &*el.name == "view"
            && let Some(a) = el.plain_attr("class")
            && let AttrValue::String(s) = &a.value
            && s.contains('.')
        {
            out.custom_views.push(s.to_string());
        }
        stack.extend(el.children.iter());
    }
    out.on_click.sort();
    out.on_click.dedup();
    out.custom_views.sort();
    out.custom_views.dedup();
    out
}
