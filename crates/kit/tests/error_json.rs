//! The errors as the desktop app receives them (`ErrorInfo`: kind, message, field), in both
//! languages, with the exit status the command line gives (issue 13.6, issue 14): the message
//! is the reason only, the field apart; a PDF, zip or picture Appeal Kit makes has its own kind;
//! a broken invariant is never bad input.

use kit::error::{Format, Text};
use kit::{Kit, KitError, Language};
use serde_json::{Value, json};

/// Each error beside what the window gets in English and in Chinese, and its exit status.
fn expected(error: &KitError, en: Value, zh: Value, exit: u8) {
    assert_eq!(serde_json::to_value(error.info_in(Language::En)).unwrap(), en, "{error}");
    assert_eq!(serde_json::to_value(error.info_in(Language::Zh)).unwrap(), zh, "{error}");
    assert_eq!(if error.is_bad_input() { 2 } else { 1 }, exit, "{error}");
}

#[test]
fn errors_as_the_window_receives_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut kit = Kit::open(&dir.path().join("data")).unwrap();
    let case = kit.create_case("alibaba-cloud", "Shop", None).unwrap().summary.id;

    // A mistyped ID number (GB 11643 check digit): the form shows the reason under the field.
    let e = kit.set_profile(&case, &json!({"holder_id_number": "110105194912310021"})).unwrap_err();
    expected(
        &e,
        json!({"kind": "validation", "message": "The check character should be X; the code was probably mistyped.", "field": "holder_id_number"}),
        json!({"kind": "validation", "message": "校验位应为 X；号码可能输错了。", "field": "holder_id_number"}),
        2,
    );
    // A USCC with a letter GB 32100 never uses.
    let e = kit.set_profile(&case, &json!({"uscc": "91350100M000100I9Y"})).unwrap_err();
    expected(
        &e,
        json!({"kind": "validation", "message": "Character 16 ('I') is not allowed there.", "field": "uscc"}),
        json!({"kind": "validation", "message": "第 16 位的字符“I”不能出现在这里。", "field": "uscc"}),
        2,
    );
    // A line break in a one-line field.
    let e = kit.set_profile(&case, &json!({"holder_name": "Li\nLei"})).unwrap_err();
    expected(
        &e,
        json!({"kind": "validation", "message": "Keep it on one line, without a line break.", "field": "holder_name"}),
        json!({"kind": "validation", "message": "请写在一行之内，不要有换行。", "field": "holder_name"}),
        2,
    );
    // An answer outside its list.
    let e = kit.answer(&case, &json!({"verification": "maybe"})).unwrap_err();
    expected(
        &e,
        json!({"kind": "validation", "message": "\"maybe\" is not one of: individual, enterprise, none, unsure.", "field": "verification"}),
        json!({"kind": "validation", "message": "“maybe”不在可选值之中：individual, enterprise, none, unsure。", "field": "verification"}),
        2,
    );
    // No such case.
    let e = kit.case("nope").unwrap_err();
    expected(
        &e,
        json!({"kind": "not_found", "message": "no case with id `nope`", "field": null}),
        json!({"kind": "not_found", "message": "没有 ID 为 `nope` 的案件", "field": null}),
        2,
    );
    // A file refused on attach names the file.
    let empty = dir.path().join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    let e = kit::prepare(&empty).err().unwrap().into_error();
    expected(
        &e,
        json!({"kind": "validation", "message": "empty.jpg: the file is empty", "field": "file"}),
        json!({"kind": "validation", "message": "empty.jpg：文件是空的", "field": "file"}),
        2,
    );
    // An unknown provider.
    let e = kit.create_case("nimbus", "Shop", None).unwrap_err();
    expected(
        &e,
        json!({"kind": "validation", "message": "unknown provider `nimbus`; known providers: huawei-cloud, alibaba-cloud", "field": null}),
        json!({"kind": "validation", "message": "未知的服务商 `nimbus`；已有的服务商：huawei-cloud, alibaba-cloud", "field": null}),
        2,
    );
}

#[test]
fn made_documents_have_their_kinds_and_invariants_are_not_bad_input() {
    let pdf = KitError::Document { format: Format::Pdf, what: kit::tr!("cannot make the letter", "无法生成信函"), reason: "font".into() };
    expected(
        &pdf,
        json!({"kind": "pdf", "message": "cannot make the letter: font", "field": null}),
        json!({"kind": "pdf", "message": "无法生成信函：font", "field": null}),
        1,
    );
    let zip = KitError::Document { format: Format::Zip, what: kit::tr!("cannot write the bundle", "无法写入材料包"), reason: "x".into() };
    assert_eq!(serde_json::to_value(zip.info_in(Language::En)).unwrap()["kind"], "zip");
    let image = KitError::Document { format: Format::Image, what: kit::tr!("cannot draw the picture", "无法绘制图片"), reason: "x".into() };
    assert_eq!(serde_json::to_value(image.info_in(Language::En)).unwrap()["kind"], "image");
    let broken = KitError::Internal(Text { en: "a file was not exported".into(), zh: "有文件未能导出".into() });
    expected(
        &broken,
        json!({"kind": "internal", "message": "a file was not exported", "field": null}),
        json!({"kind": "internal", "message": "Appeal Kit 内部出错：有文件未能导出", "field": null}),
        1,
    );
}
