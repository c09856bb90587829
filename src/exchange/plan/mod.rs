//! The shared plan as a document for the partner: Markdown for mail and chat, or one
//! self-contained HTML page (no scripts, no external assets) to print or attach. Every piece of
//! text from the book is cleaned of control and bidi characters and escaped for its format, so
//! a hostile name shows as text and does nothing.

mod html;
mod markdown;

pub use html::html;
pub use markdown::markdown;
