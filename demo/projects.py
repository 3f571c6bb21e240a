"""Demo support projects (đề án khuyến công) of Gia Lai, 2022–2026: machinery for coffee roasting and nut drying,
brocade weaving training, trade fair booths, a cleaner-production demonstration, one project cancelled with its
reason, one proposed. Producers, villages and communes are the demo registry's (``demo.catalogue``); figures are
illustrative. Idempotent (projects found by slug); ``ctx.scale`` multiplies them (copies ``…-2``, ``…-3``)."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from news.models import NewsPage, ProgrammeContent
from programmes.models import ProjectDocument, ProjectIndexPage, ProjectPage, ProjectPhoto, ProjectRelatedNews
from registry.catalogue.models import Commune, CraftVillagePage, Producer

from .pdf import bulletin_pdf

INDEX_INTRO = (
    "Các đề án khuyến công được hỗ trợ từ kinh phí khuyến công quốc gia và địa phương: ai được hỗ trợ, bao nhiêu "
    "tiền và kết quả ra sao."
)
DASHBOARD_INTRO = "Kinh phí khuyến công được sử dụng thế nào qua từng năm, từng nội dung và từng địa phương."

# slug, title, year, funding, content code, decision (number, date), support, counterpart (VND), producer slugs,
# village slugs, group, commune code, status, cancellation reason, jobs, capacity added, trainees, products, summary
PROJECTS = [
    ("ho-tro-may-rang-ca-phe-ia-grai", "Hỗ trợ máy rang cà phê cho Hợp tác xã Cà phê Ia Grai", 2022, "local",
     "mo-hinh-trinh-dien", ("215/QĐ-SCT", datetime.date(2022, 4, 12)), 280_000_000, 420_000_000,
     ["htx-ca-phe-ia-grai"], [], "", "21556", "accepted", "", 15, "1,5 tấn cà phê nhân/ngày", None, 2,
     "Máy rang cà phê 30 kg/mẻ và máy xay, giúp hợp tác xã bán cà phê rang xay mang thương hiệu riêng."),
    ("dao-tao-det-tho-cam-lang-phung", "Đào tạo nghề dệt thổ cẩm cho phụ nữ làng Phung", 2022, "national",
     "nguon-nhan-luc-tu-van", ("1024/QĐ-BCT", datetime.date(2022, 5, 20)), 180_000_000, 20_000_000,
     ["to-hop-tac-det-tho-cam-phung"], ["lang-det-tho-cam-phung"], "30 phụ nữ Jrai làng Phung", "21551",
     "accepted", "", 30, "", 30, 4,
     "Lớp dệt thổ cẩm ba tháng do nghệ nhân làng truyền dạy; học viên dệt được khăn, váy và túi bán cho khách."),
    ("may-det-chieu-coi-hoai-chau", "Hỗ trợ máy dệt chiếu cói cho cơ sở Chiếu cói Hoài Châu Bắc", 2022, "local",
     "mo-hinh-trinh-dien", ("388/QĐ-SCT", datetime.date(2022, 7, 8)), 140_000_000, 210_000_000,
     ["co-so-chieu-coi-hoai-chau"], ["lang-chieu-coi-hoai-chau-bac"], "", "21555", "accepted", "", 8,
     "120 chiếc chiếu/ngày", None, 1, "Hai máy dệt chiếu cói bán tự động thay khung dệt tay."),
    ("gian-hang-hoi-cho-tay-nguyen-2023", "Hỗ trợ gian hàng tại Hội chợ Công Thương khu vực Tây Nguyên 2023", 2023,
     "local", "phat-trien-san-pham", ("142/QĐ-SCT", datetime.date(2023, 3, 2)), 150_000_000, 30_000_000,
     ["htx-mat-ong-kbang", "cong-ty-mac-ca-chu-se", "ho-kd-bo-mot-nang-pleiku"], [], "", "21550", "accepted", "",
     None, "", None, 9, "Ba gian hàng chung giới thiệu mật ong, mắc ca và bò một nắng Gia Lai."),
    ("san-xuat-sach-hon-ruou-bau-da", "Trình diễn sản xuất sạch hơn tại cơ sở nấu rượu Bàu Đá", 2023, "national",
     "san-xuat-sach-hon", ("2210/QĐ-BCT", datetime.date(2023, 6, 15)), 320_000_000, 480_000_000,
     ["htx-ruou-bau-da"], ["lang-ruou-bau-da"], "", "21554", "accepted", "", 12, "Giảm 30% củi đốt", 20, 1,
     "Lò nấu rượu tiết kiệm năng lượng và hệ thống xử lý bã, làm mô hình cho các hộ trong làng nghề."),
    ("truyen-thong-san-pham-cnnt-2023", "Phóng sự truyền hình về sản phẩm công nghiệp nông thôn tiêu biểu", 2023,
     "local", "thong-tin-tuyen-truyen", ("530/QĐ-SCT", datetime.date(2023, 8, 21)), 80_000_000, 0, [], [],
     "Các cơ sở có sản phẩm CNNT tiêu biểu cấp tỉnh", "", "accepted", "", None, "", None, None,
     "Sáu phóng sự phát trên Đài Phát thanh – Truyền hình Gia Lai."),
    ("may-say-mac-ca-chu-se", "Hỗ trợ máy sấy và tách vỏ mắc ca cho Công ty Mắc ca Chư Sê", 2024, "local",
     "mo-hinh-trinh-dien", ("201/QĐ-SCT", datetime.date(2024, 3, 28)), 300_000_000, 600_000_000,
     ["cong-ty-mac-ca-chu-se"], [], "", "21557", "accepted", "", 20, "3 tấn hạt/ngày", None, 2,
     "Dây chuyền sấy và tách vỏ mắc ca, nâng chất lượng hạt sấy nứt vỏ xuất bán."),
    ("tap-huan-det-tho-cam-kon-so-lal", "Tập huấn kỹ thuật dệt và thiết kế mẫu thổ cẩm Kon Sơ Lăl", 2024, "local",
     "nguon-nhan-luc-tu-van", ("377/QĐ-SCT", datetime.date(2024, 6, 3)), 95_000_000, 5_000_000, [],
     ["lang-tho-cam-kon-so-lal"], "25 hộ dệt thổ cẩm làng Kon Sơ Lăl", "21560", "accepted", "", 25, "", 25, 6,
     "Tập huấn phối màu và thiết kế mẫu mới trên nền hoa văn Bahnar."),
    ("may-dong-goi-bo-mot-nang", "Hỗ trợ máy hút chân không và đóng gói bò một nắng", 2024, "local",
     "mo-hinh-trinh-dien", ("402/QĐ-SCT", datetime.date(2024, 7, 10)), 120_000_000, 180_000_000,
     ["ho-kd-bo-mot-nang-pleiku"], [], "", "21550", "cancelled",
     "Cơ sở xin dừng thực hiện vì chuyển địa điểm sản xuất và không bố trí được vốn đối ứng như đã cam kết.",
     None, "", None, None, "Đề án đã được phê duyệt nhưng không thực hiện."),
    ("gian-hang-hoi-cho-mien-trung-2025",
     "Hỗ trợ gian hàng tại Hội chợ sản phẩm CNNT tiêu biểu khu vực miền Trung – Tây Nguyên 2025", 2025,
     "national", "phat-trien-san-pham", ("1187/QĐ-BCT", datetime.date(2025, 4, 9)), 210_000_000, 40_000_000,
     ["htx-banh-trang-truong-cuu", "co-so-non-ngua-phu-gia", "cong-ty-dong-tay-son"], [], "", "21552",
     "accepted", "", None, "", None, 12, "Gian hàng chung giới thiệu bánh tráng, nón ngựa và đồ đồng Tây Sơn."),
    ("may-che-vot-nan-tre-an-khe", "Hỗ trợ máy chẻ và vót nan tre cho Hợp tác xã Mây tre đan An Khê", 2025,
     "local", "mo-hinh-trinh-dien", ("615/QĐ-SCT", datetime.date(2025, 9, 18)), 160_000_000, 240_000_000,
     ["htx-may-tre-an-khe"], ["lang-may-tre-an-khe"], "", "21553", "in_progress", "", 18, "", None, None,
     "Máy chẻ và vót nan thay công đoạn làm tay, đang lắp đặt tại xưởng hợp tác xã."),
    ("tu-van-bao-bi-banh-trang-truong-cuu", "Tư vấn thiết kế bao bì, nhãn hiệu cho bánh tráng Trường Cửu", 2026,
     "local", "nguon-nhan-luc-tu-van", ("88/QĐ-SCT", datetime.date(2026, 2, 11)), 60_000_000, 15_000_000,
     ["htx-banh-trang-truong-cuu"], ["lang-banh-trang-truong-cuu"], "", "21561", "in_progress", "", None, "",
     None, 3, "Thiết kế bộ nhận diện, bao bì ba loại bánh tráng và đăng ký nhãn hiệu tập thể."),
    ("say-ho-tieu-nang-luong-mat-troi-chu-se", "Hỗ trợ nhà sấy hồ tiêu bằng năng lượng mặt trời", 2026, "national",
     "san-xuat-sach-hon", ("640/QĐ-BCT", datetime.date(2026, 3, 30)), 350_000_000, 500_000_000,
     ["lien-hiep-htx-tieu-chu-se"], [], "", "21557", "approved", "", None, "", None, None,
     "Nhà sấy hồ tiêu dùng năng lượng mặt trời, thay sân phơi và lò đốt củi."),
    ("dao-tao-nghe-dan-lat-an-khe-2026", "Đào tạo nghề đan lát mây tre cho lao động nông thôn An Khê", 2026,
     "local", "nguon-nhan-luc-tu-van", ("", None), 120_000_000, 0, ["htx-may-tre-an-khe"],
     ["lang-may-tre-an-khe"], "35 lao động nông thôn", "21553", "proposed", "", None, "", None, None,
     "Đề xuất lớp đào tạo ba tháng cho lao động nông thôn, gắn với đơn hàng của hợp tác xã."),
]  # fmt: skip


def ensure_index(ctx):
    """The list page ``/de-an-khuyen-cong/`` that ``setup_site`` creates, with the demo's introductions."""
    index = ctx.index(ProjectIndexPage)
    if not index.dashboard_intro:
        index.intro, index.dashboard_intro = INDEX_INTRO, DASHBOARD_INTRO
        index.save_revision().publish()
    return index


def _acceptance_document(title):
    model = get_document_model()
    name = f"Biên bản nghiệm thu – {title}"[:250]
    document = model.objects.filter(title=name).first()
    if document is None:
        document = model(title=name)
        document.file.save("bien-ban-nghiem-thu.pdf", ContentFile(bulletin_pdf(name, [("Kết luận", 1)])), save=False)
        document.save()
    return document


def _project(ctx, index, row, suffix, lookups):
    (slug, title, year, funding, content, (number, date), support, counterpart, producers, villages, group,
     commune, status, reason, jobs, capacity, trainees, products, summary) = row  # fmt: skip
    page = ProjectPage(
        slug=slug + suffix,
        title=title + (f" ({suffix.strip('-')})" if suffix else ""),
        year=year,
        funding_source=funding,
        programme_content=lookups["contents"][content],
        decision_number=number,
        decision_date=date,
        support_amount=support,
        counterpart_amount=counterpart,
        beneficiary_group=group,
        commune=lookups["communes"].get(commune),
        status=status,
        cancellation_reason=reason,
        jobs=jobs,
        capacity_added=capacity,
        trainees=trainees,
        products_developed=products,
        summary=summary,
        body="",
        contact_name="Cán bộ phụ trách (nội bộ)",
        contact_phone="0269 3824 000",
    )
    page.producers = [lookups["producers"][s] for s in producers if s in lookups["producers"]]
    page.villages = [lookups["villages"][s] for s in villages if s in lookups["villages"]]
    if status == "accepted" and not suffix:
        page.photos = [ProjectPhoto(image=ctx.image(title, "coffee" if "cà phê" in title else "brocade"), caption="")]
        page.documents = [ProjectDocument(document=_acceptance_document(title), title="Biên bản nghiệm thu")]
    if lookups["news"] and not suffix and status in ("accepted", "in_progress"):
        page.related_news = [ProjectRelatedNews(article=lookups["news"][len(slug) % len(lookups["news"])])]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed(ctx):
    """Create the list page and the demo projects (``PROJECTS`` × ``ctx.scale``), each published."""
    index = ensure_index(ctx)
    lookups = {
        "contents": {c.code: c for c in ProgrammeContent.objects.all()},
        "communes": {c.code: c for c in Commune.objects.all()},
        "producers": {p.slug: p for p in Producer.objects.all()},
        "villages": {v.slug: v for v in CraftVillagePage.objects.all()},
        "news": list(NewsPage.objects.live().order_by("-date", "pk")[:5]),
    }
    existing = set(ProjectPage.objects.values_list("slug", flat=True))
    created = 0
    for copy in range(ctx.scale):
        suffix = f"-{copy + 1}" if copy else ""
        for row in PROJECTS:
            if row[0] + suffix in existing:
                continue
            _project(ctx, index, row, suffix, lookups)
            created += 1
    ctx.progress("projects", created, len(PROJECTS) * ctx.scale)
