//! What a picture's metadata says about how to show it and whether it records where it was
//! taken, read the way viewers read it: tolerantly. Real-world EXIF is messy (editors,
//! scanners, messaging apps and old phones write dangling pointers, loops and truncated
//! directories), and a viewer that meets such damage still shows the fields that parse. So does
//! this: the blocks are found by walking the container ourselves (`containers`), EXIF is read
//! by kamadak-exif in its partial mode, and XMP and IPTC are scanned for location fields.

pub(crate) mod containers;
mod iptc;
mod xmp;

/// What the metadata says; a file without readable metadata is upright and has no location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// EXIF orientation, 1 to 8 (1 = show as stored).
    pub orientation: u8,
    /// GPS coordinates or a named place (XMP, IPTC) are recorded.
    pub has_location: bool,
}

impl Default for Facts {
    fn default() -> Self {
        Facts { orientation: 1, has_location: false }
    }
}

/// Orientation and location from whatever `bytes` carries: EXIF (JPEG APP1, PNG `eXIf`, WebP
/// `EXIF`, TIFF tags), XMP and IPTC.
pub fn read(bytes: &[u8]) -> Facts {
    let blocks = containers::find(bytes);
    let mut exif_orientation = None;
    let mut xmp_orientation = None;
    let mut has_location = false;
    let mut xmp_packets: Vec<Vec<u8>> = blocks.xmp.iter().map(|x| x.to_vec()).collect();
    let mut iptc_blocks: Vec<Vec<u8>> = blocks.iptc.iter().map(|x| x.to_vec()).collect();
    // The first EXIF block counts for orientation, as in viewers; any block's GPS counts.
    for &tiff in &blocks.exif {
        let Some(exif) = parse_exif(tiff) else { continue };
        if exif_orientation.is_none() {
            exif_orientation = orientation_of(&exif);
        }
        has_location |= exif.fields().any(|f| is_gps_tag(f.tag));
        // TIFF files keep XMP (tag 700) and IPTC (tag 33723) among their own tags.
        if blocks.tiff_file {
            xmp_packets.extend(raw_bytes(&exif, exif::Tag(exif::Context::Tiff, 700)));
            iptc_blocks.extend(raw_bytes(&exif, exif::Tag(exif::Context::Tiff, 33723)));
        }
    }
    for packet in &xmp_packets {
        let facts = xmp::scan(packet);
        has_location |= facts.has_location;
        xmp_orientation = xmp_orientation.or(facts.orientation);
    }
    has_location |= iptc_blocks.iter().any(|b| iptc::has_location(b));
    // Where EXIF and XMP disagree, EXIF wins: browsers and most viewers read only the EXIF tag,
    // and the XMP-aware ones (Adobe's, and exiv2-based ones such as GIMP and Shotwell) also
    // prefer it, using XMP's tiff:Orientation only when EXIF has none. So do we.
    let orientation = exif_orientation.or(xmp_orientation).unwrap_or(1);
    Facts { orientation, has_location }
}

/// The fields that parse: kamadak-exif's partial mode keeps every field read before damage
/// (a truncated directory, a dangling or looping next-IFD pointer, a bad value offset).
fn parse_exif(tiff: &[u8]) -> Option<exif::Exif> {
    match exif::Reader::new().continue_on_error(true).read_raw(tiff.to_vec()) {
        Ok(exif) => Some(exif),
        Err(e) => e.distill_partial_result(|_| {}).ok(),
    }
}

fn orientation_of(exif: &exif::Exif) -> Option<u8> {
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .filter(|o| (1..=8).contains(o))
        .map(|o| o as u8)
}

/// Any GPS field but the version number records (part of) a place.
fn is_gps_tag(tag: exif::Tag) -> bool {
    tag.context() == exif::Context::Gps && tag != exif::Tag::GPSVersionID
}

/// A primary-image tag's value as bytes (BYTE/UNDEFINED as they are; LONG, as Photoshop writes
/// IPTC, back in the file's byte order).
fn raw_bytes(exif: &exif::Exif, tag: exif::Tag) -> Option<Vec<u8>> {
    let field = exif.get_field(tag, exif::In::PRIMARY)?;
    match &field.value {
        exif::Value::Byte(b) | exif::Value::Undefined(b, _) => Some(b.clone()),
        exif::Value::Long(v) => Some(v.iter().flat_map(|x| if exif.little_endian() { x.to_le_bytes() } else { x.to_be_bytes() }).collect()),
        _ => None,
    }
}
