use super::*;

fn own(text: &str) -> Vec<OwnText> {
    vec![OwnText { source: Source::Prose, text: text.to_string() }]
}

fn uid(s: &str) -> UserId {
    UserId::parse(s).unwrap()
}

fn user_ids_in(text: &str, ids: &[&str]) -> Vec<String> {
    let ids: Vec<UserId> = ids.iter().map(|s| uid(s)).collect();
    find_user_ids(&own(text), &ids, &[]).into_iter().map(|f| f.as_written).collect()
}

#[test]
fn user_ids_found_in_any_phrasing() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("My username on E-Services is jdoe", &["jdoe"], &["jdoe"]),
        ("This is Jane Doe (E-Services: jdoe)", &["jdoe"], &["jdoe"]),
        ("login -> JDoe84.", &["jdoe84"], &["JDoe84"]),
        ("Thanks,\nJane Doe\njdoe", &["jdoe"], &["jdoe"]),
        ("my user id is dana.whitlock, thank you", &["dana.whitlock"], &["dana.whitlock"]),
        ("I registered as gtasca yesterday", &["gtasca"], &["gtasca"]),
        // A user ID that is an ordinary name counts only with a cue or standing alone.
        ("User ID: tasca", &["tasca"], &["tasca"]),
        ("Gregory Tasca", &["tasca"], &[]),
        // An e-mail address is not its local part.
        ("you can reach me at dana.whitlock@gmail.example", &["dana.whitlock"], &[]),
        (
            "dana.whitlock@gmail.example is my user id",
            &["dana.whitlock@gmail.example"],
            &["dana.whitlock@gmail.example"],
        ),
        ("*eServices ID*:e_deleon", &["e_deleon"], &["e_deleon"]),
        ("This is Duc Tran (E-Services: tran.duc).", &["tran.duc"], &["tran.duc"]),
        (
            "I set up my online account as \"oconnorcleaningservicesct\".",
            &["oconnorcleaningservicesct"],
            &["oconnorcleaningservicesct"],
        ),
        // Part of a longer token is not the ID.
        ("my id is jdoe845", &["jdoe84"], &[]),
    ];
    for (text, ids, want) in cases {
        assert_eq!(user_ids_in(text, ids), want.to_vec(), "{text:?}");
    }
}

#[test]
fn user_ids_run_together_with_a_file_name_s_other_fields() {
    let file_name = |stem: &str| vec![OwnText { source: Source::FileName, text: stem.to_string() }];
    let cases: &[(&str, &str, bool)] = &[
        ("E-access c_mcgillicuddy_photo id", "c_mcgillicuddy", true),
        ("license-jdoe84-front", "jdoe84", true),
        // Inside a longer field, or a word that is no login, it is not.
        ("E-access xc_mcgillicuddy_photo", "c_mcgillicuddy", false),
        ("jane_doe_license", "doe", false),
    ];
    for (stem, id, want) in cases {
        let found = find_user_ids(&file_name(stem), &[uid(id)], &[]);
        assert_eq!(!found.is_empty(), *want, "{stem:?}");
    }
    // In the party's prose the ID must stand as a word of its own.
    assert!(user_ids_in("see c_mcgillicuddy_photo", &["c_mcgillicuddy"]).is_empty());
}

#[test]
fn a_user_id_that_is_part_of_the_party_s_name_needs_a_cue() {
    let ids = [uid("Marcus")];
    let found = find_user_ids(&own("Thanks, Marcus"), &ids, &["marcus".to_string()]);
    assert!(found.is_empty(), "{found:?}");
}

fn docket(s: &str) -> DocketNumber {
    DocketNumber::parse(s).unwrap()
}

#[test]
fn docket_numbers_written_without_location() {
    let dockets = [docket("HHD-CV24-6187342-S"), docket("NNH-CV24-6141187-S")];
    let cases: &[(&str, Option<&str>)] = &[
        ("case CV24-6187342", Some("HHD-CV24-6187342-S")),
        ("docket no. 6187342", Some("HHD-CV24-6187342-S")),
        ("Docket #: 6141187", Some("NNH-CV24-6141187-S")),
        ("it is 24 6141187 I think", Some("NNH-CV24-6141187-S")),
        // A bare number without year or cue is not a docket.
        ("call me at 6187342 please", None),
        // Another case's number is not a candidate's.
        ("docket 6187343", None),
    ];
    for (text, want) in cases {
        let got = find_dockets(&own(text), &dockets).first().map(|f| f.value.to_string());
        assert_eq!(got.as_deref(), *want, "{text:?}");
    }
}

fn caption(s: &str) -> CaseName {
    CaseName::parse(s).unwrap()
}

#[test]
fn captions_found_however_worded() {
    let cases = [(docket("HHD-CV24-6187342-S"), caption("WHITLOCK, DANA v. CAPITOL AUTO SALES, LLC"))];
    let table: &[(&str, Option<&str>)] = &[
        ("the case is whitlock vs capitol auto sales and i need access", Some("whitlock vs capitol auto sales")),
        (
            "I'm the plaintiff in Whitlock v. Capitol Auto Sales, LLC. Please help",
            Some("Whitlock v. Capitol Auto Sales, LLC"),
        ),
        ("Case: Capitol Auto Sales L.L.C. v Whitlock", Some("Capitol Auto Sales L.L.C. v Whitlock")),
        ("re: Dana Whitlock versus Capitol Auto", Some("Dana Whitlock versus Capitol Auto")),
        ("(Whitlock v. Capitol Auto Sales, et al.)", Some("Whitlock v. Capitol Auto Sales, et al.")),
        ("It's regarding Whitlock vs Capitol Auto Sales Co.. The court", Some("Whitlock vs Capitol Auto Sales Co.")),
        ("my suit against Capitol Auto Sales", None),
        // A name before the caption is not its first word.
        ("Access - Dana Whitlock, Whitlock v. Capitol Auto Sales, LLC", Some("Whitlock v. Capitol Auto Sales, LLC")),
        // Fields apart on a line: a login like the party's name is no part of the caption.
        (
            "DANA WHITLOCK | dwhitlock | WHITLOCK VS CAPITOL AUTO SALES, LLC | HHD-CV24-6187342-S",
            Some("WHITLOCK VS CAPITOL AUTO SALES, LLC"),
        ),
        ("ewhitlock WHITLOCK v. Capitol Auto Sales", Some("WHITLOCK v. Capitol Auto Sales")),
        // Another caption is not this case.
        ("Smith v. Jones", None),
        ("Whitlock v. Whitlock", None),
    ];
    for (text, want) in table {
        let got = find_case_names(&own(text), &cases).first().map(|f| f.as_written.clone());
        assert_eq!(got.as_deref(), *want, "{text:?}");
    }
}

/// A family case between two people of one surname: the party may write either side
/// with its given name and put their own side first. The given name belongs to the
/// caption when it is that side's; a name before a sentence's end does not.
#[test]
fn a_side_written_with_its_given_name_in_either_order() {
    let cases = [(docket("HHD-FA15-5069708-S"), caption("DOYLE, NIAMH v. DOYLE, MAEVE"))];
    let table: &[(&str, Option<&str>)] = &[
        ("Parties: Maeve Doyle v. Doyle", Some("Maeve Doyle v. Doyle")),
        ("Parties: Niamh Doyle v. Doyle", Some("Niamh Doyle v. Doyle")),
        ("Case: Doyle v. Maeve Doyle", Some("Doyle v. Maeve Doyle")),
        ("Niamh Doyle vs Maeve Doyle", Some("Niamh Doyle vs Maeve Doyle")),
        ("I am Maeve Doyle. Doyle v. Doyle is my case", Some("Doyle v. Doyle")),
        // A given name neither side has is the writer's, not the caption's.
        ("Siobhan Doyle v. Doyle", Some("Doyle v. Doyle")),
    ];
    for (text, want) in table {
        let got = find_case_names(&own(text), &cases).first().map(|f| f.as_written.clone());
        assert_eq!(got.as_deref(), *want, "{text:?}");
    }
}

/// Two of the party's cases share a surname and a town's word: the caption written is
/// the one whose words it uses in full, not the one a part of it fits.
#[test]
fn the_longer_caption_two_cases_explain_is_the_one_meant() {
    let cases = [
        (docket("CPH-CV21-6158663-S"), caption("HOLLOWAY, TYLER ET AL v. FAIR HAVEN APPLIANCE CENTER CO.")),
        (docket("MMX-CV23-6062464-S"), caption("HOLLOWAY, MARGARET v. CITY OF NEW HAVEN")),
    ];
    let table: &[(&str, &[&str])] = &[
        ("It's regarding City of New Haven VS Holloway. It's docket", &["MMX-CV23-6062464-S"]),
        ("It's regarding Fair Haven Appliance VS Holloway. It's docket", &["CPH-CV21-6158663-S"]),
        ("Holloway v. New Haven and Holloway v. Fair Haven", &["MMX-CV23-6062464-S", "CPH-CV21-6158663-S"]),
    ];
    for (text, want) in table {
        let got: Vec<String> = find_case_names(&own(text), &cases).iter().map(|f| f.value.0.to_string()).collect();
        assert_eq!(got, *want, "{text:?}");
    }
}

fn name(s: &str) -> PersonName {
    PersonName::parse(s).unwrap()
}

fn names_in(text: &str, expected: &[&str]) -> Vec<String> {
    let expected: Vec<PersonName> = expected.iter().map(|n| name(n)).collect();
    find_names(&own(text), &expected, &[]).into_iter().map(|f| f.as_written).collect()
}

#[test]
fn names_found_however_written() {
    let table: &[(&str, &[&str], &[&str])] = &[
        ("I, Jane Q. Doe, am writing to ask", &["Jane Doe"], &["Jane Q. Doe"]),
        ("This is Jane Doe (E-Services: jdoe)", &["DOE, JANE"], &["Jane Doe"]),
        ("Regards,\nDOE, JANE Q.\n", &["Jane Doe"], &["DOE, JANE Q."]),
        ("thanks\njane doe", &["Jane Doe"], &["jane doe"]),
        ("Dana Ruth Whitlock", &["Dana R. Whitlock"], &["Dana Ruth Whitlock"]),
        ("Priya Raman-Okafor here", &["RAMAN-OKAFOR, PRIYA"], &["Priya Raman-Okafor"]),
        ("Thomas Kessler Jr.", &["KESSLER, THOMAS"], &["Thomas Kessler Jr."]),
        ("Applicant:Dwayne Bishop", &["Dwayne Bishop"], &["Dwayne Bishop"]),
        ("dana jo brooks, plaintiff, pro se.", &["Dana J. Brooks"], &["dana jo brooks"]),
        ("Zoë O'Brien", &["O'BRIEN, ZOE C."], &["Zoë O'Brien"]),
        ("i am writing on my own behalf (thomas whitlock).", &["WHITLOCK, THOMAS"], &["thomas whitlock"]),
        (
            "on my own behalf (Chukwuemeka Oyelaran-Smith). My user ID",
            &["Chukwuemeka Oyelaran-Smith"],
            &["Chukwuemeka Oyelaran-Smith"],
        ),
        ("best regards,\nelizabeth e. fowler\ne-services user", &["Elizabeth E. Fowler"], &["elizabeth e. fowler"]),
        ("i am jen bishop. my e-services user id is jxb2004.", &["Jennifer Bishop"], &["jen bishop"]),
        ("Chris Okafor here", &["OKAFOR, CHRISTOPHER"], &["Chris Okafor"]),
        ("1) Bob Sutherland\n2) bsuth", &["Robert Sutherland"], &["Bob Sutherland"]),
        ("name of party = liz lee", &["LEE, ELIZABETH"], &["liz lee"]),
        ("Emeka Abubakar, plaintiff, pro se.", &["Chukwuemeka Abubakar"], &["Emeka Abubakar"]),
        // A nickname of another name, or a bare piece of the name, is not it.
        ("Bob Lee wrote to me", &["Elizabeth Lee"], &[]),
        ("Eka Abubakar", &["Chukwuemeka Abubakar"], &[]),
        // A shortened name alone, or a word that happens to start the name, is not one.
        ("Thanks, Jen", &["Jennifer Bishop"], &[]),
        ("the Bishop matter", &["Theresa Bishop"], &[]),
        // A user ID made of the name is not the name.
        ("E-Services username : brendan.mccarthy", &["Brendan E. McCarthy"], &[]),
        // One token is not a name statement.
        ("Thanks, Jane", &["Jane Doe"], &[]),
        // A different person sharing the surname is not the party.
        ("my ex-wife Jennifer Feld", &["FELD, MARCUS A."], &[]),
        // A middle name the directory lacks, with a token missing, is not enough.
        ("Jane Mary Smith", &["Jane Doe"], &[]),
    ];
    for (text, expected, want) in table {
        assert_eq!(names_in(text, expected), want.to_vec(), "{text:?}");
    }
}

#[test]
fn a_name_inside_a_caption_is_not_a_name_statement() {
    let text = "Case: SMITH, JOHN v. JONES, MARY";
    let expected = [name("John Smith")];
    let caption_span = (0, 6, text.len());
    assert!(find_names(&own(text), &expected, &[caption_span]).is_empty());
    assert_eq!(find_names(&own(text), &expected, &[]).len(), 1);
}

#[test]
fn captions_with_short_words_wraps_and_file_names() {
    let table: &[(&str, &str, Option<&str>)] = &[
        ("ABUBAKAR, CHUKWUEMEKA v. CAVALRY SPV I, LLC", "#3 Harrington vs Cavalry SPV I, LLC\n#4 docket", None),
        (
            "HARRINGTON, JO v. CAVALRY SPV I, LLC",
            "#3 Harrington vs Cavalry SPV I, LLC\n#4 docket",
            Some("Harrington vs Cavalry SPV I, LLC"),
        ),
        (
            "O SUILLEABHAIN, AOIFE v. DE LUCA, DOMINIC",
            "I am in Ó Súilleabháin v. Dominic De Luca.",
            Some("Ó Súilleabháin v. Dominic De Luca"),
        ),
        (
            "O'CONNOR CLEANING SERVICES LLC v. CAPITAL ONE, N.A.",
            "case = O'Connor Cleaning Services LLC V. Capital One, N.A.",
            Some("O'Connor Cleaning Services LLC V. Capital One, N.A."),
        ),
        // Prose wrapped at a fixed width; a blank line ends the paragraph.
        (
            "WU-PARKER, BRITTANY v. COLONIAL GARDENS APARTMENTS CO.",
            "This is in the matter of Wu-Parker v. Colonial\nGardens Apartments Co. and I need access.",
            Some("Wu-Parker v. Colonial Gardens Apartments Co."),
        ),
        (
            "WU-PARKER, BRITTANY v. COLONIAL GARDENS APARTMENTS CO.",
            "Wu-Parker v. Colonial\n\nGardens is a nice place",
            Some("Wu-Parker v. Colonial"),
        ),
        (
            "BENNING, ED v. BENNING, JO",
            "1) Ed Benning\n2) EBenning\n3) benning v. benning\n",
            Some("benning v. benning"),
        ),
        // Surname particles at the edge; an abbreviation's period inside a side.
        ("AL SAADI, LAYLA v. AL SAADI, AMIRA", "Case: Al Saadi vs Al Saadi", Some("Al Saadi vs Al Saadi")),
        ("DE VRIES, ANNA v. LIU, MEI", "I am in de Vries vs Liu, Mei and need access", Some("de Vries vs Liu, Mei")),
        (
            "BROOKS, ROBERT v. THAMES RIVER INSURANCE AGENCY CO.",
            "CASE NAME: Robert Brooks vs. Thames River Ins. Agency Co.",
            Some("Robert Brooks vs. Thames River Ins. Agency Co."),
        ),
        // A filler word the court's side lacks stays out.
        (
            "OYELARAN-SMITH, ADE v. MARSH, TIFFANY",
            "the case of Oyelaran-Smith versus Marsh",
            Some("Oyelaran-Smith versus Marsh"),
        ),
        (
            "LVNV FUNDING LLC v. KOWALCZYK, GRZEGORZ",
            "LVNV Funding, L.L.C. vs. Grzegorz Kowalczyk_TTD-CV19-5099881-S_ID.png",
            Some("LVNV Funding, L.L.C. vs. Grzegorz Kowalczyk"),
        ),
        // A file name's fields are phrases of their own: the caption is one field.
        (
            "WHITLOCK, BRITTANY v. TOWN OF WEST HARTFORD",
            "WHITLOCK, BRITTANY_WHITLOCK VS TOWN OF WEST HARTFORD_ID",
            Some("WHITLOCK VS TOWN OF WEST HARTFORD"),
        ),
        (
            "WHITLOCK, BRITTANY v. TOWN OF WEST HARTFORD",
            "Whitlock_v_Town_of_West_Hartford",
            Some("Whitlock_v_Town_of_West_Hartford"),
        ),
    ];
    for (court, text, want) in table {
        let cases = [(docket("HHD-CV24-6187342-S"), caption(court))];
        let got = find_case_names(&own(text), &cases).first().map(|f| f.as_written.clone());
        assert_eq!(got.as_deref(), *want, "{text:?}");
    }
}

#[test]
fn an_ampersand_inside_a_business_name_belongs_to_the_caption() {
    let cases = [(docket("WTH-CV15-5052840-S"), caption("TASCA, ZOE v. ELM CITY MOVING & STORAGE COMPANY"))];
    let got = find_case_names(
        &own("Zoë Tasca — ZTasca1 — Tasca v. Elm City Moving & Storage Company — WTHCV155052840S"),
        &cases,
    );
    assert_eq!(got.first().map(|f| f.as_written.as_str()), Some("Tasca v. Elm City Moving & Storage Company"));
}
