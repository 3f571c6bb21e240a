"""Demo step: the list of courses (/dao-tao/), two upcoming courses with registrations (brocade weaving in Ia Grai,
coffee roasting hygiene in Chư Sê), one full course with a waiting list, two past courses with attendance marked
(the number trained), collaborators in a dozen Gia Lai communes, and a contact page (/lien-he/) carrying the
"who to contact in my commune" box. Dates are relative to the day it runs, so upcoming courses stay upcoming.
Idempotent: pages are found by slug, registrations by phone, collaborators by name and commune."""

import datetime

from django.utils import timezone

from home.models import HomePage, StandardPage
from programmes.training.choices import CourseKind, RegistrationStatus
from programmes.training.models import Collaborator, CourseIndexPage, CoursePage, Registration
from programmes.training.services import new_code
from registry.catalogue.models import Commune

# slug, title, kind, trade, summary, start (days from today), length (days), commune code, venue, trainer, capacity,
# audience, fee (VND), deadline (days before the start)
COURSES = [
    (
        "det-tho-cam-ia-grai",
        "Đào tạo nghề dệt thổ cẩm cho lao động nông thôn xã Ia Grai",
        CourseKind.TRAINING,
        "Dệt thổ cẩm",
        "Kỹ thuật dệt khung ngang, phối màu hoa văn Jrai truyền thống và làm sản phẩm lưu niệm từ thổ cẩm.",
        21,
        30,
        "21556",
        "Nhà văn hóa làng Phung",
        "Nghệ nhân Rơ Châm H'Nhí",
        25,
        "Phụ nữ trong độ tuổi lao động ở các làng dệt của xã",
        0,
        5,
    ),
    (
        "ve-sinh-rang-xay-ca-phe",
        "Tập huấn vệ sinh an toàn thực phẩm trong rang xay cà phê",
        CourseKind.WORKSHOP,
        "Rang xay cà phê",
        "Quy trình rang, xay, đóng gói cà phê bột bảo đảm vệ sinh; hồ sơ tự công bố sản phẩm.",
        12,
        2,
        "21557",
        "Hội trường UBND xã Chư Sê",
        "ThS. Nguyễn Minh Tâm, Chi cục An toàn vệ sinh thực phẩm",
        40,
        "Chủ cơ sở và người lao động các cơ sở rang xay cà phê",
        0,
        3,
    ),
    (
        "thiet-ke-bao-bi-san-pham",
        "Tập huấn thiết kế bao bì và tem truy xuất cho sản phẩm CNNT",
        CourseKind.WORKSHOP,
        "Bao bì, nhãn hàng hóa",
        "Thiết kế bao bì, nhãn hàng hóa đúng quy định và mã QR truy xuất nguồn gốc.",
        9,
        1,
        "21550",
        "Trung tâm Khuyến công, 18 Trần Hưng Đạo, Pleiku",
        "Trung tâm Khuyến công",
        6,
        "Cơ sở có sản phẩm dự thi bình chọn cấp tỉnh",
        0,
        2,
    ),
    (
        "det-chieu-coi-hoai-chau",
        "Đào tạo nghề dệt chiếu cói Hoài Châu",
        CourseKind.TRAINING,
        "Dệt chiếu cói",
        "Dệt chiếu cói hoa văn, nhuộm màu tự nhiên.",
        -120,
        20,
        "21555",
        "Nhà văn hóa thôn Hoài Châu Bắc",
        "Nghệ nhân Trần Văn Sáu",
        20,
        "Lao động nông thôn",
        0,
        5,
    ),
    (
        "che-bien-mac-ca",
        "Tập huấn sơ chế, bảo quản hạt mắc ca",
        CourseKind.WORKSHOP,
        "Chế biến nông sản",
        "Sơ chế, sấy, bảo quản hạt mắc ca đạt chuẩn xuất khẩu.",
        -400,
        2,
        "21559",
        "Hội trường xã Đak Đoa",
        "KS. Lê Thị Hoa",
        30,
        "Hộ trồng và sơ chế mắc ca",
        0,
        3,
    ),
]

# full name, phone, e-mail, producer, commune code: people who register (upcoming) or were trained (past).
PEOPLE = [
    ("Rơ Châm H'Nhí", "0905111201", "", "", "21556"),
    ("Siu H'Nga", "0905111202", "siu.hnga@example.org", "Tổ hợp tác dệt thổ cẩm làng Phung", "21556"),
    ("Ksor H'Blơ", "0905111203", "", "", "21556"),
    ("Nguyễn Thị Lan", "0905111204", "lan.nguyen@example.org", "Hợp tác xã Nông nghiệp Cà phê Ia Grai", "21556"),
    ("Trần Văn Hùng", "0905111205", "", "Cơ sở rang xay cà phê Hùng Phát", "21557"),
    ("Lê Thị Mai", "0905111206", "", "", "21557"),
    ("Đinh Văn Tuấn", "0905111207", "", "", "21559"),
    ("Phạm Thị Thu", "0905111208", "", "", "21550"),
    ("Hoàng Minh Đức", "0905111209", "", "", "21551"),
]

# full name, commune code, role, phone, e-mail, consent to publish the contact
COLLABORATORS = [
    ("Rơ Mah Tuấn", "21556", "Cán bộ phụ trách công thương xã", "0905222301", "", True),
    ("Nguyễn Văn Bình", "21557", "Cán bộ kinh tế xã", "0905222302", "binh.cs@example.org", True),
    ("Trần Thị Hà", "21550", "Chuyên viên phòng kinh tế phường", "0905222303", "", True),
    ("Lê Quang Vinh", "21551", "Cán bộ phụ trách công thương phường", "0905222304", "", False),
    ("Đặng Thị Ngọc", "21552", "Chuyên viên kinh tế phường", "0905222305", "ngoc.qn@example.org", True),
    ("Võ Văn Sang", "21553", "Cán bộ kinh tế phường", "0905222306", "", True),
    ("Phan Thị Hồng", "21555", "Chủ nhiệm HTX chiếu cói Hoài Châu", "0905222307", "", False),
    ("Đinh Thị Lý", "21558", "Cán bộ phụ trách công thương xã", "0905222308", "", True),
    ("Bùi Văn Khánh", "21559", "Cán bộ kinh tế xã", "0905222309", "", True),
    ("Ksor Y Bình", "21560", "Trưởng thôn, cộng tác viên khuyến công", "0905222310", "", False),
    ("Huỳnh Văn Lợi", "21561", "Cán bộ kinh tế xã", "0905222311", "", True),
    ("Ngô Thị Thanh", "21563", "Cán bộ phụ trách công thương xã", "0905222312", "thanh.ts@example.org", True),
    ("Siu Văn Thái", "21565", "Cán bộ kinh tế xã", "0905222313", "", True),
]


def _index(ctx):
    index = CourseIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()  # setup_site (run before every step) makes it
        index = CourseIndexPage(
            title="Đào tạo",
            slug="dao-tao",
            show_in_menus=True,
            intro="Khóa đào tạo nghề và tập huấn do Trung tâm Khuyến công tổ chức: đăng ký trực tuyến, miễn phí.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _course(index, row, communes, today):
    slug, title, kind, trade, summary, start, length, commune, venue, trainer, capacity, audience, fee, lead = row
    start_date = today + datetime.timedelta(days=start)
    course = CoursePage.objects.filter(slug=slug).first()
    is_new = course is None
    course = course or CoursePage(slug=slug)
    course.title, course.kind, course.trade, course.summary = title, kind, trade, summary
    course.start_date, course.end_date = start_date, start_date + datetime.timedelta(days=length - 1)
    course.registration_deadline = start_date - datetime.timedelta(days=lead)
    course.commune, course.venue, course.trainer = communes.get(commune), venue, trainer
    course.capacity, course.audience, course.fee = capacity, audience, fee
    if is_new:
        index.add_child(instance=course)
    course.save_revision().publish()
    return course


def _register(course, people, communes, attended=None):
    """Registrations in order of arrival: seats first, then the waiting list."""
    made = 0
    for offset, (name, phone, email, producer, commune) in enumerate(people):
        if Registration.objects.filter(course=course, phone=phone).exists():
            continue
        taken = Registration.objects.filter(course=course, status=RegistrationStatus.CONFIRMED).count()
        status = RegistrationStatus.CONFIRMED if taken < course.capacity else RegistrationStatus.WAITING
        Registration.objects.create(
            course=course,
            code=new_code(),
            full_name=name,
            phone=phone,
            email=email,
            producer_name=producer,
            commune=communes.get(commune),
            status=status,
            attended=attended if status == RegistrationStatus.CONFIRMED else None,
            created_at=timezone.now() - datetime.timedelta(hours=len(people) - offset),
        )
        made += 1
    return made


def _past_people(course, count):
    """``count`` made-up trainees of a past course (numbered phones, so runs stay idempotent)."""
    base = 906000000 + course.pk * 1000
    names = ["Nguyễn Thị", "Trần Văn", "Lê Thị", "Phạm Văn", "Siu", "Rơ Mah", "Ksor", "Đinh Thị"]
    given = ["An", "Bình", "Chi", "Dũng", "Hà", "Khoa", "Linh", "Nga", "Phúc", "Quyên"]
    return [
        (f"{names[i % len(names)]} {given[i % len(given)]}", f"0{base + i}", "", "", course.commune.code)
        for i in range(count)
    ]


def seed(ctx):
    """Demo step: courses, registrations (one course full, with people waiting), collaborators, contact page."""
    today = timezone.localdate()
    communes = {commune.code: commune for commune in Commune.objects.all()}
    index = _index(ctx)
    courses = [_course(index, row, communes, today) for row in COURSES]
    weaving, roasting, packaging, mats, macadamia = courses
    made = _register(weaving, PEOPLE[:4], communes)
    made += _register(roasting, PEOPLE[3:7], communes)
    made += _register(packaging, PEOPLE, communes)  # 9 people for 6 seats: 3 on the waiting list
    made += _register(mats, _past_people(mats, 18), communes, attended=True)
    made += _register(macadamia, _past_people(macadamia, 26 * ctx.scale), communes, attended=True)
    ctx.write(f"  courses: {len(courses)}, registrations: {Registration.objects.count()} ({made} new)")
    for name, code, role, phone, email, consent in COLLABORATORS:
        Collaborator.objects.update_or_create(
            full_name=name,
            commune=communes[code],
            defaults={
                "role": role,
                "phone": phone,
                "email": email,
                "contact_public": consent,
                "consent_date": datetime.date(2026, 9, 15) if consent else None,
            },
        )
    ctx.write(f"  collaborators: {Collaborator.objects.count()} in {len({c[1] for c in COLLABORATORS})} communes")
    if not StandardPage.objects.filter(slug="lien-he").exists():
        home = HomePage.objects.first()
        contact = StandardPage(
            title="Liên hệ",
            slug="lien-he",
            intro="Địa chỉ, điện thoại và giờ làm việc của trung tâm ở cuối trang; người liên hệ ở từng xã/phường ở bên dưới.",
        )
        home.add_child(instance=contact)
        contact.save_revision().publish()
