//! The errors of the crates under kit (rules, store, documents), in English and Chinese.
//! `Display` of those types is the English; the matches here are exhaustive, so a new variant
//! does not build until it has its Chinese. The few free-text reasons those crates carry are
//! translated by `known`, whose table a test checks.

use documents::bundle::BundleError;
use documents::fixes::FixError;
use documents::intake::IntakeError;
use documents::preview::PreviewError;
use store::{LockReason, StoreError};

use crate::error::{Text, io_reason};

fn both(en: impl std::fmt::Display, zh: String) -> Text {
    Text { en: en.to_string(), zh }
}

pub fn rules(e: &rules::RulesError) -> Text {
    match e {
        rules::RulesError::UnknownProvider(p) => both(e, format!("未知的服务商 `{p}`；已有的服务商：{}", rules::providers().join(", "))),
        rules::RulesError::BrokenPack(why) => both(e, format!("规则包已损坏：{why}")),
    }
}

pub fn store(e: &StoreError) -> Text {
    let zh = match e {
        StoreError::NotFound(id) => format!("没有 ID 为 `{id}` 的案件"),
        StoreError::Open { path, source } => format!("无法打开位于 {} 的案件库：{}", path.display(), io_reason(source).zh),
        StoreError::Busy => "案件库正被另一个程序使用；请稍后再试".into(),
        StoreError::Changed(id) => format!("附件 `{id}` 刚被另一个窗口或命令修改；请重新查看后再试"),
        StoreError::Sqlite(why) => format!("案件库出错：{why}"),
        StoreError::Migration(why) => format!("案件库升级出错：{why}"),
        StoreError::Corrupt(why) => format!("案件库中有损坏的数据：{}", known(why)),
        StoreError::NoAttachment(id) => format!("没有 ID 为 `{id}` 的附件"),
        StoreError::Files(source) => format!("附件文件出错：{}", io_reason(source).zh),
        // CONTRACTS.md section 10 gives this message: it stays in every language, for scripts.
        StoreError::Locked(LockReason::NoPassphrase) => "案件库已加锁（the case store is locked）".into(),
        StoreError::Locked(LockReason::WrongPassphrase) => "案件库已加锁（the case store is locked）：密码不正确".into(),
        StoreError::Invalid(why) => known(why),
    };
    both(e, zh)
}

pub fn intake(e: &IntakeError) -> Text {
    let zh = match e {
        IntakeError::Empty => "文件是空的".into(),
        IntakeError::TooLarge(mb) => format!("文件有 {mb} MB；Appeal Kit 接受不超过 50 MB 的文件"),
        IntakeError::Heic => "不支持 HEIC/HEIF 照片；请将照片导出为 JPEG（iPhone：设置 › 相机 › 格式 › 兼容性最佳），或进行转换，例如 `heif-convert photo.heic photo.jpg`".into(),
        IntakeError::Unsupported => "不是图片或 PDF（Appeal Kit 接受 JPEG、PNG、WebP、TIFF、BMP 和 PDF）".into(),
        IntakeError::TooManyPixels { width, height } => format!("图片声明为 {width}×{height} 像素，超过 6400 万像素的上限；未读取即被拒绝"),
        IntakeError::Corrupt(what, why) => format!("{}已损坏或不完整（{why}）", if *what == "image" { "图片" } else { what }),
        IntakeError::Pdf(p) => return preview(p),
    };
    both(e, zh)
}

pub fn preview(e: &PreviewError) -> Text {
    let zh = match e {
        PreviewError::Unreadable(why) => format!("PDF 已损坏或无法读取（{why}）"),
        PreviewError::NoPage(n) => format!("PDF 没有第 {n} 页"),
        PreviewError::Refused(why) => format!("PDF 被拒绝：{}", known(why)),
        PreviewError::TooMuchMemory => format!("绘制该 PDF 需要超过 {} MB 内存；已拒绝", documents::pdf_worker::MEMORY_BYTES >> 20),
        PreviewError::TooSlow => format!("绘制该 PDF 超过 {} 秒；已拒绝", documents::pdf_worker::SECONDS),
        PreviewError::Worker(why) => format!("无法绘制 PDF 页面：{why}"),
    };
    both(e, zh)
}

pub fn fix(e: &FixError) -> Text {
    match e {
        FixError::Invalid(why) => both(e, known(why)),
        FixError::NotAnImage => both(e, "这里无法编辑 PDF 文件；请修正扫描件后重新附加".into()),
        FixError::Image(i) => intake(i),
    }
}

pub fn bundle(e: &BundleError) -> Text {
    let zh = match e {
        BundleError::NotZip(why) => format!("不是 zip 文件（{why}）"),
        BundleError::Unsafe(name, why) => format!("不安全的条目 `{name}`：{}", known(why)),
        BundleError::Duplicate(name) => format!("重复的条目 `{name}`"),
        BundleError::TooBig(why) => format!("太大，不可能是材料包：{why}"),
        BundleError::Damaged(name, why) => format!("损坏的条目 `{name}`：{why}"),
        BundleError::Overlap(a, b) => format!("条目 `{a}` 与 `{b}` 共用数据：这是 zip 炸弹或伪造的 zip"),
        BundleError::Inconsistent(why) => format!("zip 的目录对不上（{why}）：这是损坏或伪造的 zip"),
        BundleError::Missing(name) => format!("没有条目 `{name}`"),
        BundleError::Io(source) => io_reason(source).zh,
    };
    both(e, zh)
}

/// Free-text reasons the crates below carry, in Chinese; an unknown one stays as it is.
const KNOWN: &[(&str, &str)] = &[
    // store (vault, switch)
    ("the case store has no passphrase", "案件库没有密码"),
    ("the case store already has a passphrase; change it with `appeal-kit store change-passphrase`", "案件库已有密码；请用 `appeal-kit store change-passphrase` 更改"),
    ("the case store has no passphrase; set one with `appeal-kit store encrypt`", "案件库没有密码；请用 `appeal-kit store encrypt` 设置"),
    ("an older schema", "旧版本的结构"),
    // documents::fixes
    ("rotate by 1, 2 or 3 quarter turns", "请旋转 1、2 或 3 个 90 度"),
    ("the crop must lie inside the picture", "裁剪范围必须在图片之内"),
    ("each box to hide must lie inside the picture", "每个要遮盖的方框都必须在图片之内"),
    (
        "the four corners must lie inside the picture, in order (top left, top right, bottom right, bottom left), around a document",
        "四个角必须在图片之内，按左上、右上、右下、左下的顺序，围住一份文件",
    ),
    // documents::bundle
    ("an empty or overlong name", "名称为空或过长"),
    ("a backslash or control character in the name", "名称中有反斜杠或控制字符"),
    ("an absolute path", "是绝对路径"),
    ("a path that climbs out of the bundle", "路径跳出了材料包"),
    ("a name that is not UTF-8", "名称不是 UTF-8"),
    ("a link", "是一个链接"),
    ("encrypted", "已加密"),
    ("compressed in a way bundles never are", "压缩方式不是材料包会用的"),
    ("a folder holding data", "是一个含有数据的文件夹"),
    // documents::preview
    ("a drawing in it contains itself", "其中的一个图形包含它自身"),
    ("its drawings are nested more than 64 deep", "其中的图形嵌套超过 64 层"),
];

fn known(en: &str) -> String {
    if let Some((_, zh)) = KNOWN.iter().find(|(e, _)| *e == en) {
        return zh.to_string();
    }
    if let Some(n) = en.strip_prefix("a passphrase needs at least ").and_then(|r| r.strip_suffix(" characters")) {
        return format!("密码至少需要 {n} 个字符");
    }
    if let Some(rest) = en.strip_prefix("it has ").and_then(|r| r.split_once(" objects, more than ")) {
        return format!("其中有 {} 个对象，超过 {} 个", rest.0, rest.1);
    }
    if let Some(rest) = en.strip_prefix("an image in it declares ").and_then(|r| r.strip_suffix(" pixels, more than the 64-megapixel limit")) {
        return format!("其中一张图片声明为 {rest} 像素，超过 6400 万像素的上限");
    }
    if let Some(rest) = en.strip_prefix("a page draws more than ").and_then(|r| r.strip_suffix(" operations (forms drawn inside forms)")) {
        return format!("某一页的绘制操作超过 {rest} 次（表单中套表单）");
    }
    en.to_string()
}

/// What a spreadsheet's problem is, after its name.
pub fn sheet(e: &crate::batch::sheet::SheetError) -> Text {
    use crate::batch::sheet::{MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_TEXT_BYTES, SheetError as S};
    let zh = match e {
        S::Read(why) => format!("无法读取：{}", why.zh),
        S::TooBig => format!("大于 {} MB；一份案件表格要小得多", MAX_FILE_BYTES >> 20),
        S::TooManyRows => format!("超过 {MAX_ROWS} 行；请分批导入"),
        S::TooManyColumns => format!("超过 {MAX_COLUMNS} 列；模板不到 40 列"),
        S::TooMuchText => format!("文字超过 {} MB；一份案件表格要小得多", MAX_TEXT_BYTES >> 20),
        S::Encoding => "不是 UTF-8 或 GB18030（GBK）编码的文本；请另存为“CSV UTF-8”".into(),
        S::Csv(why) => format!("不是有效的 CSV 文件：{why}"),
        S::Xlsx(why) => format!("不是可读取的 XLSX 工作簿：{why}"),
        S::OldExcel => "是 Excel 97-2003 工作簿（.xls）或受密码保护的工作簿；请另存为不带密码的 .xlsx 或 CSV".into(),
        S::NoSheet => "没有工作表".into(),
        S::Format => "既不是 CSV 也不是 XLSX；请使用 `appeal-kit batch template` 生成的模板".into(),
    };
    both(e, zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_known_reason_has_its_chinese() {
        for (en, zh) in KNOWN {
            assert!(!has_chinese(en) && has_chinese(zh), "{en} / {zh}");
        }
        assert_eq!(known("a passphrase needs at least 12 characters"), "密码至少需要 12 个字符");
        assert!(has_chinese(&known("it has 900001 objects, more than 900000")));
    }
}
