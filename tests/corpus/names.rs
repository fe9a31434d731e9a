//! People for the corpus: given names, middle names and surnames from the communities a
//! Connecticut court serves, and the ways the same person's name is printed on a court
//! file, typed into an E-Services enrolment form and written in an e-mail.

use super::rng::Rng;

/// Where a name comes from; decides its shape (two surnames, particles, middle names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Anglo,
    Hispanic,
    Irish,
    Italian,
    Polish,
    Vietnamese,
    Chinese,
    Indian,
    Nigerian,
    Arabic,
    Germanic,
    Russian,
    Japanese,
}

/// Origins with their weight in the population.
const ORIGINS: &[(Origin, u64)] = &[
    (Origin::Anglo, 30),
    (Origin::Hispanic, 16),
    (Origin::Irish, 7),
    (Origin::Italian, 7),
    (Origin::Polish, 6),
    (Origin::Vietnamese, 4),
    (Origin::Chinese, 5),
    (Origin::Indian, 6),
    (Origin::Nigerian, 5),
    (Origin::Arabic, 5),
    (Origin::Germanic, 4),
    (Origin::Russian, 3),
    (Origin::Japanese, 3),
];

/// A person as the civil registry knows them.
#[derive(Debug, Clone)]
pub struct Person {
    pub given: String,
    pub middle: Option<String>,
    /// The current surname, possibly several words ("García López", "van der Berg").
    pub surname: String,
    /// `Jr.`, `III`…
    pub suffix: Option<String>,
    /// The surname on older records (court file) when it has changed since.
    pub former_surname: Option<String>,
    /// The name in the person's own script, for a signature line.
    pub native: Option<String>,
    pub origin: Origin,
    pub sex: char,
}

struct Given {
    name: &'static str,
    sex: char,
    native: Option<&'static str>,
}

const fn g(name: &'static str, sex: char) -> Given {
    Given { name, sex, native: None }
}

const fn gn(name: &'static str, sex: char, native: &'static str) -> Given {
    Given { name, sex, native: Some(native) }
}

const GIVEN_ANGLO: &[Given] = &[
    g("Dana", 'F'),
    g("Gregory", 'M'),
    g("Amanda", 'F'),
    g("Thomas", 'M'),
    g("Carla", 'F'),
    g("Owen", 'M'),
    g("Brenda", 'F'),
    g("Marcus", 'M'),
    g("Helen", 'F'),
    g("Robert", 'M'),
    g("Elizabeth", 'F'),
    g("William", 'M'),
    g("Jennifer", 'F'),
    g("Kevin", 'M'),
    g("Tiffany", 'F'),
    g("Dwayne", 'M'),
    g("Ashley", 'F'),
    g("Tyler", 'M'),
    g("Zoë", 'F'),
    g("Renée", 'F'),
    g("Al", 'M'),
    g("Jo", 'F'),
    g("Christopher", 'M'),
    g("Keisha", 'F'),
    g("Jamal", 'M'),
    g("Chloé", 'F'),
    g("Ed", 'M'),
    g("Margaret", 'F'),
    g("Nathaniel", 'M'),
    g("Brittany", 'F'),
];

const GIVEN_HISPANIC: &[Given] = &[
    g("José", 'M'),
    g("María", 'F'),
    g("Luis", 'M'),
    g("Rosa", 'F'),
    g("Carlos", 'M'),
    g("Ana", 'F'),
    g("Jesús", 'M'),
    g("Inés", 'F'),
    g("Héctor", 'M'),
    g("Marisol", 'F'),
    g("Juan", 'M'),
    g("Yesenia", 'F'),
    g("Raúl", 'M'),
    g("Lucía", 'F'),
    g("Ángel", 'M'),
    g("Nadia", 'F'),
    g("Wilfredo", 'M'),
    g("Xiomara", 'F'),
    g("Edwin", 'M'),
    g("Sofía", 'F'),
];

const GIVEN_IRISH: &[Given] = &[
    g("Siobhan", 'F'),
    g("Patrick", 'M'),
    g("Aoife", 'F'),
    g("Sean", 'M'),
    g("Niamh", 'F'),
    g("Declan", 'M'),
    g("Maeve", 'F'),
    g("Brendan", 'M'),
    g("Colleen", 'F'),
    g("Kieran", 'M'),
];

const GIVEN_ITALIAN: &[Given] = &[
    g("Gianna", 'F'),
    g("Anthony", 'M'),
    g("Francesca", 'F'),
    g("Vincent", 'M'),
    g("Carmela", 'F'),
    g("Salvatore", 'M'),
    g("Angela", 'F'),
    g("Dominic", 'M'),
    g("Rosalia", 'F'),
    g("Nicolò", 'M'),
];

const GIVEN_POLISH: &[Given] = &[
    g("Łukasz", 'M'),
    g("Małgorzata", 'F'),
    g("Krzysztof", 'M'),
    g("Agnieszka", 'F'),
    g("Paweł", 'M'),
    g("Katarzyna", 'F'),
    g("Grzegorz", 'M'),
    g("Żaneta", 'F'),
    g("Wojciech", 'M'),
    g("Ewa", 'F'),
];

const GIVEN_VIETNAMESE: &[Given] = &[
    g("Lan", 'F'),
    g("Minh", 'M'),
    g("Huong", 'F'),
    g("Tuan", 'M'),
    g("Thao", 'F'),
    g("Duc", 'M'),
    g("Linh", 'F'),
    g("Quang", 'M'),
    g("Mai", 'F'),
    g("Bao", 'M'),
];

const GIVEN_CHINESE: &[Given] = &[
    g("Wei", 'M'),
    g("Li", 'F'),
    g("Jing", 'F'),
    g("Hao", 'M'),
    g("Xiu", 'F'),
    g("Jun", 'M'),
    g("Mei", 'F'),
    g("Kevin", 'M'),
    g("Yan", 'F'),
    g("Bo", 'M'),
];

const GIVEN_INDIAN: &[Given] = &[
    g("Priya", 'F'),
    g("Rahul", 'M'),
    g("Ananya", 'F'),
    g("Venkata", 'M'),
    g("Deepa", 'F'),
    g("Arjun", 'M'),
    g("Lakshmi", 'F'),
    g("Sanjay", 'M'),
    g("Neha", 'F'),
    g("Raj", 'M'),
];

const GIVEN_NIGERIAN: &[Given] = &[
    g("Chukwuemeka", 'M'),
    g("Adaeze", 'F'),
    g("Oluwaseun", 'M'),
    g("Ngozi", 'F'),
    g("Emeka", 'M'),
    g("Folasade", 'F'),
    g("Babatunde", 'M'),
    g("Chiamaka", 'F'),
    g("Obinna", 'M'),
    g("Yetunde", 'F'),
];

const GIVEN_ARABIC: &[Given] = &[
    g("Omar", 'M'),
    g("Fatima", 'F'),
    g("Ahmed", 'M'),
    g("Layla", 'F'),
    g("Khalid", 'M'),
    g("Noor", 'F'),
    g("Youssef", 'M'),
    g("Mariam", 'F'),
    g("Hassan", 'M'),
    g("Amira", 'F'),
];

const GIVEN_GERMANIC: &[Given] = &[
    g("Jan", 'M'),
    g("Anke", 'F'),
    g("Dirk", 'M'),
    g("Sanne", 'F'),
    g("Jürgen", 'M'),
    g("Greta", 'F'),
    g("Pieter", 'M'),
    g("Hanna", 'F'),
    g("Björn", 'M'),
    g("Liesel", 'F'),
];

const GIVEN_RUSSIAN: &[Given] = &[
    gn("Irina", 'F', "Ирина"),
    gn("Dmitri", 'M', "Дмитрий"),
    gn("Olga", 'F', "Ольга"),
    gn("Sergei", 'M', "Сергей"),
    gn("Natalia", 'F', "Наталья"),
    gn("Alexei", 'M', "Алексей"),
];

const GIVEN_JAPANESE: &[Given] = &[
    gn("Yuki", 'F', "ユキ"),
    gn("Kenji", 'M', "ケンジ"),
    gn("Haruka", 'F', "ハルカ"),
    gn("Takeshi", 'M', "タケシ"),
    gn("Aiko", 'F', "アイコ"),
    gn("Hiroshi", 'M', "ヒロシ"),
];

const SURNAME_ANGLO: &[Surname] = &[
    s("Whitlock"),
    s("Tasca"),
    s("Benning"),
    s("Pruitt"),
    s("Kessler"),
    s("Harrington"),
    s("Fowler"),
    s("Washington"),
    s("Brooks"),
    s("Lindqvist"),
    s("Ng"),
    s("Coe"),
    s("Pierce"),
    s("Stanton"),
    s("Abernathy"),
    s("Holloway"),
    s("Jefferson"),
    s("Marsh"),
    s("Tuttle"),
    s("Bishop"),
    s("Greene"),
    s("Caldwell"),
    s("Sutherland"),
    s("Wu-Parker"),
    s("Bell-Ramsey"),
    s("Fox"),
    s("Lee"),
];

const SURNAME_HISPANIC: &[Surname] = &[
    s("García López"),
    s("Rivera"),
    s("Ortega"),
    s("Gómez"),
    s("de la Cruz"),
    s("Castellanos"),
    s("Rodríguez Santiago"),
    s("Peña"),
    s("del Valle"),
    s("Martínez"),
    s("Ibáñez Ruiz"),
    s("Colón"),
    s("de León"),
    s("Quiñones"),
    s("Hernández Díaz"),
    s("Vázquez"),
    s("Cruz"),
    s("Muñoz Torres"),
];

const SURNAME_IRISH: &[Surname] = &[
    s("O'Brien"),
    s("McCarthy"),
    s("O'Neill"),
    s("MacDonald"),
    s("Ó Súilleabháin"),
    s("McGillicuddy"),
    s("Fitzgerald"),
    s("O'Connor"),
    s("Mc Namara"),
    s("Doyle"),
];

const SURNAME_ITALIAN: &[Surname] = &[
    s("Marchetti"),
    s("DiMaggio"),
    s("Esposito"),
    s("D'Angelo"),
    s("Russo"),
    s("Lo Bianco"),
    s("Di Stefano"),
    s("Ferraro"),
    s("Santangelo"),
    s("De Luca"),
];

const SURNAME_POLISH: &[Surname] = &[
    s("Kowalczyk"),
    s("Wiśniewski"),
    s("Szabo"),
    s("Zieliński"),
    s("Brzęczyszczykiewicz"),
    s("Wójcik"),
    s("Nowak"),
    s("Kamiński"),
    s("Lewandowska"),
    s("Dąbrowski"),
];

const SURNAME_INDIAN: &[Surname] = &[
    s("Raman"),
    s("Subramanian"),
    s("Patel"),
    s("Sharma"),
    s("Reddy"),
    s("Iyer"),
    s("Chatterjee"),
    s("Venkataraman"),
    s("Singh"),
    s("Raman-Okafor"),
];

const SURNAME_NIGERIAN: &[Surname] = &[
    s("Okafor"),
    s("Adeyemi"),
    s("Nwosu"),
    s("Okonkwo"),
    s("Balogun"),
    s("Eze"),
    s("Oyelaran-Smith"),
    s("Abubakar"),
    s("Chukwu"),
];

const SURNAME_ARABIC: &[Surname] = &[
    s("al-Rashid"),
    s("Haddad"),
    s("al-Farsi"),
    s("Mansour"),
    s("El-Amin"),
    s("Khoury"),
    s("Nasser"),
    s("Abdel-Rahman"),
    s("Al Saadi"),
];

const SURNAME_GERMANIC: &[Surname] = &[
    s("van der Berg"),
    s("von Essen"),
    s("de Vries"),
    s("Müller"),
    s("Schröder"),
    s("Van Dyke"),
    s("ten Brink"),
    s("Vogel"),
    s("van Houten"),
];

const SURNAME_RUSSIAN: &[Surname] = &[
    sn("Volkov", "Волков"),
    sn("Ivanov", "Иванов"),
    sn("Smirnov", "Смирнов"),
    sn("Petrov", "Петров"),
    sn("Sokolov", "Соколов"),
    sn("Kuznetsov", "Кузнецов"),
];

const SURNAME_JAPANESE: &[Surname] = &[
    sn("Tanaka", "タナカ"),
    sn("Suzuki", "スズキ"),
    sn("Sato", "サトウ"),
    sn("Watanabe", "ワタナベ"),
    sn("Yamamoto", "ヤマモト"),
    sn("Nakamura", "ナカムラ"),
];

fn givens(origin: Origin) -> &'static [Given] {
    match origin {
        Origin::Anglo => GIVEN_ANGLO,
        Origin::Hispanic => GIVEN_HISPANIC,
        Origin::Irish => GIVEN_IRISH,
        Origin::Italian => GIVEN_ITALIAN,
        Origin::Polish => GIVEN_POLISH,
        Origin::Vietnamese => GIVEN_VIETNAMESE,
        Origin::Chinese => GIVEN_CHINESE,
        Origin::Indian => GIVEN_INDIAN,
        Origin::Nigerian => GIVEN_NIGERIAN,
        Origin::Arabic => GIVEN_ARABIC,
        Origin::Germanic => GIVEN_GERMANIC,
        Origin::Russian => GIVEN_RUSSIAN,
        Origin::Japanese => GIVEN_JAPANESE,
    }
}

struct Surname {
    name: &'static str,
    native: Option<&'static str>,
}

const fn s(name: &'static str) -> Surname {
    Surname { name, native: None }
}

const fn sn(name: &'static str, native: &'static str) -> Surname {
    Surname { name, native: Some(native) }
}

fn surnames(origin: Origin) -> &'static [Surname] {
    match origin {
        Origin::Anglo => SURNAME_ANGLO,
        Origin::Hispanic => SURNAME_HISPANIC,
        Origin::Irish => SURNAME_IRISH,
        Origin::Italian => SURNAME_ITALIAN,
        Origin::Polish => SURNAME_POLISH,
        Origin::Vietnamese => {
            const L: &[Surname] =
                &[s("Nguyễn"), s("Trần"), s("Lê"), s("Phạm"), s("Hoàng"), s("Vũ"), s("Đặng"), s("Bùi")];
            L
        }
        Origin::Chinese => {
            const L: &[Surname] =
                &[s("Zhang"), s("Wang"), s("Chen"), s("Liu"), s("Huang"), s("Zhao"), s("Lin"), s("Xu"), s("Ho")];
            L
        }
        Origin::Indian => SURNAME_INDIAN,
        Origin::Nigerian => SURNAME_NIGERIAN,
        Origin::Arabic => SURNAME_ARABIC,
        Origin::Germanic => SURNAME_GERMANIC,
        Origin::Russian => SURNAME_RUSSIAN,
        Origin::Japanese => SURNAME_JAPANESE,
    }
}

fn middles(origin: Origin, sex: char) -> &'static [&'static str] {
    match (origin, sex) {
        (Origin::Vietnamese, 'F') => &["Thị", "Ngọc", "Thu"],
        (Origin::Vietnamese, _) => &["Văn", "Minh", "Quốc"],
        (Origin::Hispanic, 'F') => &["Isabel", "Elena", "Luz", "del Carmen"],
        (Origin::Hispanic, _) => &["Antonio", "Manuel", "Alberto"],
        (Origin::Arabic, 'F') => &["Bint Ali", "Noor", "Huda"],
        (Origin::Arabic, _) => &["bin Khalid", "Mohammed", "Ibrahim"],
        (Origin::Nigerian, _) => &["Chinonso", "Oluwadamilare", "Ifeoma", "Tobi"],
        (Origin::Indian, _) => &["Kumar", "Devi", "Lakshmi", "Prasad"],
        (Origin::Chinese, _) => &["Xiaoming", "Ling", "Jia"],
        (_, 'F') => &["Ruth", "Louise", "Jean", "Marie", "Anne", "Catherine", "Jo", "Lynn", "Elaine"],
        _ => &["Allen", "Paul", "James", "Stanley", "Edward", "Lee", "Michael", "Joseph", "Ray"],
    }
}

/// Married surnames a person may take (the court file keeps the former one).
const MARRIED: &[&str] = &["Lindqvist", "Hayes", "Delgado", "Kowalski", "Osei", "Brennan", "Ferreira", "Lam"];

/// Nicknames people sign with.
const NICKNAMES: &[(&str, &str)] = &[
    ("Gregory", "Greg"),
    ("Robert", "Bob"),
    ("Elizabeth", "Liz"),
    ("William", "Bill"),
    ("Christopher", "Chris"),
    ("Thomas", "Tom"),
    ("Margaret", "Peggy"),
    ("Nathaniel", "Nate"),
    ("Anthony", "Tony"),
    ("Salvatore", "Sal"),
    ("Patrick", "Pat"),
    ("Jennifer", "Jen"),
    ("Katarzyna", "Kasia"),
    ("Chukwuemeka", "Emeka"),
    ("Oluwaseun", "Seun"),
    ("Francesca", "Frankie"),
];

/// A random origin by population weight.
pub fn origin(rng: &mut Rng) -> Origin {
    let total: u64 = ORIGINS.iter().map(|(_, w)| w).sum();
    let mut roll = rng.range(0, total);
    for (o, w) in ORIGINS {
        if roll < *w {
            return *o;
        }
        roll -= w;
    }
    Origin::Anglo
}

/// A new person of `origin`.
pub fn person(rng: &mut Rng, origin: Origin) -> Person {
    let given = rng.pick(givens(origin));
    let surname = rng.pick(surnames(origin));
    let middle_rate = match origin {
        Origin::Vietnamese => 0.8,
        Origin::Anglo | Origin::Irish | Origin::Italian | Origin::Nigerian => 0.6,
        Origin::Chinese | Origin::Japanese | Origin::Russian => 0.1,
        _ => 0.4,
    };
    let middle = rng.chance(middle_rate).then(|| rng.pick(middles(origin, given.sex)).to_string());
    let suffix_ok = matches!(origin, Origin::Anglo | Origin::Irish | Origin::Italian | Origin::Hispanic);
    let suffix = (given.sex == 'M' && suffix_ok && rng.chance(0.08))
        .then(|| rng.pick(&["Jr.", "Sr.", "II", "III", "IV"]).to_string());
    let native = match (given.native, surname.native) {
        (Some(gv), Some(sv)) if origin == Origin::Japanese => Some(format!("{sv} {gv}")),
        (Some(gv), Some(sv)) => Some(format!("{gv} {}", russian_surname(sv, given.sex))),
        _ => None,
    };
    let surname_text = match origin {
        Origin::Russian if given.sex == 'F' => format!("{}a", surname.name),
        _ => surname.name.to_string(),
    };
    Person {
        given: given.name.to_string(),
        middle,
        surname: surname_text,
        suffix,
        former_surname: None,
        native,
        origin,
        sex: given.sex,
    }
}

fn russian_surname(native: &str, sex: char) -> String {
    if sex == 'F' {
        format!("{native}а")
    } else {
        native.to_string()
    }
}

/// A relative: the same surname, another given name.
pub fn relative(rng: &mut Rng, of: &Person) -> Person {
    let mut p = person(rng, of.origin);
    for _ in 0..20 {
        if p.given != of.given {
            break;
        }
        p = person(rng, of.origin);
    }
    p.surname = of.former_surname.clone().unwrap_or_else(|| of.surname.clone());
    p.native = None;
    p
}

/// Marks `p` as having married into a new surname; the court file keeps the old one.
pub fn marry(rng: &mut Rng, p: &mut Person) {
    let new = rng.pick(MARRIED).to_string();
    if new != p.surname {
        p.former_surname = Some(std::mem::replace(&mut p.surname, new));
    }
}

/// A name folded to ASCII (as US IDs and keyboards print it).
pub fn ascii(text: &str) -> String {
    deunicode::deunicode(text)
}

/// Capitalises the first letter of each word ("CAPITOL AUTO" -> "Capitol Auto").
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for ch in text.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        start = ch.is_whitespace() || ch == '-' || ch == '(' || ch == '/';
    }
    out
}

impl Person {
    /// The surname used on court papers filed before any change of name.
    pub fn court_surname(&self) -> &str {
        self.former_surname.as_deref().unwrap_or(&self.surname)
    }

    pub fn middle_initial(&self) -> Option<String> {
        self.middle.as_ref().and_then(|m| m.chars().next()).map(|c| format!("{c}."))
    }

    /// The full legal name (current surname): "Dana Ruth Whitlock Jr.".
    pub fn legal(&self) -> String {
        join(&[Some(self.given.as_str()), self.middle.as_deref(), Some(self.surname.as_str()), self.suffix.as_deref()])
    }

    /// Court style party name: "WHITLOCK, DANA R." (former surname if changed).
    pub fn court_party(&self, with_initial: bool) -> String {
        let mut first = self.given.to_uppercase();
        if with_initial {
            if let Some(i) = self.middle_initial() {
                first = format!("{first} {}", i.to_uppercase());
            }
        }
        let sur = self.court_surname().to_uppercase();
        match &self.suffix {
            Some(sfx) => format!("{sur}, {first}, {}", sfx.to_uppercase()),
            None => format!("{sur}, {first}"),
        }
    }

    /// The caption form: "WHITLOCK, DANA".
    pub fn caption(&self) -> String {
        format!("{}, {}", self.court_surname().to_uppercase(), self.given.to_uppercase())
    }

    pub fn nickname(&self) -> Option<&'static str> {
        NICKNAMES.iter().find(|(full, _)| *full == self.given).map(|(_, n)| *n)
    }

    /// How the person typed their name when enrolling in E-Services.
    pub fn enrolled(&self, rng: &mut Rng) -> String {
        let base = match rng.range(0, 10) {
            0..=3 => join(&[Some(self.given.as_str()), Some(self.surname.as_str())]),
            4..=5 => match self.middle_initial() {
                Some(i) => join(&[Some(self.given.as_str()), Some(i.as_str()), Some(self.surname.as_str())]),
                None => join(&[Some(self.given.as_str()), Some(self.surname.as_str())]),
            },
            6 => self.legal(),
            7 => join(&[Some(self.given.as_str()), Some(self.surname.as_str())]).to_lowercase(),
            8 => join(&[Some(self.given.as_str()), Some(self.surname.as_str()), self.suffix.as_deref()]),
            _ => ascii(&join(&[Some(self.given.as_str()), Some(self.surname.as_str())])),
        };
        if rng.chance(0.03) {
            base.to_uppercase()
        } else {
            base
        }
    }
}

/// Joins the present parts with single spaces.
pub fn join(parts: &[Option<&str>]) -> String {
    parts.iter().flatten().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

/// Letters of `text` fit for a user ID or an e-mail local part: ASCII, no spaces or
/// apostrophes, lower case.
pub fn handle(text: &str) -> String {
    ascii(text).to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// A new person of a random origin.
pub fn anyone(rng: &mut Rng) -> Person {
    let o = origin(rng);
    person(rng, o)
}
