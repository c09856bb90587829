//! The terminal layer, the only code that speaks to a terminal (crossterm): setup and restore,
//! the event loop, signals, and running effects (here); watching the terminal for input and
//! hang-ups (`tty`); the ratatui backend that writes frames to it (`backend`). Draws only
//! after something changed; idles in a blocking poll.

pub mod backend;
pub mod dumb_term;
pub mod editor;
pub mod tty;

use crate::app::{Action, App, Effect, Key, KeyCode, Mode, update};
use crate::context::Context;
use crate::runtime;
use crate::store::Store;
use crate::ui::{self, Theme};
use backend::AnsiBackend;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::{cursor, execute, terminal};
use std::io::{BufWriter, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tty::{TtyWatch, Wake};

/// How often the loop wakes to look for other sessions' commits and for signals.
const WAKE: Duration = Duration::from_millis(500);

/// Room for a whole frame, so each frame reaches the terminal in one write.
const FRAME_BYTES: usize = 1 << 18;
/// Keys already waiting are answered before the screen is drawn (one frame for a burst or a held
/// key over a slow link), but the screen is never left behind for longer than this.
const TYPEAHEAD_STALE: Duration = Duration::from_millis(100);

/// The dashboard's terminal: output is buffered and flushed once per frame.
pub type Screen = Terminal<AnsiBackend<BufWriter<Stdout>>>;

/// Raw mode and the alternate screen, with a buffered writer in place of the line-buffered
/// stdout.
pub(crate) fn open_screen() -> Result<Screen, String> {
    let opening = |e: std::io::Error| format!("opening the terminal: {e}");
    terminal::enable_raw_mode().map_err(opening)?;
    execute!(std::io::stdout(), terminal::EnterAlternateScreen).map_err(opening)?;
    let writer = BufWriter::with_capacity(FRAME_BYTES, std::io::stdout());
    Terminal::new(AnsiBackend::new(writer)).map_err(|e| format!("opening the terminal: {e}"))
}

/// Draws `app` if the screen would change, and sends only the changed cells, in one write.
/// `last` is the screen as the terminal shows it (None: unknown). Returns whether anything was written.
pub fn draw_frame<W: Write>(
    terminal: &mut Terminal<AnsiBackend<W>>,
    last: &mut Option<Buffer>,
    app: &App,
    theme: &Theme,
) -> std::io::Result<bool> {
    // A new size clears the screen; the old `last` then differs in area, so all is drawn.
    terminal.autoresize()?;
    let mut frame = terminal.get_frame();
    ui::draw(app, theme, &mut frame);
    let current = terminal.current_buffer_mut();
    if last.as_ref() == Some(current) {
        // Nothing changed: not a byte goes out. The next frame starts from a clean buffer.
        current.reset();
        return Ok(false);
    }
    *last = Some(current.clone());
    terminal.flush()?;
    terminal.hide_cursor()?;
    terminal.swap_buffers();
    terminal.backend_mut().flush()?;
    Ok(true)
}

/// Opens the book (before touching the terminal, so errors print plainly) and runs the dashboard.
pub fn run(ctx: &Context) -> Result<(), String> {
    let mut store = ctx.open()?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        // ctrl-\ in a terminal: its default dumps core and leaves the terminal raw.
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| format!("cannot watch signals: {e}"))?;
    }
    // From here a panic gives the terminal back before its report (the binary's panic hook).
    TAKEN.store(true, Ordering::SeqCst);
    let mut terminal = open_screen()?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut store, ctx, &stop);
    restore_terminal();
    TAKEN.store(false, Ordering::SeqCst);
    result
}

/// Whether the dashboard holds the terminal (raw mode, the alternate screen, the mouse).
static TAKEN: AtomicBool = AtomicBool::new(false);

/// For the panic hook: gives the terminal back if the dashboard holds it, so the report is
/// readable and the shell usable; does nothing for a command that never took it.
pub fn restore_after_panic() {
    if TAKEN.load(Ordering::SeqCst) {
        restore_terminal();
    }
}

/// Gives the terminal back as it was: each step tried even when one fails, and failures
/// ignored. A terminal that went away (a dropped link) cannot be restored, nor told so; saying
/// it on that terminal's stderr would fail again, and ratatui's `restore` panics there (a panic
/// in the panic hook: SIGABRT).
pub(crate) fn restore_terminal() {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste);
    let _ = terminal::disable_raw_mode();
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
}

/// Runs the loop, and keeps an unfinished form as a draft however the loop ends.
fn event_loop(
    terminal: &mut Screen,
    store: &mut Store,
    ctx: &Context,
    stop: &AtomicBool,
) -> Result<(), String> {
    let mut app = None;
    let result = run_loop(terminal, store, ctx, stop, &mut app);
    if let Some(draft) = app.as_ref().and_then(App::draft) {
        let _ = crate::runtime::drafts::save(store, &draft);
    }
    result
}

fn run_loop(
    terminal: &mut Screen,
    store: &mut Store,
    ctx: &Context,
    stop: &AtomicBool,
    slot: &mut Option<App>,
) -> Result<(), String> {
    let theme = Theme::from_env();
    let app = slot.insert(App::new(ctx.today, ctx.config.keymap.clone()));
    app.charter = ctx.config.charter.clone();
    app.user = store.user().to_string();
    app.osc52 = ctx.config.osc52;
    let size = terminal
        .size()
        .map_err(|e| format!("reading the terminal size: {e}"))?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut pending = vec![app.reload()];
    if let Some(draft) = crate::runtime::drafts::take(store) {
        pending.extend(update(app, Action::RestoreDraft(Box::new(draft))));
    }
    let mut seen_version = store.data_version().map_err(|e| e.to_string())?;
    let mut dirty = true;
    let mut handled = false;
    let watch = TtyWatch::new().map_err(|e| format!("watching the terminal: {e}"))?;
    let mut shown: Option<Buffer> = None;
    let mut drawn_at = Instant::now();
    // Work that waits for a drawn frame and a moment without input: bringing a new day's lines
    // up to date while the first frame (drawn from earlier lines) is on screen.
    let mut after_frame: Option<Effect> = None;
    loop {
        while let Some(effect) = pending.pop() {
            if effect == Effect::Quit {
                return Ok(());
            }
            if effect == Effect::CatchUp {
                after_frame = Some(effect);
                continue;
            }
            let effect = match effect {
                Effect::EditLetter(text) => {
                    let report = editor::edit(terminal, &text);
                    // The editor had the terminal: everything is drawn again.
                    shown = None;
                    pending.extend(update(app, report));
                    dirty = true;
                    continue;
                }
                Effect::Copy(text) => {
                    if ctx.config.osc52 {
                        let mut out = std::io::stdout();
                        let _ = out.write_all(crate::app::letter::osc52(&text).as_bytes());
                        let _ = out.flush();
                    }
                    continue;
                }
                e
                @ (Effect::DraftUpdate(_) | Effect::SharePlan(_) | Effect::WriteLetter { .. }) => {
                    let wording = &ctx.config.wording;
                    if let Some(report) = runtime::letters::perform(store, ctx.today, wording, e) {
                        pending.extend(update(app, report));
                    }
                    dirty = true;
                    continue;
                }
                other => other,
            };
            if let Some(report) = runtime::perform(store, ctx.today, &ctx.config.rules, effect) {
                pending.extend(update(app, report));
            }
            dirty = true;
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if dirty && !(handled && drawn_at.elapsed() < TYPEAHEAD_STALE && input_waiting()?) {
            draw_frame(terminal, &mut shown, app, &theme).map_err(|e| format!("drawing: {e}"))?;
            dirty = false;
            drawn_at = Instant::now();
        }
        if after_frame.is_some()
            && !dirty
            && !input_waiting()?
            && let Some(effect) = after_frame.take()
        {
            if let Some(report) = runtime::perform(store, ctx.today, &ctx.config.rules, effect) {
                pending.extend(update(app, report));
            }
            continue;
        }
        let wake = watch.wait(if handled { Duration::ZERO } else { WAKE });
        if wake == Wake::Gone {
            // The terminal went away (a dropped link): leave; the caller keeps any draft.
            return Ok(());
        }
        // After an event, crossterm may hold more already read (a paste, a burst of keys).
        let read_events = wake == Wake::Input || handled;
        handled = false;
        if read_events {
            if input_waiting()? {
                let ev = event::read().map_err(|e| format!("reading the terminal: {e}"))?;
                handled = true;
                if let Some(action) = translate(app, ev) {
                    if action == Action::Suspend {
                        suspend(terminal)?;
                        // Back from the shell: a full redraw, with what changed meanwhile.
                        shown = None;
                        dirty = true;
                        pending.push(app.reload());
                        continue;
                    }
                    pending.extend(update(app, action));
                    dirty = true;
                }
            }
        } else if let Ok(version) = store.data_version()
            && version != seen_version
        {
            // Another session committed: refresh, keeping the selection and the reader's place.
            seen_version = version;
            pending.extend(update(app, Action::BookChanged));
        }
    }
}

/// Whether an event is ready to read without waiting (crossterm may hold some already read).
fn input_waiting() -> Result<bool, String> {
    event::poll(Duration::ZERO).map_err(|e| format!("reading the terminal: {e}"))
}

/// Turns a terminal event into an action through the keymap of the current mode.
fn translate(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let mode = app.mode();
            if key.code == event::KeyCode::Char('z')
                && key.modifiers.contains(KeyModifiers::CONTROL)
            {
                return Some(Action::Suspend);
            }
            match to_key(&key).and_then(|k| app.keymap.action(mode, k)) {
                Some(action) => Some(action.clone()),
                None if matches!(mode, Mode::Form | Mode::Search | Mode::LetterText) => {
                    Some(Action::Input(key.into()))
                }
                None => None,
            }
        }
        Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
            Some(Action::Click {
                column: m.column,
                row: m.row,
            })
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

fn to_key(key: &KeyEvent) -> Option<Key> {
    use event::KeyCode as C;
    let code = match key.code {
        C::Char(c) => KeyCode::Char(c),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        alt: key.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Takes the terminal again after another program had it (the editor): raw mode, the
/// alternate screen, mouse and paste, and a cleared screen to draw on afresh.
pub(crate) fn take_back(terminal: &mut Screen) -> Result<(), String> {
    *terminal = open_screen()?;
    // A fresh terminal has blank buffers: with the screen cleared too, the next frame is drawn
    // whole. (No cursor query: a terminal that does not answer one would stall here.)
    execute!(
        std::io::stdout(),
        EnableMouseCapture,
        EnableBracketedPaste,
        terminal::Clear(terminal::ClearType::All)
    )
    .map_err(|e| format!("redrawing: {e}"))
}

/// Ctrl-Z: give the terminal back, stop, and take it again when resumed.
fn suspend(terminal: &mut Screen) -> Result<(), String> {
    // The shell gets its cursor back while pactum is stopped.
    restore_terminal();
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    *terminal = open_screen()?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    terminal.clear().map_err(|e| format!("redrawing: {e}"))
}
