//! The trace headers the court's border MX adds or passes on: Return-Path, Received,
//! Authentication-Results (trusted ones from `mx.eservices.example`, foreign or forged
//! ones from elsewhere, passes that do not align with the From domain) and a
//! DKIM-Signature from the sending provider.

use chrono::{DateTime, FixedOffset};

use super::super::rng::Rng;
use super::super::truth::{AuthResult, TRUSTED_AUTHSERV};
use super::charset::base64;

/// How the sender's domain fares at the court's MX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    DmarcPass,
    DmarcPassOnly,
    AlignedDkimNoDmarc,
    AlignedSpfNoDmarc,
    PassWithForeignFail,
    SplitHeaders,
    DmarcFail,
    NoHeader,
    ForeignPassOnly,
    UnalignedPass,
    NothingPasses,
}

impl Auth {
    pub const GOOD: &'static [Auth] = &[
        Auth::DmarcPass,
        Auth::DmarcPass,
        Auth::DmarcPass,
        Auth::DmarcPass,
        Auth::DmarcPassOnly,
        Auth::AlignedDkimNoDmarc,
        Auth::AlignedSpfNoDmarc,
        Auth::PassWithForeignFail,
        Auth::SplitHeaders,
    ];
    pub const BAD: &'static [Auth] =
        &[Auth::DmarcFail, Auth::NoHeader, Auth::ForeignPassOnly, Auth::UnalignedPass, Auth::NothingPasses];

    pub fn name(self) -> &'static str {
        match self {
            Auth::DmarcPass => "dmarc_pass",
            Auth::DmarcPassOnly => "dmarc_pass_only",
            Auth::AlignedDkimNoDmarc => "aligned_dkim_no_dmarc",
            Auth::AlignedSpfNoDmarc => "aligned_spf_no_dmarc",
            Auth::PassWithForeignFail => "pass_with_foreign_fail",
            Auth::SplitHeaders => "split_headers",
            Auth::DmarcFail => "dmarc_fail",
            Auth::NoHeader => "no_header",
            Auth::ForeignPassOnly => "foreign_pass_only",
            Auth::UnalignedPass => "unaligned_pass",
            Auth::NothingPasses => "nothing_passes",
        }
    }
}

const FOREIGN_IDS: &[&str] = &[
    "mx.google.example",
    "eservices.example",
    "mx.eservices.example.relay-mail.example",
    "spam.filter.example",
    "mail.protection.outlook.example",
    "mx.eservices.xample",
];

fn trusted(
    dmarc: Option<&'static str>,
    dkim: Vec<(&'static str, String)>,
    spf: Option<(&'static str, String)>,
) -> AuthResult {
    AuthResult { authserv_id: TRUSTED_AUTHSERV.to_string(), dmarc, dkim, spf }
}

/// The Authentication-Results the court's MX (and others) wrote for mail from `domain`.
pub fn results(auth: Auth, domain: &str, rng: &mut Rng) -> Vec<AuthResult> {
    let d = domain.to_string();
    let esp = rng.pick(&["sendgrid.example", "mailgun.example", "amazonses.example", "mcsv.example"]).to_string();
    let mut foreign = || rng.pick(FOREIGN_IDS).to_string();
    match auth {
        Auth::DmarcPass => vec![trusted(Some("pass"), vec![("pass", d.clone())], Some(("pass", d)))],
        Auth::DmarcPassOnly => vec![trusted(Some("pass"), vec![], None)],
        Auth::AlignedDkimNoDmarc => vec![trusted(Some("none"), vec![("pass", d.clone())], Some(("neutral", d)))],
        Auth::AlignedSpfNoDmarc => vec![trusted(None, vec![("none", String::new())], Some(("pass", d)))],
        Auth::PassWithForeignFail => {
            let f =
                AuthResult { authserv_id: foreign(), dmarc: Some("fail"), dkim: vec![("fail", d.clone())], spf: None };
            vec![trusted(Some("pass"), vec![("pass", d.clone())], Some(("pass", d))), f]
        }
        Auth::SplitHeaders => {
            vec![trusted(None, vec![], Some(("pass", d.clone()))), trusted(Some("pass"), vec![("pass", d)], None)]
        }
        Auth::DmarcFail => vec![trusted(Some("fail"), vec![("none", d.clone())], Some(("softfail", d)))],
        Auth::NoHeader => vec![],
        Auth::ForeignPassOnly => {
            vec![AuthResult {
                authserv_id: foreign(),
                dmarc: Some("pass"),
                dkim: vec![("pass", d.clone())],
                spf: Some(("pass", d)),
            }]
        }
        Auth::UnalignedPass => {
            vec![trusted(Some("none"), vec![("pass", esp.clone())], Some(("pass", format!("bounces.{esp}"))))]
        }
        Auth::NothingPasses => vec![trusted(Some("none"), vec![("none", String::new())], Some(("neutral", d)))],
    }
}

fn render_one(r: &AuthResult, from: &str, ip: &str, rng: &mut Rng) -> String {
    let mut items = Vec::new();
    for (res, dom) in &r.dkim {
        if dom.is_empty() {
            items.push(format!("dkim={res} (no signatures found)"));
        } else if rng.chance(0.5) {
            items.push(format!("dkim={res} header.i=@{dom} header.s=s{} header.b={}", rng.range(1, 2048), tag(rng)));
        } else {
            items.push(format!("dkim={res} header.d={dom} header.s=selector{} header.b={}", rng.range(1, 3), tag(rng)));
        }
    }
    if let Some((res, dom)) = &r.spf {
        let mailfrom = if from.ends_with(&format!("@{dom}")) {
            from.to_string()
        } else {
            format!("bounce-{}@{dom}", rng.range(1000, 99999))
        };
        let verb = if *res == "pass" { "designates" } else { "does not designate" };
        items.push(format!(
            "spf={res} ({}: domain of {mailfrom} {verb} {ip} as permitted sender) smtp.mailfrom={mailfrom}",
            r.authserv_id
        ));
    }
    if let Some(res) = r.dmarc {
        let from_dom = from.rsplit('@').next().unwrap_or("");
        let policy = if res == "fail" { "p=REJECT sp=REJECT dis=NONE" } else { "p=NONE sp=QUARANTINE dis=NONE" };
        items.push(format!("dmarc={res} ({policy}) header.from={from_dom}"));
    }
    if items.is_empty() {
        items.push("none".into());
    }
    let sep = if rng.chance(0.8) { ";\n       " } else { "; " };
    format!("{}{sep}{}", r.authserv_id, items.join(sep))
}

fn tag(rng: &mut Rng) -> String {
    let bytes: Vec<u8> = (0..6).map(|_| rng.range(0, 256) as u8).collect();
    base64(&bytes)
}

/// The sending provider's outbound host and address for `domain`.
pub fn provider_host(domain: &str, rng: &mut Rng) -> (String, String) {
    let n = rng.range(1, 99);
    let host = match domain {
        "gmail.example" => format!("mail-sor-f{n}.google.example"),
        "yahoo.example" | "aol.example" => format!("sonic3{n}-{}.consmr.mail.ne1.yahoo.example", rng.range(1, 40)),
        "outlook.example" | "hotmail.example" => {
            format!("mail-bn{n}nam12olkn20{}.outbound.protection.outlook.example", rng.range(10, 99))
        }
        "icloud.example" => format!("p-east3-cluster{n}-host{}-snip4-7.eps.apple.example", rng.range(1, 20)),
        "comcast.example" => format!("resomta-ch2-{n}v.sys.comcast.example"),
        "protonmail.example" => format!("mail-4{n}.protonmail.example"),
        _ => format!("smtp{n}.{domain}"),
    };
    let ip = format!("{}.{}.{}.{}", rng.range(17, 210), rng.range(0, 255), rng.range(0, 255), rng.range(1, 254));
    (host, ip)
}

/// Return-Path, Delivered-To, Received and Authentication-Results headers, top first.
pub fn headers(
    from: &str,
    date: DateTime<FixedOffset>,
    results: &[AuthResult],
    rng: &mut Rng,
) -> Vec<(String, String)> {
    let domain = from.rsplit('@').next().unwrap_or("example").to_string();
    let (host, ip) = provider_host(&domain, rng);
    let qid: String = (0..10)
        .map(|_| *rng.pick(&['A', 'B', 'C', 'D', 'E', 'F', '1', '2', '3', '4', '5', '6', '7', '8', '9']))
        .collect();
    let stamp = date.format("%a, %d %b %Y %H:%M:%S %z").to_string();
    let mut out = vec![
        ("Return-Path".to_string(), format!("<{from}>")),
        ("Delivered-To".to_string(), "eservices@eservices.example".to_string()),
        (
            "Received".to_string(),
            format!("from mx.eservices.example (localhost [127.0.0.1])\n\tby mail.eservices.example (Postfix) with ESMTP id {qid}\n\tfor <eservices@eservices.example>; {stamp}"),
        ),
    ];
    let trusted: Vec<&AuthResult> = results.iter().filter(|r| r.authserv_id == TRUSTED_AUTHSERV).collect();
    let foreign: Vec<&AuthResult> = results.iter().filter(|r| r.authserv_id != TRUSTED_AUTHSERV).collect();
    for r in trusted {
        out.push(("Authentication-Results".into(), render_one(r, from, &ip, rng)));
    }
    out.push((
        "Received".to_string(),
        format!("from {host} ({host} [{ip}])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\tby mx.eservices.example (Postfix) with ESMTPS id {qid}{}\n\tfor <eservices@eservices.example>; {stamp}", rng.range(10, 99)),
    ));
    for r in foreign {
        let name = if rng.chance(0.3) { "ARC-Authentication-Results" } else { "Authentication-Results" };
        let value = render_one(r, from, &ip, rng);
        out.push((name.into(), if name.starts_with("ARC") { format!("i=1; {value}") } else { value }));
    }
    out.push(("DKIM-Signature".into(), dkim_signature(&domain, date, rng)));
    out
}

fn dkim_signature(domain: &str, date: DateTime<FixedOffset>, rng: &mut Rng) -> String {
    let bh: Vec<u8> = (0..32).map(|_| rng.range(0, 256) as u8).collect();
    let b: Vec<u8> = (0..64).map(|_| rng.range(0, 256) as u8).collect();
    format!(
        "v=1; a=rsa-sha256; c=relaxed/relaxed;\n        d={domain}; s=s{}; t={};\n        h=from:to:subject:date:message-id:mime-version;\n        bh={};\n        b={}",
        rng.range(1, 2048),
        date.timestamp(),
        base64(&bh),
        base64(&b)
    )
}
