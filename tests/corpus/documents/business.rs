//! Proofs that a person acts for a business: a Secretary of the State record, articles
//! of organization, a letter on letterhead, a business card, a utility bill.

use super::canvas::{fit, Align, Canvas, Color, Pen, Rect, BLACK, WHITE};
use super::deliver::File;
use super::facts::{date, digits, DateFmt, Shape, Sheet};
use super::fonts::Face;
use super::papers::{display, past_day, split, PAGE};
use super::typeset::{Doc, Family};
use super::{encode, names, Rng};

/// The role a person holds in `business`, by its legal form.
pub fn role(business: &str, rng: &mut Rng) -> &'static str {
    let b = business.to_uppercase();
    if b.contains("LLC") || b.contains("L.L.C") {
        rng.pick::<&str>(&["Member", "Managing Member", "Manager", "Member"])
    } else if b.contains("INC") || b.contains("CORP") {
        rng.pick::<&str>(&["President", "President", "Owner"])
    } else {
        rng.pick::<&str>(&["Owner", "Owner", "President", "Manager"])
    }
}

fn street(rng: &mut Rng) -> String {
    format!(
        "{} {}",
        rng.range(10, 990),
        rng.pick(&["Main St", "Chapel St", "Farmington Ave", "Boston Post Rd", "State St", "Whitney Ave"])
    )
}

fn city(rng: &mut Rng) -> &'static str {
    rng.pick::<&str>(&[
        "Hartford, CT 06103",
        "New Haven, CT 06510",
        "Stamford, CT 06901",
        "Norwalk, CT 06850",
        "Waterbury, CT 06702",
    ])
}

/// The business record as the Secretary of the State's site shows it, `w` mm wide.
pub fn sots_record(business: &str, person: &str, role: &str, size: (f32, f32), fam: Family, rng: &mut Rng) -> Doc {
    let w = size.0;
    let mut d = Doc::new(w, size.1, fam, 12.0);
    let teal = [0, 105, 110];
    d.gap(3.0);
    d.line(
        fit(Pen::new(fam.sans_bold, 5.0, teal), "business.ct.gov · Business Records", w - 24.0),
        "business.ct.gov · Business Records",
        1.4,
    );
    d.rule(0.8, teal);
    let title = business.to_uppercase();
    d.line(fit(Pen::new(fam.sans_bold, 6.0, BLACK), &title, w - 24.0), &title, 1.5);
    d.line(
        Pen::new(fam.sans, 3.4, [80, 80, 80]),
        "Business Details    Principals    Filing History    Name History",
        1.5,
    );
    d.rule(0.3, [180, 180, 180]);
    let s = 3.6;
    d.field(s, "Business ALEI:", &format!("US-CT.BER:{}", digits(rng, 7)));
    d.field(s, "Status:", "Active");
    d.field(s, "Date Formed:", &date(past(rng), DateFmt::Slash));
    let kind = if business.to_uppercase().contains("LLC") { "Limited Liability Company" } else { "Stock Corporation" };
    d.field(s, "Business Type:", kind);
    let addr = format!("{}, {}", street(rng), city(rng));
    if w < 150.0 {
        d.field(s, "Principal Office Address:", "");
        d.line(Pen::new(fam.sans_bold, s, BLACK), &addr, 1.3);
    } else {
        d.field(s, "Principal Office Address:", &addr);
    }
    d.gap(4.0);
    d.line(Pen::new(fam.sans_bold, 4.2, BLACK), "Principals", 1.4);
    let principals = [
        (person.to_uppercase(), role.to_string(), addr),
        ("NUTMEG AGENT SERVICES LLC".into(), "Registered Agent".into(), "200 Pearl St, Hartford, CT 06103".into()),
    ];
    principal_table(&mut d, &principals);
    d
}

/// The principals as a table, or (on a narrow page) one field a line.
fn principal_table(d: &mut Doc, principals: &[(String, String, String)]) {
    let (w, fam) = (d.w, d.fam);
    if w < 150.0 {
        for (name, title, address) in principals {
            d.field(3.6, "Name:", name);
            d.field(3.6, "Title:", title);
            d.field(3.6, "Address:", address);
            d.gap(3.0);
        }
        return;
    }
    let head = Pen::new(fam.sans_bold, 3.4, [60, 60, 60]);
    let (c1, c2) = (d.margin + w * 0.32, d.margin + w * 0.5);
    d.gap(4.0);
    d.text(head, d.margin, d.y, "Name");
    d.text(head, c1, d.y, "Title");
    d.text(head, c2, d.y, "Business Address");
    let cell = Pen::new(fam.sans, 3.4, BLACK);
    for (name, title, address) in principals {
        d.gap(5.5);
        d.text(cell, d.margin, d.y, name);
        d.text(cell, c1, d.y, title);
        d.text(cell, c2, d.y, address);
    }
}

/// The record as a screenshot: a desktop browser window, or (`phone`) the mobile page.
pub fn sots_screenshot(business: &str, person: &str, role: &str, phone: bool, fam: Family, rng: &mut Rng) -> File {
    let (size, s) = if phone { ((100.0, 216.0), 11.7) } else { ((340.0, 230.0), 4.0) };
    let doc = sots_record(business, person, role, size, fam, rng);
    let mut page = Canvas::new(doc.w, doc.h, s, WHITE);
    doc.render(&mut page);
    let img =
        if phone { page.img } else { browser(&page, "https://service.ct.gov/business/s/onlinebusinesssearch").img };
    let name = names::screenshot("business record", rng);
    File { name, content_type: "image/png", bytes: encode::png(&img) }
}

fn past(rng: &mut Rng) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2008 + rng.range(0, 17) as i32, rng.range(1, 13) as u32, rng.range(1, 29) as u32)
        .unwrap_or_default()
}

/// The filed articles of organization of an LLC naming the person as member/manager.
pub fn articles(business: &str, person: &str, role: &str, fam: Family, rng: &mut Rng) -> Doc {
    let mut d = Doc::new(PAGE.0, PAGE.1, fam, 20.0);
    d.gap(4.0);
    d.line(
        Pen::new(fam.sans, 3.0, [60, 60, 60]),
        "Office of the Secretary of the State · 165 Capitol Avenue · Hartford, CT 06106",
        1.3,
    );
    d.line(Pen::new(fam.sans_bold, 5.4, BLACK).align(Align::Center), "ARTICLES OF ORGANIZATION", 1.3);
    d.line(Pen::new(fam.sans, 3.6, BLACK).align(Align::Center), "Limited Liability Company", 1.5);
    d.rule(0.5, BLACK);
    let s = 3.5;
    d.line(Pen::new(fam.sans_bold, s, BLACK), "1. NAME OF LIMITED LIABILITY COMPANY:", 1.3);
    d.line(Pen::new(fam.serif, 4.0, BLACK), &business.to_uppercase(), 1.6);
    d.line(Pen::new(fam.sans_bold, s, BLACK), "2. PRINCIPAL OFFICE ADDRESS:", 1.3);
    d.line(Pen::new(fam.serif, 3.6, BLACK), &format!("{}, {}", street(rng), city(rng)), 1.6);
    d.line(Pen::new(fam.sans_bold, s, BLACK), "3. REGISTERED AGENT:", 1.3);
    d.line(Pen::new(fam.serif, 3.6, BLACK), "NUTMEG AGENT SERVICES LLC, 200 Pearl St, Hartford, CT 06103", 1.6);
    d.line(Pen::new(fam.sans_bold, s, BLACK), "4. MANAGER OR MEMBER INFORMATION (at least one):", 1.3);
    d.field(3.6, "Name:", &person.to_uppercase());
    d.field(3.6, "Title:", role);
    d.field(3.6, "Residence address:", &format!("{}, {}", street(rng), city(rng)));
    d.gap(4.0);
    d.line(Pen::new(fam.sans_bold, s, BLACK), "5. EXECUTION:", 1.3);
    d.para(
        Pen::new(fam.serif, 3.4, BLACK),
        &format!(
            "Dated this {} day of {}. The undersigned affirms the foregoing as true under penalty of false statement.",
            rng.range(2, 28),
            rng.pick(&["March", "June", "September", "January"])
        ),
    );
    d.field(3.6, "Name of organizer:", &person.to_uppercase());
    d.field(3.6, "Capacity:", role);
    d.signature_space(12.0, false);
    d.line(
        Pen::new(fam.sans, 3.0, [60, 60, 60]),
        &format!("FILED · Secretary of the State · Filing No. {}", digits(rng, 10)),
        1.3,
    );
    d
}

/// A letter on the business's letterhead confirming the person's role.
pub fn letter(business: &str, person: &str, role: &str, fam: Family, rng: &mut Rng) -> Doc {
    let mut d = Doc::new(PAGE.0, PAGE.1, fam, 25.0);
    let color = *rng.pick(&[[20, 70, 120], [120, 40, 40], [30, 90, 60], [60, 60, 60]]);
    d.gap(4.0);
    d.line(Pen::new(fam.serif_bold, 7.0, color).align(Align::Center), business, 1.3);
    let addr = format!(
        "{} · {} · ({}) {}-{}",
        street(rng),
        city(rng),
        rng.pick(&[203, 860, 475]),
        digits(rng, 3),
        digits(rng, 4)
    );
    d.line(Pen::new(fam.sans, 3.0, [80, 80, 80]).align(Align::Center), &addr, 1.3);
    d.rule(0.6, color);
    d.gap(6.0);
    let body = Pen::new(fam.serif, 3.8, BLACK);
    d.line(body, &date(past_day(rng), DateFmt::Long), 1.5);
    d.gap(4.0);
    d.line(body, "To Whom It May Concern:", 1.6);
    d.para(body, &format!("This letter confirms that {} is the {} of {} and is authorized to act on behalf of the company, including in matters before the Connecticut Superior Court.", display(person), role, business));
    d.para(body, "Please contact our office at the number above if you need anything further.");
    d.gap(4.0);
    d.line(body, "Sincerely,", 1.3);
    d.signature_space(16.0, false);
    d.line(body, &display(person), 1.3);
    d.line(body, &format!("{role}, {business}"), 1.3);
    d
}

/// A utility bill addressed to the business, to the person's attention.
pub fn utility_bill(business: &str, person: &str, role: &str, fam: Family, rng: &mut Rng) -> Doc {
    let mut d = Doc::new(PAGE.0, PAGE.1, fam, 18.0);
    let utility = *rng.pick(&["Nutmeg Power & Light", "Quinnipiac Water Company", "Housatonic Gas Service"]);
    let blue = [0, 80, 150];
    d.gap(4.0);
    d.line(Pen::new(fam.sans_bold, 6.5, blue), utility, 1.3);
    d.line(
        Pen::new(fam.sans, 3.0, [90, 90, 90]),
        "Customer Service 1-800-555-0199 · Pay online at the customer portal",
        1.5,
    );
    d.rule(1.0, blue);
    let s = 3.5;
    d.field(s, "Account Number:", &format!("{}-{}-{}", digits(rng, 3), digits(rng, 3), digits(rng, 4)));
    d.field(s, "Statement Date:", &date(past_day(rng), DateFmt::Slash));
    d.field(s, "Amount Due:", &format!("${}.{}", rng.range(80, 2400), digits(rng, 2)));
    d.gap(6.0);
    d.line(Pen::new(fam.sans_bold, 3.6, BLACK), "BILL TO:", 1.3);
    d.line(Pen::new(fam.sans, 3.6, BLACK), &business.to_uppercase(), 1.3);
    d.line(Pen::new(fam.sans, 3.6, BLACK), &format!("ATTN: {}, {}", person.to_uppercase(), role.to_uppercase()), 1.3);
    let addr = street(rng).to_uppercase();
    d.line(Pen::new(fam.sans, 3.6, BLACK), &addr, 1.3);
    d.line(Pen::new(fam.sans, 3.6, BLACK), &city(rng).to_uppercase(), 1.6);
    d.field(s, "Service Address:", &addr);
    d.field(s, "Rate:", "Small Commercial (Rate 30)");
    d.gap(4.0);
    d.rule(0.3, [150, 150, 150]);
    for (item, amount) in [
        ("Previous balance", "0.00"),
        ("Supply charges", "412.77"),
        ("Delivery charges", "198.40"),
        ("Taxes and fees", "31.05"),
    ] {
        d.field(3.4, item, amount);
    }
    d.rule(0.3, [150, 150, 150]);
    d.para(
        Pen::new(fam.sans, 2.8, [90, 90, 90]),
        "Please return the bottom portion with your payment. Late payments may be charged interest at 1.25% per month.",
    );
    d
}

/// A business card (drawn as a card, captured like an ID).
pub fn business_card(business: &str, person: &str, role: &str, rng: &mut Rng) -> Canvas {
    let mut cv = Canvas::new(88.9, 50.8, 16.0, [250, 250, 247]);
    let color: Color = *rng.pick(&[[20, 70, 120], [150, 40, 40], [30, 100, 70], [40, 40, 40]]);
    cv.fill(Rect::new(0.0, 0.0, 6.0, 50.8), color, 1.0);
    let (sans, bold) = *rng.pick(&[
        (Face::Arial, Face::ArialBold),
        (Face::Gothic, Face::GothicDemi),
        (Face::Carlito, Face::CarlitoBold),
    ]);
    let pen = fit(Pen::new(bold, 4.0, color), business, 76.0);
    cv.text(&pen, 11.0, 12.0, business);
    cv.text(&fit(Pen::new(bold, 4.2, BLACK), &display(person), 76.0), 11.0, 26.0, &display(person));
    cv.text(&Pen::new(sans, 3.0, [80, 80, 80]), 11.0, 31.0, role);
    let small = Pen::new(sans, 2.5, [60, 60, 60]);
    cv.text(&small, 11.0, 39.0, &format!("{} · {}", street(rng), city(rng)));
    let user = split(person).surname.to_lowercase();
    cv.text(&small, 11.0, 43.5, &format!("({}) {}-{} · {}@example.com", 203, digits(rng, 3), digits(rng, 4), user));
    cv
}

/// The card as a sheet to scan or photograph.
pub fn card_sheet(card: Canvas) -> Sheet {
    Sheet {
        s: card.s,
        front: card.img,
        back: None,
        corner_mm: 0.6,
        shape: Shape::Card,
        name_boxes: Vec::new(),
        keep_boxes: Vec::new(),
        name_em: 3.0,
        name_on_id: String::new(),
        expires: None,
    }
}

/// A browser window around a page image (for screenshots of web pages).
pub fn browser(page: &Canvas, url: &str) -> Canvas {
    let s = page.s;
    let bar = 12.0;
    let mut cv = Canvas::new(page.w_mm(), page.h_mm() + bar, s, [222, 224, 228]);
    cv.fill(Rect::new(30.0, 2.5, page.w_mm() * 0.55, 7.0), WHITE, 1.0);
    cv.text(&Pen::new(Face::Arial, 3.4, [60, 60, 60]), 33.0, 7.3, url);
    for i in 0..3 {
        cv.ellipse((6.0 + i as f32 * 6.0, 6.0), (1.8, 1.8), [[236, 95, 90], [245, 190, 80], [100, 195, 90]][i], 1.0);
    }
    cv.paste(&page.img, 0.0, bar, 1.0);
    cv
}
