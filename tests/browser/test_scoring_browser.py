"""At 390 px a juror types scores as Vietnamese people type them: "32,5" counts, an over-maximum score is marked
beside its field and left out of the live total, which says it is incomplete; the saved sheet shows "32,5"."""

import pytest
from playwright.sync_api import expect

from registry.competitions.models import ScoreSheet
from tests.factories import EntryFactory, JurorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "chamdiem-2026"


def test_decimal_comma_invalid_field_and_incomplete_total(page, live_server, home_page):
    user = UserFactory(username="giamkhao-tn", last_name="Đinh Thị", first_name="Mai")
    user.set_password(PASSWORD)
    user.save()
    entry = EntryFactory()
    juror = JurorFactory(competition=entry.competition, user=user)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + f"/giam-khao/{entry.competition.slug}/ho-so/{entry.code}/")
    page.locator("#id_username").fill("giamkhao-tn")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator(".jury-bar")).to_contain_text("Đinh Thị Mai")  # Vietnamese name order
    page.locator(".jury-statement button[type=submit]").click()  # "no conflict of interest" first

    inputs = page.locator("input[data-score]").all()
    total = page.locator("output[data-total]")
    note = page.locator("[data-total-note]")
    inputs[0].fill("32,5")
    expect(total).to_have_text("32,5")
    expect(note).to_contain_text("còn 3 tiêu chí chưa chấm")

    inputs[1].fill("41")
    inputs[2].fill("8")
    inputs[3].fill("7")
    expect(inputs[1]).to_have_attribute("aria-invalid", "true")
    second_error = page.locator(f"#{inputs[1].get_attribute('id')}_error")
    expect(second_error).to_be_visible()
    expect(second_error).to_have_text("Điểm phải là bội số của 0,5, từ 0 đến 40.")
    expect(total).to_have_text("47,5")  # 41 is left out
    expect(note).to_contain_text("1 ô điểm chưa hợp lệ")
    expect(page.locator(".jury-total")).to_have_class("jury-total jury-total--incomplete jury-total--invalid")
    color = page.evaluate("getComputedStyle(document.querySelector('input[aria-invalid=\"true\"]')).borderTopColor")
    assert color != page.evaluate("getComputedStyle(document.querySelector('input[data-score]')).borderTopColor")

    inputs[1].fill("0.25")
    expect(second_error).to_have_text("Điểm phải là bội số của 0,5, từ 0 đến 40.")
    inputs[1].fill("40")
    expect(inputs[1]).not_to_have_attribute("aria-invalid", "true")
    expect(second_error).to_be_hidden()
    expect(total).to_have_text("87,5")
    expect(note).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu nháp")).to_be_visible()
    expect(page.locator("input[data-score]").first).to_have_value("32,5")
    expect(total).to_have_text("87,5")
    sheet = ScoreSheet.objects.get(juror=juror)
    assert str(sheet.total()) == "87.5"
