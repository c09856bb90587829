//! Handing the terminal to the user's editor (`$VISUAL`, else `$EDITOR`) for a letter, and
//! taking it back on every path: the editor saved, failed, was not found or was killed. The
//! text goes through a private file (0600, a name nobody can guess, never through a link) that
//! is removed afterwards.

use super::Screen;
use crate::app::Action;
use crate::domain::limits::LETTER_MAX;
use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::process::Command;

/// The editor the user named, if any.
pub fn editor_command() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|e| e.trim().to_string())
        .find(|e| !e.is_empty())
}

/// A private file holding the text while the editor has it; removed when dropped.
struct Handed(PathBuf);

impl Handed {
    fn with(text: &str) -> std::io::Result<Handed> {
        let path = std::env::temp_dir().join(format!(
            "pactum-letter-{}-{:016x}.txt",
            std::process::id(),
            crate::files::random()
        ));
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&path)?;
        let handed = Handed(path);
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        Ok(handed)
    }
}

impl Drop for Handed {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs `editor` on the file (through the shell, so `code --wait` works) and reads the text back.
fn run(editor: &str, file: &Handed) -> Result<Option<String>, String> {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&file.0)
        .status()
        .map_err(|e| format!("cannot start the editor: {e}; the draft is as it was"))?;
    if !status.success() {
        return Err(match status.code() {
            Some(127) => format!(
                "editor {} not found; the draft is as it was",
                crate::domain::text::quoted(editor)
            ),
            Some(code) => format!("the editor exited with status {code}; the draft is as it was"),
            None => "the editor was stopped by a signal; the draft is as it was".to_string(),
        });
    }
    let bytes = crate::files::read_bounded(&file.0, (LETTER_MAX * 4) as u64)
        .map_err(|e| format!("reading the edited text: {e}; the draft is as it was"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| "the edited text is not UTF-8; the draft is as it was".to_string())?;
    if text.trim().is_empty() {
        return Err("the edited text is empty; the draft is as it was".into());
    }
    Ok(Some(text))
}

/// Edits `text` in the user's editor, handing it the terminal and taking it back whatever
/// happens. `Edited(Ok(None))` when no editor is set (the letter is then edited in place).
pub fn edit(terminal: &mut Screen, text: &str) -> Action {
    let Some(editor) = editor_command() else {
        return Action::Edited(Ok(None));
    };
    let file = match Handed::with(text) {
        Ok(file) => file,
        Err(e) => {
            return Action::Edited(Err(format!("cannot hand the draft to the editor: {e}")));
        }
    };
    super::restore_terminal();
    let outcome = run(&editor, &file);
    drop(file);
    match super::take_back(terminal) {
        Ok(()) => Action::Edited(outcome),
        Err(e) => Action::Failed(e),
    }
}
