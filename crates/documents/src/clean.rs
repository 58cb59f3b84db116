//! Files as they leave the app: upright and without EXIF, GPS or other metadata, with a record
//! of what was done to each (the manifest's `cleaned`). A picture that is already upright keeps
//! its compressed pixels byte for byte (only the metadata blocks are dropped); a JPEG that
//! needs turning is turned losslessly; other pictures that need turning are decoded, turned and
//! written once as PNG (lossless). PDFs lose their document information and XMP metadata.

mod chunks;
mod jpeg;
mod pdf;

use crate::intake::{self, IntakeError, MediaType};

pub use pdf::page as pdf_page;

/// One thing done to a file on its way out, as the manifest names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleaning {
    /// Metadata removed: EXIF, GPS, XMP, IPTC, comments, thumbnails, text chunks, appended
    /// pictures (images); the document information dictionary and XMP (PDFs), and the
    /// metadata of the JPEG pictures inside them.
    MetadataRemoved,
    /// A JPEG turned upright in the compressed (DCT) domain: no pixel was re-encoded.
    TurnedLossless,
    /// With a lossless turn: the partial block at one edge (at most 1% of that side, up to
    /// 15 pixels) was dropped, as `jpegtran -trim` does.
    EdgeTrimmed,
    /// Decoded, turned upright and encoded once more as JPEG at quality 95 (a small picture
    /// whose lossless turn would trim more than 1% of a side): pixels differ slightly.
    ReEncoded,
    /// Decoded and written as PNG (turned upright, or from TIFF or BMP): every pixel kept.
    ReEncodedLossless,
    /// A digitally signed PDF left byte for byte as it was: removing anything would break the
    /// signature that proves it genuine.
    SignedLeftUnchanged,
    /// An encrypted PDF left as it was: it cannot be rewritten without its password.
    EncryptedLeftUnchanged,
}

impl Cleaning {
    const ALL: [Cleaning; 7] = [
        Cleaning::MetadataRemoved,
        Cleaning::TurnedLossless,
        Cleaning::EdgeTrimmed,
        Cleaning::ReEncoded,
        Cleaning::ReEncodedLossless,
        Cleaning::SignedLeftUnchanged,
        Cleaning::EncryptedLeftUnchanged,
    ];

    /// The cleaning named `id` (as `id` gives it).
    pub fn from_id(id: &str) -> Option<Cleaning> {
        Cleaning::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Whether this took real work (a turn or an encode), unlike dropping metadata, which costs
    /// about a copy.
    pub fn is_costly(self) -> bool {
        matches!(self, Cleaning::TurnedLossless | Cleaning::ReEncoded | Cleaning::ReEncodedLossless)
    }

    pub fn id(self) -> &'static str {
        match self {
            Cleaning::MetadataRemoved => "metadata_removed",
            Cleaning::TurnedLossless => "turned_lossless",
            Cleaning::EdgeTrimmed => "edge_trimmed",
            Cleaning::ReEncoded => "re_encoded",
            Cleaning::ReEncodedLossless => "re_encoded_lossless",
            Cleaning::SignedLeftUnchanged => "signed_left_unchanged",
            Cleaning::EncryptedLeftUnchanged => "encrypted_left_unchanged",
        }
    }
}

/// A file ready to leave, with what was done to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    pub bytes: Vec<u8>,
    pub media_type: MediaType,
    pub done: Vec<Cleaning>,
}

impl Cleaned {
    /// Whether making this took real work (see `Cleaning::is_costly`).
    pub fn was_costly(&self) -> bool {
        self.done.iter().any(|c| c.is_costly())
    }

    fn new(bytes: Vec<u8>, media_type: MediaType, done: Vec<Cleaning>) -> Cleaned {
        Cleaned { bytes, media_type, done }
    }
}

/// `bytes` cleaned for export. TIFF and BMP leave as PNG, and so does a turned PNG or WebP.
pub fn for_export(bytes: Vec<u8>) -> Result<Cleaned, IntakeError> {
    let media_type = intake::sniff(&bytes)?;
    if media_type == MediaType::Pdf {
        return pdf::clean(bytes);
    }
    let (orientation, _) = intake::exif_facts(&bytes);
    match (media_type, orientation) {
        (MediaType::Jpeg, _) => jpeg::clean(bytes, orientation),
        (MediaType::Png, 1) => Ok(Cleaned::new(chunks::strip_png(&bytes)?, media_type, vec![Cleaning::MetadataRemoved])),
        (MediaType::Webp, 1) => Ok(Cleaned::new(chunks::strip_webp(&bytes)?, media_type, vec![Cleaning::MetadataRemoved])),
        _ => {
            let image = intake::upright(intake::decode_full(&bytes, media_type)?, orientation);
            Ok(Cleaned::new(intake::encode_png(&image)?, MediaType::Png, vec![Cleaning::MetadataRemoved, Cleaning::ReEncodedLossless]))
        }
    }
}
