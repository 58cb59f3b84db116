//! Pictures of a PDF's pages, drawn from the PDF itself: the preview shows exactly what prints.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    #[error("the PDF cannot be read")]
    Unreadable,
    #[error("the PDF has no page {0}")]
    NoPage(usize),
    #[error("the preview could not be encoded")]
    Encode,
}

/// Page `index` (from 0) as PNG at `scale` pixels per point, and the number of pages.
pub fn page_png(pdf: &[u8], index: usize, scale: f32) -> Result<(Vec<u8>, usize), PreviewError> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|_| PreviewError::Unreadable)?;
    let pages = pdf.pages();
    let page = pages.get(index).ok_or(PreviewError::NoPage(index + 1))?;
    let settings = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
    let pixmap = hayro::render(page, &RenderCache::new(), &InterpreterSettings::default(), &RenderSettings::default(), &settings);
    Ok((pixmap.into_png().map_err(|_| PreviewError::Encode)?, pages.len()))
}
