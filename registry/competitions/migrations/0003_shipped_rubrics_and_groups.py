"""Ship the CNNT (40/40/10/10) and OCOP (40/25/35) rubrics as data, and give the groups their permissions."""

from decimal import Decimal

from django.db import migrations

CNNT = (
    "Phiếu chấm điểm sản phẩm CNNT tiêu biểu",
    "Thông tư 26/2014/TT-BCT, sửa đổi bởi 14/2018/TT-BCT và 38/2025/TT-BCT.",
    [
        (
            "1",
            "Đáp ứng thị trường và khả năng phát triển sản xuất",
            40,
            [
                ("1.1", "Khả năng đáp ứng nhu cầu thị trường", 20),
                ("1.2", "Khả năng phát triển sản xuất", 20),
            ],
        ),
        (
            "2",
            "Kinh tế – kỹ thuật – xã hội và môi trường",
            40,
            [
                ("2.1", "Hiệu quả kinh tế, kỹ thuật", 20),
                ("2.2", "Hiệu quả xã hội và môi trường", 20),
            ],
        ),
        ("3", "Tính văn hóa, tính thẩm mỹ", 10, []),
        ("4", "Một số tiêu chí khác", 10, []),
    ],
)
OCOP = (
    "Phiếu đánh giá sản phẩm OCOP",
    "Quyết định 148/QĐ-TTg (2023), sửa đổi bởi 1489/QĐ-TTg (2025).",
    [
        ("A", "Sản phẩm và sức mạnh của cộng đồng", 40, []),
        ("B", "Khả năng tiếp thị", 25, []),
        ("C", "Chất lượng sản phẩm", 35, []),
    ],
)

MANAGER_PERMS = [
    "manage_competitions",
    *[
        f"{a}_{m}"
        for m in ("competition", "rubric", "criterion", "entry", "entrydocument", "juror", "conflict")
        for a in ("add", "change", "delete", "view")
    ],
    "view_scoresheet",
    "view_auditentry",
]


def forwards(apps, schema_editor):
    Rubric = apps.get_model("competitions", "Rubric")
    Criterion = apps.get_model("competitions", "Criterion")
    for name, description, criteria in (CNNT, OCOP):
        rubric, created = Rubric.objects.get_or_create(name=name, version=1, defaults={"description": description})
        if not created:
            continue
        position = 0
        for code, label, points, children in criteria:
            position += 1
            parent = Criterion.objects.create(
                rubric=rubric, code=code, name=label, max_points=Decimal(points), position=position
            )
            for c_code, c_label, c_points in children:
                position += 1
                Criterion.objects.create(
                    rubric=rubric,
                    parent=parent,
                    code=c_code,
                    name=c_label,
                    max_points=Decimal(c_points),
                    position=position,
                )

    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("competitions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers, _ = Group.objects.get_or_create(name="Quản lý bình chọn")
    managers.permissions.add(
        *Permission.objects.filter(content_type__app_label="competitions", codename__in=MANAGER_PERMS)
    )
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    managers.permissions.add(*admin_access)
    Group.objects.get_or_create(name="Giám khảo")


def backwards(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("competitions", "0002_jury_scoring"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
