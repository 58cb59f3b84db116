//! A spreadsheet (CSV or XLSX) read into a grid of text, within fixed limits, whatever the
//! file holds: a spreadsheet of cases is small, so anything far bigger is refused whole
//! before it can cost memory or time.
//!
//! XLSX is a zip of XML parts. Its directory is checked first by the same reader that checks
//! bundles (documents::bundle::BundleReader: lying sizes, overlapping entries, ratios that only
//! a bomb has); then only its XML parts are inflated, each capped, into a plain zip in memory
//! that `calamine` reads. Cells are streamed, so a sheet declaring a million rows or a cell at
//! column XFD costs nothing before it is refused; a shared string repeated in every cell counts
//! against the text budget each time it is used.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};

/// The whole file, CSV or XLSX.
pub const MAX_FILE_BYTES: u64 = 16 << 20;
/// Data rows, besides the header.
pub const MAX_ROWS: usize = 10_000;
pub const MAX_COLUMNS: usize = 100;
/// One cell's text, in bytes: the longest field (`reason`) takes 2,000 characters.
pub const MAX_CELL_BYTES: usize = 8 << 10;
/// All cells' text together, so a shared string used in every cell cannot multiply.
pub const MAX_TEXT_BYTES: usize = 32 << 20;
/// An XLSX's XML parts, inflated: each, and all together.
const MAX_PART_BYTES: u64 = 48 << 20;
const MAX_PARTS_BYTES: u64 = 96 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    /// A number cell of a workbook: long codes typed as numbers lose digits there.
    Number,
    /// A formula error such as `#N/A`.
    Error,
    /// Longer than `MAX_CELL_BYTES`: the text is not kept.
    TooLong,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub kind: CellKind,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.kind == CellKind::Text && self.text.trim().is_empty()
    }
}

/// Rows of cells; row 0 is the header. Short rows are not padded.
#[derive(Debug, Default)]
pub struct Sheet {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("cannot be read: {}", .0.en)]
    Read(crate::error::Text),
    #[error("is larger than {} MB; a spreadsheet of cases is far smaller", MAX_FILE_BYTES >> 20)]
    TooBig,
    #[error("has more than {MAX_ROWS} rows; import it in parts")]
    TooManyRows,
    #[error("has more than {MAX_COLUMNS} columns; the template has fewer than 40")]
    TooManyColumns,
    #[error("holds more than {} MB of text; a spreadsheet of cases is far smaller", MAX_TEXT_BYTES >> 20)]
    TooMuchText,
    #[error("is not text in UTF-8 or GB18030 (GBK); save it as \"CSV UTF-8\"")]
    Encoding,
    #[error("is not a valid CSV file: {0}")]
    Csv(String),
    #[error("is not a readable XLSX workbook: {0}")]
    Xlsx(String),
    #[error("is an Excel 97-2003 workbook (.xls) or a password-protected one; save it as .xlsx or CSV without a password")]
    OldExcel,
    #[error("has no worksheet")]
    NoSheet,
    #[error("is neither CSV nor XLSX; use the template from `appeal-kit batch template`")]
    Format,
}

/// Reads a spreadsheet, choosing CSV or XLSX by its content (and its name when the content
/// could be either).
pub fn read(path: &Path) -> Result<Sheet, SheetError> {
    // Only a regular file: a FIFO or a device would block or never end.
    let meta = std::fs::metadata(path).map_err(|e| SheetError::Read(crate::error::io_reason(&e)))?;
    if !meta.is_file() {
        return Err(SheetError::Read(crate::tr!("it is not a regular file", "它不是普通文件")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(SheetError::TooBig);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| SheetError::Read(crate::error::io_reason(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SheetError::TooBig);
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    parse(&bytes, &ext)
}

/// `ext`: the file name's extension, lower case, used only when the content does not say.
pub fn parse(bytes: &[u8], ext: &str) -> Result<Sheet, SheetError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return xlsx(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(SheetError::OldExcel);
    }
    if matches!(ext, "xlsx" | "xlsm" | "xls" | "ods") {
        return Err(SheetError::Xlsx("it is not a zip file".into()));
    }
    csv(bytes)
}

/// Adds cells to the grid within the limits.
struct Grid {
    sheet: Sheet,
    text: usize,
}

impl Grid {
    fn new() -> Grid {
        Grid { sheet: Sheet::default(), text: 0 }
    }

    fn put(&mut self, row: usize, col: usize, text: &str, kind: CellKind) -> Result<(), SheetError> {
        if row > MAX_ROWS {
            return Err(SheetError::TooManyRows);
        }
        let empty = kind == CellKind::Text && text.trim().is_empty();
        if col >= MAX_COLUMNS {
            return if empty { Ok(()) } else { Err(SheetError::TooManyColumns) };
        }
        let (text, kind) = if text.len() > MAX_CELL_BYTES { (String::new(), CellKind::TooLong) } else { (text.to_string(), kind) };
        self.text += text.len();
        if self.text > MAX_TEXT_BYTES {
            return Err(SheetError::TooMuchText);
        }
        let rows = &mut self.sheet.rows;
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut rows[row];
        if cells.len() <= col {
            cells.resize_with(col + 1, || Cell { text: String::new(), kind: CellKind::Text });
        }
        cells[col] = Cell { text, kind };
        Ok(())
    }
}

/// UTF-8 (with or without a byte-order mark), else GB18030, which Excel on a Chinese system
/// writes for "CSV".
fn decode(bytes: &[u8]) -> Result<String, SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors { Err(SheetError::Encoding) } else { Ok(text.into_owned()) }
}

fn csv(bytes: &[u8]) -> Result<Sheet, SheetError> {
    let text = decode(bytes)?;
    if text.contains('\0') {
        return Err(SheetError::Format);
    }
    // Excel writes tab-separated text as "Unicode text"; commas otherwise.
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.contains('\t') && !first.contains(',') { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut grid = Grid::new();
    let mut record = csv::StringRecord::new();
    let mut row = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(SheetError::Csv(e.to_string())),
        }
        if row > MAX_ROWS {
            return Err(SheetError::TooManyRows);
        }
        for (col, field) in record.iter().enumerate() {
            grid.put(row, col, field, CellKind::Text)?;
        }
        row += 1;
    }
    Ok(grid.sheet)
}

/// The workbook's XML parts, checked and inflated under caps, as a plain zip for calamine.
fn xml_parts(bytes: &[u8]) -> Result<Vec<u8>, SheetError> {
    let bad = |e: documents::bundle::BundleError| match e {
        documents::bundle::BundleError::TooBig(what) => SheetError::Xlsx(format!("{what}, far more than a spreadsheet of cases holds")),
        other => SheetError::Xlsx(other.to_string()),
    };
    let mut zip = documents::bundle::BundleReader::open(Cursor::new(bytes)).map_err(bad)?;
    let names: Vec<String> = zip.names().map(String::from).collect();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut total = 0;
    for name in names {
        let lower = name.to_ascii_lowercase();
        // Pictures, printer settings and macros are never read.
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        total += zip.size(&name).unwrap_or(0);
        if total > MAX_PARTS_BYTES {
            return Err(SheetError::Xlsx(format!("its parts hold more than {} MB; a spreadsheet of cases is far smaller", MAX_PARTS_BYTES >> 20)));
        }
        let part = zip.read(&name, MAX_PART_BYTES).map_err(bad)?;
        let written = out.start_file(name.as_str(), options).map_err(|e| SheetError::Xlsx(e.to_string()));
        written?;
        out.write_all(&part).map_err(|e| SheetError::Xlsx(e.to_string()))?;
    }
    Ok(out.finish().map_err(|e| SheetError::Xlsx(e.to_string()))?.into_inner())
}

/// A number as a person typed it: whole numbers without `.0`.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
}

fn xlsx(bytes: &[u8]) -> Result<Sheet, SheetError> {
    let parts = xml_parts(bytes)?;
    let bad = |e: calamine::XlsxError| SheetError::Xlsx(e.to_string());
    let mut book = Xlsx::new(Cursor::new(parts)).map_err(bad)?;
    let first = book.sheet_names().into_iter().next().ok_or(SheetError::NoSheet)?;
    let mut cells = book.worksheet_cells_reader(&first).map_err(bad)?;
    let mut grid = Grid::new();
    while let Some(cell) = cells.next_cell().map_err(bad)? {
        let (row, col) = cell.get_position();
        let (row, col) = (row as usize, col as usize);
        let put = |grid: &mut Grid, text: &str, kind| grid.put(row, col, text, kind);
        match cell.get_value() {
            DataRef::Empty => put(&mut grid, "", CellKind::Text)?,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => put(&mut grid, s, CellKind::Text)?,
            DataRef::SharedString(s) => put(&mut grid, s, CellKind::Text)?,
            DataRef::Float(f) => put(&mut grid, &number(*f), CellKind::Number)?,
            DataRef::Int(i) => put(&mut grid, &i.to_string(), CellKind::Number)?,
            DataRef::Bool(b) => put(&mut grid, if *b { "true" } else { "false" }, CellKind::Text)?,
            DataRef::DateTime(d) => put(&mut grid, &number(d.as_f64()), CellKind::Number)?,
            DataRef::Error(e) => put(&mut grid, &e.to_string(), CellKind::Error)?,
        }
    }
    Ok(grid.sheet)
}

/// The spreadsheet letter of a column (0: A, 26: AA).
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
    }

    #[test]
    fn csv_in_utf8_with_a_mark_or_in_gbk() {
        let sheet = parse("\u{feff}provider,title\nhuawei-cloud,\"A, B\"\n".as_bytes(), "csv").unwrap();
        assert_eq!(sheet.rows[0][0].text, "provider");
        assert_eq!(sheet.rows[1][1].text, "A, B");
        let (gbk, _, _) = encoding_rs::GBK.encode("title\n华为账号\n");
        assert_eq!(parse(&gbk, "csv").unwrap().rows[1][0].text, "华为账号");
        assert!(matches!(parse(b"\xff\xfe\xfftitle", "csv"), Err(SheetError::Encoding)));
    }

    #[test]
    fn limits_refuse_the_whole_file() {
        let many_rows = "title\n".to_string() + &"x\n".repeat(MAX_ROWS + 1);
        assert!(matches!(parse(many_rows.as_bytes(), "csv"), Err(SheetError::TooManyRows)));
        let wide = "a,".repeat(MAX_COLUMNS) + "b\n";
        assert!(matches!(parse(wide.as_bytes(), "csv"), Err(SheetError::TooManyColumns)));
        let long = format!("title\n{}\n", "x".repeat(MAX_CELL_BYTES + 1));
        assert_eq!(parse(long.as_bytes(), "csv").unwrap().rows[1][0].kind, CellKind::TooLong);
        assert!(matches!(parse(b"not a zip", "xlsx"), Err(SheetError::Xlsx(_))));
        assert!(matches!(parse(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], "xls"), Err(SheetError::OldExcel)));
    }
}
