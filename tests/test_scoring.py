"""scoring.py with hand-computed values."""

from decimal import Decimal as D

from registry.competitions import scoring

C = [1, 2, 3, 4]


def sheet(*values):
    return dict(zip(C, [None if v is None else D(str(v)) for v in values], strict=True))


def test_sheet_total_and_missing_scores():
    assert scoring.sheet_total(sheet(30, 35, 8, 7.5), C) == D("80.5")
    assert scoring.sheet_total(sheet(30, None, 8, 7.5), C) is None
    assert scoring.sheet_total(sheet(0, 0, 0, 0), C) == D(0)  # zero is a score, not missing


def test_mean_and_trimmed_mean():
    assert scoring.aggregate([D(80), D(70), D(75)]) == D("75.00")
    assert scoring.aggregate([D(80), D(71), D(75)]) == D("75.33")
    # trimmed: fewer than 5 sheets → plain mean
    assert scoring.aggregate([D(10), D(80), D(90), D(100)], scoring.TRIMMED_MEAN) == D("70.00")
    # 5 sheets: drop 10 and 100 → (80 + 90 + 85) / 3 = 85
    assert scoring.aggregate([D(10), D(80), D(90), D(100), D(85)], scoring.TRIMMED_MEAN) == D("85.00")
    assert scoring.aggregate([]) is None


def test_incomplete_sheets_are_left_out():
    result = scoring.compute_entry(7, {1: sheet(30, 30, 5, 5), 2: sheet(40, None, 10, 10), 3: sheet(34, 36, 8, 6)}, C)
    assert result.sheet_count == 2
    assert result.score == D("77.00")  # (70 + 84) / 2
    assert result.criteria == {1: D("32.00"), 2: D("33.00"), 3: D("6.50"), 4: D("5.50")}
    assert result.passed is True


def test_pass_mark_and_prize_bands():
    bands = [{"label": "Giải B", "min": 80}, {"label": "Giải A", "min": 90}, {"label": "Khuyến khích", "min": 70}]
    assert scoring.passes(D(70), D(70)) and not scoring.passes(D("69.99"), D(70))
    assert scoring.prize_for(D(92), bands) == "Giải A"
    assert scoring.prize_for(D(80), bands) == "Giải B"
    assert scoring.prize_for(D("79.5"), bands) == "Khuyến khích"
    assert scoring.prize_for(D(50), bands) == ""
    low = scoring.compute_entry(1, {1: sheet(30, 30, 5, 4)}, C, bands=bands)  # 69: fails, so no prize
    assert low.passed is False and low.prize == ""


def test_ranking_with_tie_break_rule():
    a = scoring.compute_entry(1, {1: sheet(30, 40, 10, 0)}, C)  # 80, c1=30, c2=40
    b = scoring.compute_entry(2, {1: sheet(40, 30, 5, 5)}, C)  # 80, c1=40
    c = scoring.compute_entry(3, {1: sheet(40, 30, 10, 0)}, C)  # 80, c1=40, c2=30, c3=10
    d = scoring.compute_entry(4, {1: sheet(40, 40, 10, 10)}, C)  # 100
    e = scoring.compute_entry(5, {}, C)  # no sheet
    ranked = scoring.rank([a, b, c, d, e], tie_break=[1, 2])
    assert [r.entry_id for r in ranked] == [4, 2, 3, 1, 5]
    assert [r.rank for r in ranked] == [1, 2, 2, 4, None]  # 2 and 3 equal on score, c1 and c2
    ranked = scoring.rank([a, b, c, d, e], tie_break=[2])
    assert [r.entry_id for r in ranked] == [4, 1, 2, 3, 5]
    assert [r.rank for r in ranked] == [1, 2, 3, 3, None]
    ranked = scoring.rank([a, b, c, d], tie_break=[1, 3])
    assert [r.entry_id for r in ranked] == [4, 3, 2, 1]
    assert [r.rank for r in ranked] == [1, 2, 3, 4]


def test_disagreement_flags():
    sheets = {1: sheet(35, 35, 8, 8), 2: sheet(36, 34, 9, 7), 3: sheet(20, 20, 5, 5), 4: sheet(34, 36, 8, 8)}
    # totals 86, 86, 50, 86: spread 36 > 20; juror 3 is 36 below the others' mean
    result = scoring.compute_entry(1, sheets, C, spread_threshold=D(20), outlier_threshold=D(15))
    assert result.spread == D(36) and result.flagged_spread
    assert result.outlier_jurors == [3]
    calm = scoring.compute_entry(1, {1: sheet(35, 35, 8, 8), 2: sheet(30, 30, 8, 8)}, C)
    assert calm.spread == D(10) and not calm.flagged_spread and calm.outlier_jurors == []
