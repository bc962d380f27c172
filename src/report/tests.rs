use super::*;

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::new(y, m, day).unwrap()
}

#[test]
fn the_status_follows_the_days_left() {
    let today = d(2026, 6, 15);
    assert_eq!(Status::of(None, today), Status::NeverReviewed);
    assert_eq!(Status::of(Some(d(2026, 6, 14)), today), Status::Overdue);
    assert_eq!(Status::of(Some(today), today), Status::Due30);
    assert_eq!(Status::of(Some(d(2026, 7, 15)), today), Status::Due30);
    assert_eq!(Status::of(Some(d(2026, 7, 16)), today), Status::Due90);
    assert_eq!(Status::of(Some(d(2026, 9, 13)), today), Status::Due90);
    assert_eq!(Status::of(Some(d(2026, 9, 14)), today), Status::Fine);
}

#[test]
fn statuses_are_listed_most_urgent_first() {
    let mut sorted = Status::ALL;
    sorted.sort();
    assert_eq!(sorted, Status::ALL);
    let ids: Vec<&str> = Status::ALL.iter().map(|s| s.id()).collect();
    assert_eq!(
        ids,
        ["overdue", "never-reviewed", "due-30", "due-90", "fine"]
    );
}
