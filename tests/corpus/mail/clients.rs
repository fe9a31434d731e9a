//! Mail clients and their habits: which parts they send (plain, HTML, both, flowed),
//! how they quote and forward, what they add under a message, what their Message-IDs,
//! boundaries and X-Mailer headers look like, and which clients people on each mail
//! provider use.

use super::super::rng::Rng;
use super::body::{Html, PlainStyle};
use super::thread::Flavor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    GmailWeb,
    GmailAndroid,
    OutlookDesktop,
    OutlookTnef,
    OutlookWeb,
    AppleMail,
    IPhoneMail,
    YahooWeb,
    AolWeb,
    Thunderbird,
    ProtonMail,
    SamsungEmail,
    WindowsMail,
    Roundcube,
    XfinityZimbra,
    Mutt,
    Gmx,
    Fastmail,
    Hey,
    HtmlOnlyMobile,
    InlineCidOnly,
}

/// Which text parts a client sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    Both,
    PlainOnly,
    HtmlOnly,
}

impl Client {
    pub const ALL: &'static [Client] = &[
        Client::GmailWeb,
        Client::GmailAndroid,
        Client::OutlookDesktop,
        Client::OutlookTnef,
        Client::OutlookWeb,
        Client::AppleMail,
        Client::IPhoneMail,
        Client::YahooWeb,
        Client::AolWeb,
        Client::Thunderbird,
        Client::ProtonMail,
        Client::SamsungEmail,
        Client::WindowsMail,
        Client::Roundcube,
        Client::XfinityZimbra,
        Client::Mutt,
        Client::Gmx,
        Client::Fastmail,
        Client::Hey,
        Client::HtmlOnlyMobile,
        Client::InlineCidOnly,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Client::GmailWeb => "gmail_web",
            Client::GmailAndroid => "gmail_android",
            Client::OutlookDesktop => "outlook_desktop",
            Client::OutlookTnef => "outlook_tnef",
            Client::OutlookWeb => "outlook_web",
            Client::AppleMail => "apple_mail",
            Client::IPhoneMail => "iphone_mail",
            Client::YahooWeb => "yahoo_web",
            Client::AolWeb => "aol_web",
            Client::Thunderbird => "thunderbird",
            Client::ProtonMail => "protonmail",
            Client::SamsungEmail => "samsung_email",
            Client::WindowsMail => "windows_mail",
            Client::Roundcube => "roundcube",
            Client::XfinityZimbra => "xfinity_zimbra",
            Client::Mutt => "mutt",
            Client::Gmx => "gmx",
            Client::Fastmail => "fastmail",
            Client::Hey => "hey",
            Client::HtmlOnlyMobile => "html_only_mobile",
            Client::InlineCidOnly => "inline_cid_only",
        }
    }

    /// A client someone with an address at `domain` would use.
    pub fn for_domain(domain: &str, rng: &mut Rng) -> Client {
        use Client::*;
        if rng.chance(0.22) {
            return *rng.pick(Client::ALL);
        }
        let choices: &[Client] = match domain {
            "gmail.example" => &[GmailWeb, GmailWeb, GmailAndroid, GmailAndroid, IPhoneMail, SamsungEmail, Thunderbird],
            "yahoo.example" | "sbcglobal.example" | "att.example" => &[YahooWeb, YahooWeb, IPhoneMail, HtmlOnlyMobile],
            "aol.example" => &[AolWeb, AolWeb, IPhoneMail],
            "outlook.example" | "hotmail.example" => {
                &[OutlookWeb, OutlookDesktop, WindowsMail, OutlookTnef, InlineCidOnly]
            }
            "icloud.example" => &[IPhoneMail, IPhoneMail, AppleMail],
            "comcast.example" | "optonline.example" | "cox.example" => {
                &[XfinityZimbra, Thunderbird, OutlookDesktop, Roundcube]
            }
            "protonmail.example" => &[ProtonMail],
            "gmx.example" | "web.example" => &[Gmx, Gmx, Thunderbird],
            "fastmail.example" => &[Fastmail, Fastmail, Mutt],
            "hey.example" => &[Hey],
            "wesleyan.example" => &[Mutt, Thunderbird, Roundcube],
            _ => &[OutlookDesktop, OutlookDesktop, OutlookTnef, InlineCidOnly, GmailWeb, Thunderbird, Roundcube],
        };
        *rng.pick(choices)
    }

    pub fn parts(self, rng: &mut Rng) -> Parts {
        use Client::*;
        match self {
            Mutt => Parts::PlainOnly,
            Thunderbird | Roundcube if rng.chance(0.5) => Parts::PlainOnly,
            OutlookDesktop if rng.chance(0.5) => Parts::HtmlOnly,
            HtmlOnlyMobile | InlineCidOnly => Parts::HtmlOnly,
            OutlookTnef => Parts::PlainOnly,
            IPhoneMail if rng.chance(0.6) => Parts::PlainOnly,
            _ => Parts::Both,
        }
    }

    pub fn html(self) -> Html {
        use Client::*;
        match self {
            GmailWeb | GmailAndroid | SamsungEmail => Html::Gmail,
            OutlookDesktop | OutlookTnef | WindowsMail | InlineCidOnly => Html::Outlook,
            OutlookWeb => Html::Owa,
            YahooWeb | AolWeb => Html::Yahoo,
            AppleMail | IPhoneMail => Html::Apple,
            Thunderbird => Html::Thunderbird,
            ProtonMail => Html::Proton,
            Hey => Html::Hey,
            _ => Html::Plain,
        }
    }

    pub fn plain_style(self) -> PlainStyle {
        use Client::*;
        let none = PlainStyle { wrap: 0, flowed: false, star_bold: false, table_lines: false };
        match self {
            GmailWeb | GmailAndroid => PlainStyle { star_bold: true, ..none },
            OutlookDesktop | OutlookTnef | WindowsMail | OutlookWeb => PlainStyle { table_lines: true, ..none },
            Thunderbird | Roundcube => PlainStyle { wrap: 72, flowed: true, ..none },
            AppleMail => PlainStyle { wrap: 76, flowed: true, ..none },
            Mutt => PlainStyle { wrap: 72, flowed: false, ..none },
            _ => none,
        }
    }

    pub fn flavor(self) -> Flavor {
        use Client::*;
        match self {
            GmailWeb | GmailAndroid => Flavor::Gmail,
            OutlookDesktop | OutlookTnef | OutlookWeb | WindowsMail | InlineCidOnly => Flavor::Outlook,
            YahooWeb | AolWeb => Flavor::Yahoo,
            AppleMail | IPhoneMail => Flavor::Apple,
            Thunderbird => Flavor::Thunderbird,
            ProtonMail => Flavor::Proton,
            SamsungEmail => Flavor::Samsung,
            XfinityZimbra => Flavor::Zimbra,
            Mutt => Flavor::Mutt,
            Roundcube => Flavor::Roundcube,
            Gmx => Flavor::Gmx,
            _ => Flavor::Generic,
        }
    }

    /// True when replies quote with `>` in the plain part (inline answers read well).
    pub fn quotes_with_prefix(self) -> bool {
        use Client::*;
        matches!(
            self,
            GmailWeb
                | GmailAndroid
                | AppleMail
                | IPhoneMail
                | Thunderbird
                | Mutt
                | Roundcube
                | Fastmail
                | Hey
                | ProtonMail
        )
    }

    /// The line a client adds under the text.
    pub fn footer(self, rng: &mut Rng) -> Option<&'static str> {
        use Client::*;
        let p = rng.chance(0.7);
        match self {
            IPhoneMail => Some(if p { "Sent from my iPhone" } else { "Sent from my iPad" }),
            SamsungEmail => {
                Some(if p { "Sent from my Galaxy" } else { "Sent via the Samsung Galaxy S23, an AT&T 5G smartphone" })
            }
            WindowsMail => p.then_some("Sent from Mail for Windows"),
            ProtonMail => Some("Sent with Proton Mail secure email."),
            YahooWeb if !p => Some("Sent from Yahoo Mail for iPhone"),
            AolWeb if !p => Some("Sent from the all new AOL app for iOS"),
            OutlookWeb if !p => Some("Get Outlook for Android"),
            HtmlOnlyMobile => Some("Sent from BlueMail"),
            GmailAndroid if !p => Some("Sent from my Android phone"),
            _ => None,
        }
    }

    pub fn reply_prefix(self) -> &'static str {
        use Client::*;
        match self {
            OutlookDesktop | OutlookTnef | OutlookWeb | WindowsMail | InlineCidOnly => "RE: ",
            _ => "Re: ",
        }
    }

    pub fn forward_prefix(self) -> &'static str {
        use Client::*;
        match self {
            OutlookDesktop | OutlookTnef | OutlookWeb | WindowsMail | InlineCidOnly => "FW: ",
            YahooWeb | AolWeb | ProtonMail | Thunderbird => "Fwd: ",
            IPhoneMail | AppleMail => "Fwd: ",
            XfinityZimbra | Gmx => "Fw: ",
            _ => "Fwd: ",
        }
    }

    /// RFC 2231 for non-ASCII file names (else RFC 2047 words inside quotes).
    pub fn rfc2231_names(self) -> bool {
        use Client::*;
        matches!(self, Thunderbird | Mutt | AppleMail | IPhoneMail | Roundcube | ProtonMail | Fastmail | Gmx)
    }

    /// Client-specific headers (X-Mailer, User-Agent, Thread-Topic…).
    pub fn headers(self, subject: &str, rng: &mut Rng) -> Vec<(String, String)> {
        use Client::*;
        let h = |k: &str, v: String| (k.to_string(), v);
        match self {
            OutlookDesktop | OutlookTnef | InlineCidOnly => vec![
                h("Thread-Topic", subject.to_string()),
                h("Thread-Index", super::ids::alnum(rng, 28) + "=="),
                h("Accept-Language", "en-US".into()),
                h("Content-Language", "en-US".into()),
                h("X-MS-Has-Attach", "yes".into()),
                h(
                    "X-MS-TNEF-Correlator",
                    if self == OutlookTnef { format!("<{}>", super::ids::alnum(rng, 20)) } else { String::new() },
                ),
                h("X-Mailer", "Microsoft Outlook 16.0".into()),
            ],
            OutlookWeb => vec![h("Thread-Topic", subject.to_string()), h("x-ms-publictraffictype", "Email".into())],
            WindowsMail => vec![h("X-Mailer", "Microsoft Windows 10 Mail (16005.14326.22342.0)".into())],
            AppleMail => vec![h("X-Mailer", "Apple Mail (2.3776.700.51)".into())],
            IPhoneMail => vec![h("X-Mailer", format!("iPhone Mail (2{}G{})", rng.range(0, 3), rng.range(30, 99)))],
            YahooWeb => vec![h("X-Mailer", "WebService/1.1.22645 YMailNorrin".into())],
            AolWeb => vec![h("X-Mailer", "WebService/1.1.22645 AolMailNorrin".into())],
            Thunderbird => vec![h("User-Agent", "Mozilla Thunderbird".into()), h("Content-Language", "en-US".into())],
            ProtonMail => vec![h("X-Pm-Message-ID", super::ids::alnum(rng, 40) + "==")],
            SamsungEmail => vec![h("X-Mailer", "Samsung Email 6.1".into())],
            Roundcube => vec![h("User-Agent", "Roundcube Webmail/1.6.9".into())],
            XfinityZimbra => {
                vec![h("X-Mailer", "Zimbra 10.0.9_GA_4662 (ZimbraWebClient - GC130 (Win)/10.0.9_GA_4662)".into())]
            }
            Mutt => vec![h("User-Agent", "Mutt/2.2.12 (2023-09-09)".into())],
            Gmx => vec![
                h("X-UI-Message-Type", "mail".into()),
                h("Importance", "normal".into()),
                h("Sensitivity", "Normal".into()),
            ],
            Fastmail => vec![h("User-Agent", "Cyrus-JMAP/3.11.0-alpha0-1110-g2f4a5c2e9-fm-2024".into())],
            Hey => vec![h("X-Mailer", "HEY".into())],
            HtmlOnlyMobile => vec![h("X-Mailer", "BlueMail/1.9.8.108".into())],
            GmailWeb | GmailAndroid => vec![],
        }
    }
}
