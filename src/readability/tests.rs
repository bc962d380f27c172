use super::*;

#[test]
fn syllables_of_common_words() {
    for (word, n) in [
        ("the", 1),
        ("rest", 1),
        ("stroke", 1),
        ("muscle", 2),
        ("ankle", 2),
        ("doctor", 2),
        ("exercise", 3),
        ("medicine", 3),
        ("dehydration", 4),
        ("inflammation", 4),
        ("peripheral", 4),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
    // Letters beyond ASCII are letters, not breaks between words.
    assert_eq!(syllables("Müller"), syllables("Mller"));
}

#[test]
fn grade_of_hand_checked_sentences() {
    // "The cat sat on the mat." 6 words, 1 sentence, 6 syllables:
    // 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45.
    let s = Stats::of("The cat sat on the mat.");
    assert_eq!((s.words, s.sentences, s.syllables), (6, 1, 6));
    assert!((s.grade().unwrap() + 1.45).abs() < 1e-9);
    // 11 words, 1 sentence, 26 syllables, counted word by word below:
    // 0.39 × 11 + 11.8 × 26/11 − 15.59 ≈ 16.6.
    let s = Stats::of(
        "Peripheral artery disease reduces circulation to the leg muscles during exercise.",
    );
    assert_eq!((s.words, s.sentences), (11, 1));
    assert_eq!(s.syllables, 4 + 3 + 2 + 3 + 4 + 1 + 1 + 1 + 2 + 2 + 3);
    let g = s.grade().unwrap();
    assert!(
        (g - (0.39 * 11.0 + 11.8 * 26.0 / 11.0 - 15.59)).abs() < 1e-9,
        "{g}"
    );
    assert!(g > 8.0);
}

#[test]
fn blocks_without_full_stops_still_end_sentences() {
    let s = Stats::of("Strained calf\n\nRest it. Ice it!\n\n- Elevate");
    assert_eq!(s.sentences, 4);
    assert_eq!(s.words, 7);
    assert_eq!(Stats::of("").grade(), None);
    // Each "\n\n" ends a block, so three newlines are one blank line.
    let s = Stats::of("Rest\n\n\nIce\n\n\n\nHeat");
    assert_eq!((s.words, s.sentences), (3, 3));
    // Closing quotes and brackets may follow the full stop.
    let s = Stats::of("He said \"rest.\") Then ice (gently.) Heat’ more");
    assert_eq!((s.words, s.sentences), (8, 3));
}

#[test]
fn spanish_syllables_of_hand_checked_words() {
    // Each split by hand, as Spanish hyphenation splits it.
    for (word, n) in [
        ("el", 1),                // el
        ("y", 1),                 // y
        ("casa", 2),              // ca-sa
        ("hoy", 1),               // hoy: a final y after a vowel is a diphthong
        ("muy", 1),               // muy
        ("buey", 1),              // buey: a triphthong
        ("ayuda", 3),             // a-yu-da: y before a vowel is a consonant
        ("leyes", 2),             // le-yes
        ("aire", 2),              // ai-re
        ("ciudad", 2),            // ciu-dad: two weak vowels
        ("cuidado", 3),           // cui-da-do
        ("bueno", 2),             // bue-no
        ("tiempo", 2),            // tiem-po
        ("poeta", 3),             // po-e-ta: two strong vowels
        ("leer", 2),              // le-er
        ("caer", 2),              // ca-er
        ("día", 2),               // dí-a: an accented í breaks the diphthong
        ("país", 2),              // pa-ís
        ("reúne", 3),             // re-ú-ne
        ("oído", 3),              // o-í-do
        ("que", 1),               // que: silent u
        ("quiero", 2),            // quie-ro
        ("aquí", 2),              // a-quí
        ("guerra", 2),            // gue-rra
        ("guía", 2),              // guí-a
        ("esguince", 3),          // es-guin-ce
        ("agua", 2),              // a-gua: u before a is said
        ("Uruguay", 3),           // U-ru-guay
        ("pingüino", 3),          // pin-güi-no
        ("médico", 3),            // mé-di-co
        ("corazón", 3),           // co-ra-zón
        ("inflamación", 4),       // in-fla-ma-ción
        ("farmacéutico", 5),      // far-ma-céu-ti-co
        ("enfermedad", 4),        // en-fer-me-dad
        ("prohibir", 3),          // pro-hi-bir
        ("considerablemente", 7), // con-si-de-ra-ble-men-te
    ] {
        assert_eq!(spanish_syllables(word), n, "{word}");
    }
    // Capitals and punctuation around a word change nothing.
    assert_eq!(spanish_syllables("¿AQUÍ?"), 2);
    assert_eq!(spanish_syllables("«Día»,"), 2);
    assert_eq!(spanish_syllables("2024"), 1);
}

#[test]
fn inflesz_of_hand_checked_texts() {
    // El(1) niño(2) come(2) pan(1). La(1) casa(2) es(1) azul(2).
    // 8 words, 2 sentences, 12 syllables:
    // 206.835 − 62.3 × 12/8 − 8/2 = 206.835 − 93.45 − 4 = 109.385.
    let s = Stats::of("El niño come pan. La casa es azul.");
    assert_eq!((s.words, s.sentences, s.spanish_syllables), (8, 2, 12));
    assert!((s.perspicuity().unwrap() - 109.385).abs() < 1e-9);
    // 26 words, 1 sentence, 54 syllables, word by word below:
    // 206.835 − 62.3 × 54/26 − 26 ≈ 51.44, INFLESZ "algo difícil".
    let s = Stats::of(HARD);
    assert_eq!((s.words, s.sentences), (26, 1));
    assert_eq!(
        s.spanish_syllables,
        1 + 2 + 1 + 1 + 3 + 4 + 1 + 3 + 2 + 1 // El dolor de la rodilla aparece con frecuencia después de
            + 2 + 3 + 2 + 2 + 2 + 4 + 2 + 2 + 2 + 2 // correr durante mucho tiempo sobre superficies duras, sobre todo cuando
            + 1 + 3 + 1 + 2 + 2 + 3 // los músculos del muslo están cansados.
    );
    let p = s.perspicuity().unwrap();
    assert!((p - 51.442_692_307_692).abs() < 1e-9, "{p}");
    assert_eq!(Formula::Inflesz.band(p), Some("algo difícil"));
    assert_eq!(Stats::of("").perspicuity(), None);
}

const HARD: &str = "El dolor de la rodilla aparece con frecuencia después de correr \
    durante mucho tiempo sobre superficies duras, sobre todo cuando los músculos del \
    muslo están cansados.";

#[test]
fn the_formula_follows_the_primary_language_subtag() {
    assert_eq!(Formula::for_language("en"), Some(Formula::FleschKincaid));
    assert_eq!(Formula::for_language("en-GB"), Some(Formula::FleschKincaid));
    assert_eq!(Formula::for_language("es"), Some(Formula::Inflesz));
    assert_eq!(Formula::for_language("ES-mx"), Some(Formula::Inflesz));
    assert_eq!(Formula::for_language("fr"), None);
    assert_eq!(Formula::for_language("eu"), None);
}

#[test]
fn inflesz_bands_and_the_limit_start_where_the_scale_says() {
    let band = |p| Formula::Inflesz.band(p);
    assert_eq!(band(39.9), Some("muy difícil"));
    assert_eq!(band(40.0), Some("algo difícil"));
    assert_eq!(band(54.9), Some("algo difícil"));
    assert_eq!(band(55.0), Some("normal"));
    assert_eq!(band(65.0), Some("bastante fácil"));
    assert_eq!(band(80.0), Some("muy fácil"));
    assert_eq!(Formula::FleschKincaid.band(12.0), None);
    let limits = Limits {
        grade_max: 8.0,
        ease_min: 55.0,
    };
    let es = ReadingLevel::new("es", limits).unwrap();
    assert_eq!(es.limit, 55.0);
    assert!(es.passes(55.0) && es.passes(90.0) && !es.passes(54.99));
    let en = ReadingLevel::new("en", limits).unwrap();
    assert_eq!(en.limit, 8.0);
    assert!(en.passes(8.0) && en.passes(3.0) && !en.passes(8.01));
    assert_eq!(ReadingLevel::new("fr", limits), None);
    // A limit that is no number fails nothing.
    let nan = Limits {
        grade_max: f64::NAN,
        ease_min: f64::NAN,
    };
    assert!(ReadingLevel::new("es", nan).unwrap().passes(0.0));
    assert!(ReadingLevel::new("en", nan).unwrap().passes(20.0));
}

#[test]
fn a_hard_spanish_article_is_warned_about_in_the_scale_s_words() {
    let limits = Limits {
        grade_max: 8.0,
        ease_min: 55.0,
    };
    let es = ReadingLevel::new("es", limits).unwrap();
    let reading = es.reading(&Stats::of(HARD)).unwrap();
    assert!(!reading.passes);
    let d = reading.warning(std::path::Path::new("articles/rodilla.md"));
    let shown = d.render(crate::diagnostic::Colour::Off);
    assert!(
        shown.contains(
            "the article scores INFLESZ 51.4, «algo difícil»; the site asks for 55 or more"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("reading_ease_min in site.toml sets the limit"),
        "{shown}"
    );
    // The same prose read as English is held to the grade.
    let en = ReadingLevel::new("en", limits).unwrap();
    let reading = en.reading(&Stats::of(HARD)).unwrap();
    assert_eq!(reading.formula, Formula::FleschKincaid);
    assert_eq!(reading.limit, 8.0);
}

#[test]
fn a_language_without_a_formula_is_said_once() {
    let text = "title = \"T\"\nbase_url = \"https://e.org/\"\nlanguage = \"fr\"\n";
    let mut out = Vec::new();
    let (config, _) =
        crate::config::parse(text, std::path::Path::new("site.toml"), None, &mut out).unwrap();
    let mut grader = Grader::of_site(&config, text);
    let stats = Stats::of(HARD);
    assert_eq!(grader.grade(&stats, &mut out), None);
    assert_eq!(grader.grade(&stats, &mut out), None);
    assert_eq!(out.len(), 1, "{out:?}");
    let shown = out[0].render(crate::diagnostic::Colour::Off);
    assert!(shown.contains("no-reading-formula"), "{shown}");
    assert!(
        shown.contains("salve has no reading-level formula for `fr`; its articles are not graded"),
        "{shown}"
    );
    assert!(
        shown.contains("formulas for `en` (Flesch–Kincaid grade) and `es` (INFLESZ)"),
        "{shown}"
    );
    // At the line that sets the language.
    assert!(shown.contains(":3:"), "{shown}");
}
