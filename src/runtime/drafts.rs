//! Unfinished forms kept as drafts in the book when a session ends (a dropped ssh link, a
//! killed terminal) and offered back on the next start, so a dropped link loses nothing typed.

use crate::app::form::Draft;
use crate::store::Store;

/// Keeps `draft` for this session's user.
pub fn save(store: &mut Store, draft: &Draft) -> Result<(), String> {
    let text = serde_json::to_string(draft).map_err(|e| format!("keeping the draft: {e}"))?;
    store.save_draft(&text).map_err(|e| e.to_string())
}

/// Takes this user's draft, if any (a draft from another version that no longer parses is
/// dropped).
pub fn take(store: &mut Store) -> Option<Draft> {
    let text = store.take_draft().ok()??;
    serde_json::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Form;

    #[test]
    fn a_draft_is_kept_per_person_and_offered_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.db");
        let mut mine = Store::open(&path, "maria").unwrap();
        let mut form = Form::log_touch(7, "Acme");
        form.paste("Called about the \x1b[2J renewal");
        save(&mut mine, &form.draft()).unwrap();
        let mut theirs = Store::open(&path, "tom").unwrap();
        assert!(
            take(&mut theirs).is_none(),
            "another person's draft is not offered"
        );
        let back = Form::from_draft(take(&mut mine).unwrap());
        assert_eq!(back.fields[0].value(), form.fields[0].value());
        assert_eq!(back.kind, form.kind);
        assert!(take(&mut mine).is_none(), "offered once");
    }
}
