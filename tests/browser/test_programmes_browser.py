"""Issue 16: a visitor filters support projects by content and commune, opens a project, then the dashboard
(charts drawn, their tables carry the same numbers), on a 390 px screen and a wide one."""

import pytest
from playwright.sync_api import expect

from programmes.choices import ProjectStatus
from tests.factories import CommuneFactory, ProjectPageFactory, programme_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_visitor_filters_projects_and_reads_the_dashboard(page, live_server, home_page, width, settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("core.page_cache.")]
    page.set_viewport_size({"width": width, "height": 900})
    ia_grai, chu_se = CommuneFactory(name="Ia Grai", code="21556"), CommuneFactory(name="Chư Sê", code="21557")
    machines, training = programme_content("mo-hinh-trinh-dien"), programme_content("nguon-nhan-luc-tu-van")
    ProjectPageFactory(title="Hỗ trợ máy rang cà phê", programme_content=machines, commune=ia_grai,
                       support_amount=280_000_000)  # fmt: skip
    ProjectPageFactory(title="Hỗ trợ máy sấy mắc ca", programme_content=machines, commune=chu_se,
                       support_amount=300_000_000, year=2025)  # fmt: skip
    ProjectPageFactory(title="Đào tạo dệt thổ cẩm", programme_content=training, commune=ia_grai,
                       support_amount=95_000_000, status=ProjectStatus.IN_PROGRESS)  # fmt: skip

    page.goto(live_server.url + "/de-an-khuyen-cong/")
    expect(page.locator(".catalogue__total")).to_contain_text("3 đề án")
    if not page.locator("fieldset[data-facet='content']").is_visible():
        page.locator(".facets__summary").click()  # on a phone the filters are folded
    page.locator("fieldset[data-facet='content'] input[value='mo-hinh-trinh-dien']").check()
    page.locator("fieldset[data-facet='commune'] input[value='21556']").check()
    page.locator(".facets__apply").click()
    expect(page.locator(".catalogue__total")).to_contain_text("1 đề án")
    page.get_by_role("link", name="Hỗ trợ máy rang cà phê").click()
    expect(page.locator("h1")).to_have_text("Hỗ trợ máy rang cà phê")
    expect(page.locator(".facts")).to_contain_text("280.000.000")

    page.goto(live_server.url + "/de-an-khuyen-cong/tong-quan/")
    expect(page.locator("[data-total='support']")).to_contain_text("675.000.000")
    year_chart = page.locator("[data-chart='year']")
    expect(year_chart.locator("svg rect.chart__bar")).to_have_count(2)
    assert year_chart.locator("svg").bounding_box()["width"] > 200
    values = year_chart.locator("svg .chart__value").all_text_contents()
    cells = year_chart.locator("table td[data-value]").all()
    assert [float(v.replace(".", "").replace(",", ".")) for v in values] == [
        round(int(cell.get_attribute("data-value")) / 1_000_000, 1) for cell in cells
    ]
    page.goto("about:blank")
