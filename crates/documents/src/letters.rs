//! The letters a checklist can ask for, filled from the case's answers and profile. The
//! providers' official templates are not in our sources: each letter carries every fact the
//! sources require and says to copy them into the provider's own template where it has one.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Zh,
    Bilingual,
}

#[derive(Debug, thiserror::Error)]
#[error("unknown language `{0}`; use en, zh or bilingual")]
pub struct UnknownLang(String);

impl std::str::FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s {
            "en" => Ok(Lang::En),
            "zh" => Ok(Lang::Zh),
            "bilingual" => Ok(Lang::Bilingual),
            other => Err(UnknownLang(other.to_string())),
        }
    }
}

/// What a page shows, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Note(String),
    /// Label and value rows; an empty value prints as a line to fill in by hand.
    Fields(Vec<(String, String)>),
    Checkboxes(Vec<(bool, String)>),
    /// An empty table to fill in by hand (shareholders).
    Table { headers: Vec<String>, rows: usize },
    Signatures(Vec<Area>),
    /// Small print at the foot of the last page (who prepared it, how to use it): drawn in the
    /// bottom margin, so it never takes a page of its own.
    Footer(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub label: String,
    /// A dashed box for a seal or fingerprints, instead of a line to sign on.
    pub seal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    pub title: String,
    pub language: &'static str,
    pub blocks: Vec<Block>,
    /// Profile fields the letter needs that the case does not have yet.
    pub missing_fields: Vec<String>,
}

/// The facts of a case a letter is made from.
pub struct Facts<'a> {
    pub provider: &'a str,
    pub answers: &'a Value,
    pub profile: &'a Value,
    /// The date printed on the letter, e.g. 2026-11-22.
    pub date: &'a str,
}

/// The checklist items Appeal Kit can prefill, per provider.
pub fn letter_items(provider: &str) -> &'static [&'static str] {
    match provider {
        "huawei-cloud" => &["authorization_letter"],
        "alibaba-cloud" => &["appeal_letter", "member_holder_change_form", "asset_disposal_certificate"],
        _ => &[],
    }
}

/// Builds a letter, or `None` if Appeal Kit has no letter for this item.
pub fn letter(item: &str, facts: &Facts, lang: Lang) -> Option<Letter> {
    let mut b = Builder { facts, lang, blocks: Vec::new(), missing: Vec::new() };
    let title = match (facts.provider, item) {
        ("huawei-cloud", "authorization_letter") => b.huawei_authorization(),
        ("alibaba-cloud", "appeal_letter") => b.alibaba_appeal(),
        ("alibaba-cloud", "member_holder_change_form") => b.member_holder_change(),
        ("alibaba-cloud", "asset_disposal_certificate") => b.asset_disposal(),
        _ => return None,
    };
    Some(Letter {
        title,
        language: match lang {
            Lang::Zh => "zh-CN",
            _ => "en",
        },
        blocks: b.blocks,
        missing_fields: b.missing,
    })
}

struct Builder<'a> {
    facts: &'a Facts<'a>,
    lang: Lang,
    blocks: Vec<Block>,
    missing: Vec<String>,
}

const BLANK: &str = "";

impl Builder<'_> {
    /// English, Chinese, or both, one under the other.
    fn t(&self, en: &str, zh: &str) -> String {
        match self.lang {
            Lang::En => en.to_string(),
            Lang::Zh => zh.to_string(),
            Lang::Bilingual => format!("{en}\n{zh}"),
        }
    }

    /// A label on one line: "English / 中文" when bilingual.
    fn label(&self, en: &str, zh: &str) -> String {
        match self.lang {
            Lang::Bilingual => format!("{en} / {zh}"),
            _ => self.t(en, zh),
        }
    }

    fn answer(&self, q: &str) -> Option<&Value> {
        self.facts.answers.get(q)
    }

    fn is(&self, q: &str, v: &str) -> bool {
        self.answer(q).and_then(Value::as_str) == Some(v)
    }

    fn flag(&self, q: &str) -> Option<bool> {
        self.answer(q).and_then(Value::as_bool)
    }

    /// A profile value; a needed one that is empty is recorded as missing and prints blank.
    fn field(&mut self, name: &str, needed: bool) -> String {
        match self.facts.profile.get(name).and_then(Value::as_str).filter(|s| !s.trim().is_empty()) {
            Some(v) => v.to_string(),
            None => {
                if needed && !self.missing.iter().any(|m| m == name) {
                    self.missing.push(name.to_string());
                }
                BLANK.to_string()
            }
        }
    }

    /// "value" or a run of underscores to write on, for use inside sentences.
    fn inline(&mut self, name: &str) -> String {
        let v = self.field(name, true);
        if v.is_empty() { "____________".into() } else { v }
    }

    fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    fn template_note(&mut self, provider_en: &str, provider_zh: &str) {
        let note = self.t(
            &format!("Prepared with Appeal Kit. It carries the facts {provider_en} asks for; where {provider_en} supplies its own template, copy these facts into that template."),
            &format!("本文件由 Appeal Kit 生成，包含{provider_zh}要求的信息；如{provider_zh}提供官方模板，请将以上信息填入官方模板。"),
        );
        self.push(Block::Footer(note));
    }

    fn huawei_authorization(&mut self) -> String {
        let enterprise = !self.is("account_type", "individual");
        let title = self.t("Authorization Letter", "授权委托书");
        self.push(Block::Title(title.clone()));
        let to = self.t("To: Huawei Cloud after-sales service", "致：华为云售后服务");
        self.push(Block::Para(to));
        let (holder, account, agent, agent_id) = (self.inline("holder_name"), self.inline("account_name"), self.inline("agent_name"), self.inline("agent_id_number"));
        let uscc = if enterprise { self.inline("uscc") } else { String::new() };
        let id_en = if enterprise { format!(", Unified Social Credit Code {uscc}") } else { String::new() };
        let id_zh = if enterprise { format!("，统一社会信用代码：{uscc}") } else { String::new() };
        let body = self.t(
            &format!("{holder} (the account holder{id_en}) hereby authorizes {agent} (ID number {agent_id}) to act on its behalf in restoring the HUAWEI ID / Huawei Cloud account {account}, whose registered phone number or email address is no longer available: to provide the required materials, to communicate with Huawei Cloud after-sales service personnel, and to receive the result."),
            &format!("{holder}（账号持有人{id_zh}）特此授权 {agent}（证件号码：{agent_id}）代表其办理华为账号/华为云账号 {account} 的找回事宜（该账号注册的手机号码或邮箱已无法使用），包括提交所需材料、与华为云售后服务人员沟通及接收处理结果。"),
        );
        self.push(Block::Para(body));
        let confirm = self.t(
            "The account holder confirms that the materials provided are true and accepts responsibility for this authorization.",
            "账号持有人确认所提供材料真实有效，并对本授权承担责任。",
        );
        self.push(Block::Para(confirm));
        let mut rows = vec![
            (self.label("Account", "账号"), self.field("account_name", true)),
            (self.label("Account holder", "账号持有人"), self.field("holder_name", true)),
        ];
        if enterprise {
            rows.push((self.label("Unified Social Credit Code", "统一社会信用代码"), self.field("uscc", true)));
            rows.push((self.label("Legal representative", "法定代表人"), self.field("legal_representative", true)));
        }
        rows.push((self.label("Authorized person", "被授权人"), self.field("agent_name", true)));
        rows.push((self.label("Authorized person's ID number", "被授权人证件号码"), self.field("agent_id_number", true)));
        rows.push((self.label("Contact phone", "联系电话"), self.field("contact_phone", true)));
        rows.push((self.label("Contact email", "联系邮箱"), self.field("contact_email", true)));
        self.push(Block::Fields(rows));
        let areas = vec![
            Area { label: self.label("Official seal of the enterprise", "单位公章"), seal: true },
            Area { label: self.label("Signature (legal representative or authorized signatory)", "签字（法定代表人或授权签字人）"), seal: false },
            Area { label: self.label(&format!("Date {}", self.facts.date), &format!("日期 {}", self.facts.date)), seal: false },
        ];
        self.push(Block::Signatures(areas));
        let rule = self.t(
            "Stamp this letter with the official seal of the enterprise and sign it. If both cannot be done, the letter of a Chinese enterprise must be stamped with the official seal, and that of an enterprise outside China must be signed.",
            "本授权书须加盖单位公章并签字。如无法同时满足，中国境内企业须加盖公章，中国境外企业须签字。",
        );
        self.push(Block::Note(rule));
        match self.flag("enterprise_in_china") {
            Some(true) => {
                let n = self.t("This enterprise is in China: if only one is possible, the official seal is required.", "本企业为中国境内企业：如只能满足一项，须加盖公章。");
                self.push(Block::Note(n));
            }
            Some(false) => {
                let n = self.t("This enterprise is outside China: if only one is possible, the signature is required.", "本企业为中国境外企业：如只能满足一项，须签字。");
                self.push(Block::Note(n));
            }
            None => {}
        }
        self.template_note("Huawei Cloud", "华为云");
        title
    }

    fn alibaba_appeal(&mut self) -> String {
        let enterprise = self.is("verification", "enterprise");
        let deregistered = enterprise && self.is("enterprise_status", "deregistered");
        let title = if enterprise {
            self.t("Account Appeal Application Letter (Enterprise)", "账号申诉申请书（企业）")
        } else {
            self.t("Account Appeal Application Letter (Individual)", "账号申诉申请书（个人）")
        };
        self.push(Block::Title(title.clone()));
        let to = self.t("To: Alibaba Cloud", "致：阿里云");
        self.push(Block::Para(to));
        let account = self.inline("account_name");
        let intro = if deregistered {
            let (new, old) = (self.inline("new_company_name"), self.inline("holder_name"));
            self.t(
                &format!("{new} applies, as the company taking over from the deregistered enterprise {old}, to recover access to Alibaba Cloud account {account} by changing its secure phone number, and to change the account's verified entity to {new}."),
                &format!("{new} 作为已注销企业 {old} 的承接公司，申请通过变更安全手机找回阿里云账号 {account} 的登录权限，并将账号实名认证主体变更为 {new}。"),
            )
        } else {
            let holder = self.inline("holder_name");
            self.t(
                &format!("I/We, {holder}, the verified holder of Alibaba Cloud account {account}, cannot complete identity verification online and apply for the account changes ticked below."),
                &format!("本人/本单位 {holder} 为阿里云账号 {account} 的实名认证主体，因无法在线完成身份验证，现申请办理下列勾选的事项。"),
            )
        };
        self.push(Block::Para(intro));

        let mut rows = vec![(self.label("Account (username or ID)", "账号（用户名或ID）"), self.field("account_name", true))];
        if deregistered {
            rows.push((self.label("Deregistered enterprise", "已注销企业"), self.field("holder_name", true)));
            rows.push((self.label("Its Unified Social Credit Code", "其统一社会信用代码"), self.field("uscc", true)));
            rows.push((self.label("New company", "新公司名称"), self.field("new_company_name", true)));
            rows.push((self.label("New company's Unified Social Credit Code", "新公司统一社会信用代码"), self.field("new_company_uscc", true)));
        } else if enterprise {
            rows.push((self.label("Enterprise", "企业名称"), self.field("holder_name", true)));
            rows.push((self.label("Unified Social Credit Code", "统一社会信用代码"), self.field("uscc", true)));
            rows.push((self.label("Legal representative", "法定代表人"), self.field("legal_representative", true)));
        } else {
            rows.push((self.label("Verified individual", "实名认证人姓名"), self.field("holder_name", true)));
            rows.push((self.label("ID number", "身份证号码"), self.field("holder_id_number", true)));
        }
        if enterprise {
            rows.push((self.label("Operator", "经办人"), self.field("agent_name", true)));
            rows.push((self.label("Operator's ID number", "经办人身份证号码"), self.field("agent_id_number", true)));
        }
        self.push(Block::Fields(rows));

        let heading = self.label("Appeal items", "申诉事项");
        self.push(Block::Heading(heading));
        let picked: Vec<String> = self.answer("appeal_items").and_then(Value::as_array).map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default();
        let items: [(&str, &str, &str); 8] = [
            ("retrieve_username", "Retrieve username", "找回用户名"),
            ("reset_password", "Reset password", "重置密码"),
            ("change_phone", "Change secure phone number", "修改安全手机"),
            ("change_email", "Change security email address", "修改安全邮箱"),
            ("detach_mfa", "Detach Multi-Factor Authentication (MFA)", "解绑多因素认证（MFA）"),
            ("clear_security_questions", "Clear security questions", "清空密保问题"),
            ("clear_ip_mask", "Clear IP logon mask", "清除登录IP掩码"),
            ("other", "Other", "其他"),
        ];
        // A deregistered enterprise's appeal item is always the phone change.
        let boxes = items.iter().map(|(id, en, zh)| ((picked.iter().any(|p| p == id) || (deregistered && *id == "change_phone")), self.label(en, zh))).collect();
        self.push(Block::Checkboxes(boxes));

        let mut rows = Vec::new();
        if picked.iter().any(|p| p == "change_phone") || deregistered {
            rows.push((self.label("New secure phone number", "新安全手机号码"), self.field("new_secure_phone", true)));
        }
        rows.push((self.label("Contact phone", "联系电话"), self.field("contact_phone", true)));
        rows.push((self.label("Contact email", "联系邮箱"), self.field("contact_email", false)));
        rows.push((self.label("Reason for the appeal", "申诉原因"), self.field("reason", true)));
        self.push(Block::Fields(rows));

        let declaration = self.t(
            "Declaration: the information and documents provided in this appeal are true, and the account belongs to the applicant. The applicant accepts the consequences of any false statement.",
            "声明：本次申诉所提供的信息和材料真实有效，申诉账号归申请人所有。如有虚假，申请人愿承担相应后果。",
        );
        self.push(Block::Para(declaration));
        let areas = if enterprise {
            vec![
                Area { label: self.label("Official seal of the company", "公司公章"), seal: true },
                Area { label: self.label("Signature of the legal representative or operator", "法定代表人或经办人签字"), seal: false },
                Area { label: self.label(&format!("Date {}", self.facts.date), &format!("日期 {}", self.facts.date)), seal: false },
            ]
        } else {
            vec![
                Area { label: self.label("Stamp", "盖章"), seal: true },
                Area { label: self.label("Signature of the verified individual", "实名认证人签字"), seal: false },
                Area { label: self.label(&format!("Date {}", self.facts.date), &format!("日期 {}", self.facts.date)), seal: false },
            ]
        };
        self.push(Block::Signatures(areas));
        let how = self.t("Fill in, stamp, and take a photo of this letter; attach the photo to the appeal.", "填写并盖章后拍照，上传至申诉材料。");
        self.push(Block::Note(how));
        self.template_note("Alibaba Cloud", "阿里云");
        title
    }

    fn member_holder_change(&mut self) -> String {
        let title = self.t("Member Account Holder Change Application Form", "会员账号主体变更申请表");
        self.push(Block::Title(title.clone()));
        let rows = vec![
            (self.label("Account (username or ID)", "账号（用户名或ID）"), self.field("account_name", true)),
            (self.label("Current holder (deregistered enterprise)", "原主体（已注销企业）"), self.field("holder_name", true)),
            (self.label("Its Unified Social Credit Code", "原主体统一社会信用代码"), self.field("uscc", true)),
            (self.label("New holder (new company)", "新主体（新公司）"), self.field("new_company_name", true)),
            (self.label("New company's Unified Social Credit Code", "新公司统一社会信用代码"), self.field("new_company_uscc", true)),
        ];
        self.push(Block::Fields(rows));
        let (old, new, account) = (self.inline("holder_name"), self.inline("new_company_name"), self.inline("account_name"));
        let consent = self.t(
            &format!("We, shareholders of {old} together holding more than two-thirds of its shares, consent to changing the holder of Alibaba Cloud account {account} to {new}."),
            &format!("我们作为 {old} 合计持股超过三分之二的股东，同意将阿里云账号 {account} 的主体变更为 {new}。"),
        );
        self.push(Block::Para(consent));
        let headers = vec![
            self.label("Shareholder", "股东姓名/名称"),
            self.label("Shareholding", "持股比例"),
            self.label("Signature", "签字"),
            self.label("Thumbprint or stamp", "手印或盖章"),
        ];
        self.push(Block::Table { headers, rows: 5 });
        let dated = self.label(&format!("Date {}", self.facts.date), &format!("日期 {}", self.facts.date));
        self.push(Block::Para(dated));
        let how = self.t(
            "Shareholders who hold more than two-thirds of the shares must sign and affix their thumbprints or stamp the form. Then take a photo of it and upload it.",
            "须由合计持股超过三分之二的股东签字并按手印或盖章，然后拍照上传。",
        );
        self.push(Block::Note(how));
        self.template_note("Alibaba Cloud", "阿里云");
        title
    }

    fn asset_disposal(&mut self) -> String {
        let title = self.t("Enterprise Asset Disposal Certificate", "企业资产处置证明");
        self.push(Block::Title(title.clone()));
        let (old, uscc, account, new, new_uscc) =
            (self.inline("holder_name"), self.inline("uscc"), self.inline("account_name"), self.inline("new_company_name"), self.inline("new_company_uscc"));
        let body = self.t(
            &format!("{old} (Unified Social Credit Code {uscc}) certifies the disposal of its Alibaba Cloud account {account} and the business assets in it: the account and its assets pass to {new} (Unified Social Credit Code {new_uscc})."),
            &format!("{old}（统一社会信用代码：{uscc}）证明：其阿里云账号 {account} 及账号内业务资产已处置，账号及资产由 {new}（统一社会信用代码：{new_uscc}）承接。"),
        );
        self.push(Block::Para(body));
        let timing = self.answer("asset_disposal_timing").and_then(Value::as_str).map(String::from);
        let timing = timing.as_deref();
        if timing != Some("after_deregistration") {
            let h = self.label("Issued before the company's deregistration", "公司注销前出具");
            self.push(Block::Heading(h));
            let n = self.t("Stamp the printed certificate with the company's official seal, then photograph it.", "打印后加盖公司公章，然后拍照。");
            self.push(Block::Note(n));
            let areas = vec![
                Area { label: self.label("Official seal of the company", "公司公章"), seal: true },
                Area { label: self.label(&format!("Date {}", self.facts.date), &format!("日期 {}", self.facts.date)), seal: false },
            ];
            self.push(Block::Signatures(areas));
        }
        if timing != Some("before_deregistration") {
            let h = self.label("Issued after the company's deregistration", "公司注销后出具");
            self.push(Block::Heading(h));
            let n = self.t(
                "Shareholders who hold more than two-thirds of the company's shares sign the printed certificate and add their fingerprints, then photograph it.",
                "由合计持股超过三分之二的股东在打印件上签字并按指印，然后拍照。",
            );
            self.push(Block::Note(n));
            let headers = vec![self.label("Shareholder", "股东"), self.label("Shareholding", "持股比例"), self.label("Signature", "签字"), self.label("Fingerprint", "指印")];
            self.push(Block::Table { headers, rows: 5 });
            let dated = self.label(&format!("Date {}", self.facts.date), &format!("日期 {}", self.facts.date));
            self.push(Block::Para(dated));
        }
        self.template_note("Alibaba Cloud", "阿里云");
        title
    }
}

/// Ticket and request texts to paste into the provider's forms.
pub fn entity_change_ticket(profile: &Value) -> String {
    let get = |k: &str| profile.get(k).and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or("xxx").to_string();
    format!(
        "I am applying to change the identity verification entity of account {} from {} to my company, {}. Please assist with this process.",
        get("account_name"),
        get("holder_name"),
        get("new_company_name")
    )
}

/// The Huawei Cloud service ticket: a short request listing the materials attached.
pub fn huawei_ticket(profile: &Value, materials: &[String]) -> String {
    let account = profile.get("account_name").and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or("(account name)");
    let mut text = format!(
        "Request to restore HUAWEI ID {account}. The phone number or email address registered with the account is no longer available. Please restore the account; the required materials are attached:\n"
    );
    for (n, m) in materials.iter().enumerate() {
        text.push_str(&format!("{}. {m}\n", n + 1));
    }
    if let Some(phone) = profile.get("contact_phone").and_then(Value::as_str) {
        text.push_str(&format!("Contact phone: {phone}\n"));
    }
    if let Some(email) = profile.get("contact_email").and_then(Value::as_str) {
        text.push_str(&format!("Contact email: {email}\n"));
    }
    text
}
