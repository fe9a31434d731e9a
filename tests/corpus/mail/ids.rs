//! Identifiers in each client's shape: Message-IDs, MIME boundaries, attachment and
//! content IDs.

use super::super::rng::Rng;
use super::clients::Client;

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

pub fn alnum(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *rng.pick(ALNUM) as char).collect()
}

pub fn upper(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *rng.pick(UPPER) as char).collect()
}

pub fn hex(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from_digit(rng.range(0, 16) as u32, 16).unwrap_or('0')).collect()
}

pub fn uuid(rng: &mut Rng) -> String {
    format!("{}-{}-{}-{}-{}", hex(rng, 8), hex(rng, 4), hex(rng, 4), hex(rng, 4), hex(rng, 12)).to_uppercase()
}

/// A Message-ID as `client` writes it for a sender at `domain`.
pub fn message_id(client: Client, domain: &str, rng: &mut Rng) -> String {
    use Client::*;
    match client {
        GmailWeb | GmailAndroid => format!("<CA{}@mail.gmail.example>", alnum(rng, 40)),
        OutlookDesktop | OutlookTnef | OutlookWeb | InlineCidOnly | WindowsMail => {
            let host = format!("SJ0PR{:02}MB{}", rng.range(1, 20), rng.range(1000, 9999));
            format!("<{host}{}@{host}.namprd12.prod.outlook.example>", upper(rng, 16))
        }
        YahooWeb | AolWeb => format!(
            "<{}.{}.{}@mail.yahoo.example>",
            rng.range(1, 999_999_999),
            rng.range(1, 9_999_999),
            rng.range(1, 9_999_999_999_999)
        ),
        AppleMail | IPhoneMail => format!("<{}@{domain}>", uuid(rng)),
        ProtonMail => format!("<{}=@protonmail.example>", alnum(rng, 43)),
        SamsungEmail => format!("<{}.{}@email.android.example>", alnum(rng, 20), rng.range(1000, 9999)),
        Mutt => format!("<{}@{}>", alnum(rng, 22), domain),
        Fastmail => format!("<{}@app.fastmail.example>", uuid(rng).to_lowercase()),
        _ => format!("<{}@{domain}>", uuid(rng).to_lowercase()),
    }
}

/// A MIME boundary as `client` writes it (`level` tells nested ones apart).
pub fn boundary(client: Client, level: u8, rng: &mut Rng) -> String {
    use Client::*;
    match client {
        GmailWeb | GmailAndroid => format!("000000000000{}", hex(rng, 12)),
        OutlookDesktop | OutlookTnef | OutlookWeb | InlineCidOnly => format!("_00{level}_{}namp_", upper(rng, 28)),
        YahooWeb | AolWeb => format!(
            "----=_Part_{}_{}.{}",
            rng.range(1_000_000, 9_999_999),
            rng.range(100_000_000, 999_999_999),
            rng.range(1_000_000_000_000, 1_999_999_999_999)
        ),
        AppleMail | IPhoneMail => format!("Apple-Mail-{}", uuid(rng)),
        Thunderbird => format!("------------{}", alnum(rng, 24)),
        ProtonMail => format!("b1_{}", alnum(rng, 40)),
        Mutt => alnum(rng, 16),
        XfinityZimbra => format!("=_{}", hex(rng, 32)),
        WindowsMail => format!("_{}_", uuid(rng)),
        _ => format!(
            "----=_NextPart_00{level}_{}_{}.{}",
            hex(rng, 4).to_uppercase(),
            hex(rng, 8).to_uppercase(),
            hex(rng, 8).to_uppercase()
        ),
    }
}
