//! Lays a letter out on A4 pages and writes it as PDF: real text in one embedded, subset font
//! (Latin and Simplified Chinese), wrapped to the page, with boxes and lines to sign, seal and
//! tick. The same letter always gives the same bytes.

use krilla::Document;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::raw::TableProvider;
use skrifa::instance::{LocationRef, Size as FontSize};

use crate::letter_code::{self, Mark};
use crate::letters::{Block, Letter};

/// Noto Sans CJK SC (SIL OFL 1.1) cut down to Latin, punctuation and GB 2312; see
/// scripts/make-font.sh.
pub static FONT: &[u8] = include_bytes!("../fonts/AppealKitSans-SC.otf");

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 54.0;
const BODY: f32 = 10.5;
const LEADING: f32 = 1.4;
/// Size of the footer's small print.
const FOOTER: f32 = 7.0;
/// The letter code (see `letter_code`): a square in the top right corner, inside the margins
/// that printers leave blank, clear of the text below it and of the small print beside it.
const CODE_SIDE: f32 = 36.0;
const CODE_EDGE: f32 = 14.0;
/// Size of the small print beside the code.
const CODE_TEXT: f32 = 6.0;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font could not be read")]
    Font,
    #[error("writing the PDF failed: {0:?}")]
    Write(krilla::error::KrillaError),
}

/// Advance widths of the embedded font, for wrapping; the tables are read once per letter.
struct Metrics<'a> {
    charmap: skrifa::charmap::Charmap<'a>,
    glyphs: skrifa::metrics::GlyphMetrics<'a>,
    upem: f32,
}

impl<'a> Metrics<'a> {
    fn new(font: &skrifa::FontRef<'a>, upem: f32) -> Metrics<'a> {
        Metrics { charmap: font.charmap(), glyphs: font.glyph_metrics(FontSize::unscaled(), LocationRef::default()), upem }
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 =
            text.chars().map(|c| self.charmap.map(c).and_then(|g| self.glyphs.advance_width(g)).unwrap_or(self.upem / 2.0)).sum();
        units * size / self.upem
    }

    /// Breaks text into lines no wider than `width`: between words, and between any two
    /// Chinese characters, as Chinese typesetting does.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for token in tokens(paragraph) {
                let candidate = format!("{line}{token}");
                if !line.is_empty() && self.width(candidate.trim_end(), size) > width {
                    lines.push(line.trim_end().to_string());
                    line = token.trim_start().to_string();
                } else {
                    line = candidate;
                }
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Words with their trailing space, and single CJK characters.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else {
            word.push(c);
            if c == ' ' {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Writes pages top to bottom, starting a new page when the next block does not fit.
struct Writer<'m> {
    doc: Document,
    font: Font,
    metrics: Metrics<'m>,
    pages: Vec<Vec<Op>>,
    y: f32,
    footer: Option<String>,
}

/// What is drawn, recorded first so each page is written in one go.
enum Op {
    Text { x: f32, y: f32, size: f32, text: String },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, dashed: bool },
    Box { x: f32, y: f32, w: f32, h: f32, dashed: bool },
    /// Filled black rectangles, drawn as one path (a QR code's modules, a row's run at a time).
    Squares(Vec<(f32, f32, f32, f32)>),
}

impl Writer<'_> {
    fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() || self.y + height > PAGE_H - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn op(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn text(&mut self, text: &str, size: f32, indent: f32) {
        self.text_in(text, size, indent, PAGE_W - 2.0 * MARGIN - indent);
    }

    /// Text wrapped to a column `width` wide, starting `indent` from the left margin.
    fn text_in(&mut self, text: &str, size: f32, indent: f32, width: f32) {
        for line in self.metrics.wrap(text, size, width) {
            self.ensure(size * LEADING);
            self.op(Op::Text { x: MARGIN + indent, y: self.y + size, size, text: line });
            self.y += size * LEADING;
        }
    }

    fn gap(&mut self, h: f32) {
        self.y += h;
    }

    fn block(&mut self, block: &Block) {
        let full = PAGE_W - 2.0 * MARGIN;
        match block {
            Block::Title(t) => {
                self.text(t, 17.0, 0.0);
                self.gap(8.0);
            }
            Block::Heading(t) => {
                self.gap(6.0);
                self.text(t, 12.0, 0.0);
                self.gap(2.0);
            }
            Block::Para(t) => {
                self.text(t, BODY, 0.0);
                self.gap(6.0);
            }
            Block::Note(t) => {
                self.text(t, 9.0, 12.0);
                self.gap(4.0);
            }
            Block::Fields(rows) => {
                // Wide enough that "English / 中文" labels mostly keep to one line.
                let label_w = full * 0.48;
                for (label, value) in rows {
                    let lines = self.metrics.wrap(value, BODY, full - label_w - 8.0).len().max(self.metrics.wrap(label, 9.5, label_w - 8.0).len());
                    let h = lines as f32 * BODY * LEADING + 4.0;
                    self.ensure(h);
                    let top = self.y;
                    self.text_in(label, 9.5, 0.0, label_w - 8.0);
                    self.y = top;
                    self.text(value, BODY, label_w);
                    self.y = top + h;
                    self.op(Op::Line { x1: MARGIN + label_w, y1: self.y - 3.0, x2: PAGE_W - MARGIN, y2: self.y - 3.0, dashed: false });
                }
                self.gap(8.0);
            }
            Block::Checkboxes(rows) => {
                // More than a handful go in two columns, so a one-page letter stays on one page.
                let columns = if rows.len() > 4 { 2 } else { 1 };
                let col_w = full / columns as f32;
                for pair in rows.chunks(columns) {
                    let lines = pair.iter().map(|(_, l)| self.metrics.wrap(l, BODY, col_w - 24.0).len()).max().unwrap_or(1);
                    let h = lines as f32 * BODY * LEADING + 2.0;
                    self.ensure(h);
                    let top = self.y;
                    for (c, (ticked, label)) in pair.iter().enumerate() {
                        let (x, y) = (MARGIN + 4.0 + c as f32 * col_w, top + 2.0);
                        self.op(Op::Box { x, y, w: 9.0, h: 9.0, dashed: false });
                        if *ticked {
                            self.op(Op::Line { x1: x + 1.5, y1: y + 4.5, x2: x + 3.8, y2: y + 7.5, dashed: false });
                            self.op(Op::Line { x1: x + 3.8, y1: y + 7.5, x2: x + 8.0, y2: y + 1.0, dashed: false });
                        }
                        self.y = top;
                        self.text_in(label, BODY, 20.0 + c as f32 * col_w, col_w - 24.0);
                    }
                    self.y = top + h;
                }
                self.gap(6.0);
            }
            Block::Table { headers, rows } => {
                let col = full / headers.len() as f32;
                let row_h = 30.0;
                self.ensure(row_h * (rows + 1) as f32);
                let top = self.y;
                for (i, h) in headers.iter().enumerate() {
                    self.y = top;
                    self.text(h, 9.0, i as f32 * col + 4.0);
                }
                self.y = top + 22.0;
                for r in 0..=*rows {
                    let y = self.y + r as f32 * row_h;
                    self.op(Op::Line { x1: MARGIN, y1: y, x2: PAGE_W - MARGIN, y2: y, dashed: false });
                }
                for i in 0..=headers.len() {
                    let x = MARGIN + i as f32 * col;
                    self.op(Op::Line { x1: x, y1: top - 4.0, x2: x, y2: self.y + *rows as f32 * row_h, dashed: false });
                }
                self.op(Op::Line { x1: MARGIN, y1: top - 4.0, x2: PAGE_W - MARGIN, y2: top - 4.0, dashed: false });
                self.y += *rows as f32 * row_h + 12.0;
            }
            Block::Footer(t) => self.footer = Some(t.clone()),
            Block::Signatures(areas) => {
                // Side by side: a dashed box for a seal, a line for a signature or a date.
                let h = 72.0;
                self.ensure(h + 16.0);
                self.gap(8.0);
                let w = full / areas.len() as f32;
                let top = self.y;
                for (i, area) in areas.iter().enumerate() {
                    let x = MARGIN + i as f32 * w;
                    if area.seal {
                        self.op(Op::Box { x: x + 6.0, y: top, w: w - 24.0, h: h - 24.0, dashed: true });
                    } else {
                        self.op(Op::Line { x1: x + 6.0, y1: top + h - 26.0, x2: x + w - 18.0, y2: top + h - 26.0, dashed: false });
                    }
                    self.y = top + h - 20.0;
                    for (n, line) in self.metrics.wrap(&area.label, 8.5, w - 24.0).into_iter().enumerate() {
                        self.op(Op::Text { x: x + 6.0, y: top + h - 12.0 + n as f32 * 11.0, size: 8.5, text: line });
                    }
                }
                self.y = top + h + 16.0;
            }
        }
    }
}

/// The letter as PDF, without a letter code (see `render_marked`).
pub fn render(letter: &Letter) -> Result<Vec<u8>, PdfError> {
    render_marked(letter, None)
}

/// The letter as PDF; with a mark, every page carries its letter code and the same facts in
/// small print, in the top margin.
pub fn render_marked(letter: &Letter, mark: Option<&Mark>) -> Result<Vec<u8>, PdfError> {
    let font = Font::new(FONT.into(), 0).ok_or(PdfError::Font)?;
    let face = skrifa::FontRef::new(FONT).map_err(|_| PdfError::Font)?;
    let upem = face.head().map(|h| h.units_per_em() as f32).map_err(|_| PdfError::Font)?;
    let mut w = Writer { doc: Document::new(), font, metrics: Metrics::new(&face, upem), pages: Vec::new(), y: MARGIN, footer: None };
    for block in &letter.blocks {
        w.block(block);
    }
    if w.pages.is_empty() {
        w.ensure(0.0);
    }
    // The footer sits in the last page's bottom margin, under whatever the page holds.
    if let Some(footer) = w.footer.take() {
        let mut y = PAGE_H - MARGIN + 8.0;
        for line in w.metrics.wrap(&footer, FOOTER, PAGE_W - 2.0 * MARGIN) {
            w.op(Op::Text { x: MARGIN, y: y + FOOTER, size: FOOTER, text: line });
            y += FOOTER * 1.3;
        }
    }
    // No creation date or random id: the same letter gives the same bytes.
    w.doc.set_metadata(Metadata::new().title(letter.title.clone()).creator("Appeal Kit".into()).language(letter.language.into()));
    let size = Size::from_wh(PAGE_W, PAGE_H).ok_or(PdfError::Font)?;
    let pages = std::mem::take(&mut w.pages);
    let total = pages.len();
    for (n, ops) in pages.into_iter().enumerate() {
        let mut page = w.doc.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, &w.font, op);
        }
        if let Some(mark) = mark {
            for op in code_ops(&w.metrics, &mark.code(n as u32 + 1, total as u32), mark) {
                draw(&mut surface, &w.font, op);
            }
        } else if total > 1 {
            // In the top margin: the bottom one may hold the footer.
            let label = format!("{} / {total}", n + 1);
            let x = PAGE_W - MARGIN - w.metrics.width(&label, 8.0);
            draw(&mut surface, &w.font, Op::Text { x, y: MARGIN - 18.0, size: 8.0, text: label });
        }
        surface.finish();
        page.finish();
    }
    w.doc.finish().map_err(PdfError::Write)
}

/// A page's letter code, and beside it, right-aligned, what it says in words.
fn code_ops(metrics: &Metrics, code: &letter_code::LetterCode, mark: &Mark) -> Vec<Op> {
    let (side, modules) = letter_code::modules(code);
    let mut ops = Vec::new();
    let x0 = PAGE_W - CODE_EDGE - CODE_SIDE;
    if side > 0 {
        let m = CODE_SIDE / side as f32;
        let mut runs = Vec::new();
        for row in 0..side {
            let mut col = 0;
            while col < side {
                if !modules[row * side + col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < side && modules[row * side + col] {
                    col += 1;
                }
                runs.push((x0 + start as f32 * m, CODE_EDGE + row as f32 * m, (col - start) as f32 * m, m));
            }
        }
        ops.push(Op::Squares(runs));
    }
    let lines = [
        format!("Appeal Kit case {}, {}", mark.case, mark.item),
        format!("version {}, p {}/{}", mark.version, code.page, code.pages),
        code.payload(),
    ];
    let right = x0 - 8.0;
    for (i, line) in lines.into_iter().enumerate() {
        let x = right - metrics.width(&line, CODE_TEXT);
        ops.push(Op::Text { x, y: CODE_EDGE + CODE_TEXT + i as f32 * CODE_TEXT * 1.35, size: CODE_TEXT, text: line });
    }
    ops
}

fn draw(surface: &mut Surface, font: &Font, op: Op) {
    match op {
        Op::Text { x, y, size, text } => {
            surface.set_fill(Some(Fill::default()));
            surface.set_stroke(None);
            surface.draw_text(Point::from_xy(x, y), font.clone(), size, &text, false, TextDirection::Auto);
        }
        Op::Line { x1, y1, x2, y2, dashed } => {
            let mut pb = PathBuilder::new();
            pb.move_to(x1, y1);
            pb.line_to(x2, y2);
            stroke(surface, pb, dashed);
        }
        Op::Box { x, y, w, h, dashed } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                pb.push_rect(rect);
            }
            stroke(surface, pb, dashed);
        }
        Op::Squares(rects) => {
            let mut pb = PathBuilder::new();
            for (x, y, w, h) in rects {
                if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                    pb.push_rect(rect);
                }
            }
            let Some(path) = pb.finish() else { return };
            surface.set_stroke(None);
            surface.set_fill(Some(Fill::default()));
            surface.draw_path(&path);
        }
    }
}

fn stroke(surface: &mut Surface, pb: PathBuilder, dashed: bool) {
    let Some(path) = pb.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        width: 0.6,
        dash: dashed.then(|| StrokeDash { array: vec![3.0, 2.0], offset: 0.0 }),
        ..Stroke::default()
    }));
    surface.draw_path(&path);
}
