"""Help text of the catalogue editors' fields whose model field has none (applied by ``wagtail_hooks.py`` through
``core.admin_help.add_help_texts``; English in this app's locale)."""

from django.utils.translation import gettext_lazy as _

HELP_TEXTS = {
    "catalogue.artisanindexpage": {
        "intro": _("Đoạn mở đầu phía trên danh sách nghệ nhân."),
    },
    "catalogue.craftvillageindexpage": {
        "intro": _("Đoạn mở đầu phía trên danh sách và bản đồ làng nghề."),
    },
    "catalogue.artisanpage": {
        "portrait": _("Ảnh chân dung của nghệ nhân (ảnh đứng)."),
        "birth_year": _("Năm sinh, bốn chữ số, ví dụ 1962."),
        "craft_village": _("Làng nghề nơi nghệ nhân làm nghề (nếu có)."),
        "commune": _("Xã/phường nơi nghệ nhân sinh sống."),
        "years_in_trade": _("Số năm đã làm nghề."),
        "trainees": _("Số người nghệ nhân đã truyền nghề."),
        "biography": _("Tiểu sử ngắn: quê quán, quá trình làm nghề."),
        "works": _("Các tác phẩm tiêu biểu, mỗi tác phẩm một khối (ảnh và mô tả)."),
        "awards": _("Các giải thưởng, bằng khen đã nhận (năm, tên giải)."),
    },
    "catalogue.artisantitle": {
        "kind": _('Danh hiệu được phong, ví dụ "Nghệ nhân ưu tú".'),
        "decision_number": _("Số của quyết định phong danh hiệu, ví dụ 123/QĐ-UBND."),
        "decision_date": _("Ngày ký quyết định, dạng 29/11/2026."),
        "issuer": _('Cơ quan ra quyết định, ví dụ "UBND tỉnh Gia Lai".'),
    },
    "catalogue.craftvillagepage": {
        "village_type": _("Làng nghề hay làng nghề truyền thống (Nghị định 52/2018/NĐ-CP)."),
        "trade_groups": _("Đánh dấu các nhóm ngành nghề của làng (có thể chọn nhiều)."),
        "commune": _("Xã/phường nơi có làng nghề."),
        "legacy_district": _("Tên huyện cũ trước khi sắp xếp đơn vị hành chính (nếu cần ghi)."),
        "latitude": _("Vĩ độ theo độ thập phân, dấu phẩy, ví dụ 13,9833; để trống nếu chưa rõ."),
        "longitude": _("Kinh độ theo độ thập phân, dấu phẩy, ví dụ 108,0000; để trống nếu chưa rõ."),
        "households_total": _("Tổng số hộ của làng."),
        "households_in_trade": _("Số hộ tham gia làm nghề (Nghị định 52 yêu cầu ít nhất 20 %)."),
        "meets_environmental_rules": _("Đánh dấu nếu làng đáp ứng điều kiện bảo vệ môi trường theo quy định."),
        "recognition_decision_number": _("Số quyết định công nhận làng nghề, ví dụ 456/QĐ-UBND."),
        "recognition_decision_date": _("Ngày ký quyết định công nhận, dạng 29/11/2026."),
        "recognition_issuer": _('Cơ quan ra quyết định công nhận, ví dụ "UBND tỉnh Gia Lai".'),
        "hero_image": _("Ảnh ngang lớn ở đầu trang làng nghề."),
        "summary": _("Hai, ba câu giới thiệu làng nghề, hiện trong danh sách."),
        "body": _("Nội dung chi tiết: lịch sử, sản phẩm, con người."),
    },
    "catalogue.traditionaltrade": {
        "name": _('Tên nghề truyền thống được công nhận, ví dụ "Dệt thổ cẩm".'),
        "recognition_decision": _("Số quyết định công nhận nghề truyền thống."),
    },
    "catalogue.villagegalleryimage": {
        "image": _("Một ảnh của thư viện ảnh làng nghề."),
        "caption": _("Chú thích ngắn dưới ảnh."),
    },
    "catalogue.productpage": {
        "product_group": _("Nhóm sản phẩm, dùng để lọc danh mục sản phẩm."),
        "producer": _("Cơ sở sản xuất ra sản phẩm; bấm nút chọn để tìm theo tên."),
        "body": _("Mô tả sản phẩm: công dụng, đặc điểm, câu chuyện sản phẩm."),
        "materials": _("Nguyên liệu và thành phần chính, cách nhau bằng dấu phẩy."),
        "packaging": _('Quy cách đóng gói, ví dụ "Hộp giấy 500 g".'),
        "craft_village": _("Làng nghề làm ra sản phẩm (nếu có)."),
        "artisans": _("Đánh dấu các nghệ nhân làm ra sản phẩm (có thể chọn nhiều)."),
    },
    "catalogue.productgalleryimage": {
        "image": _("Một ảnh của sản phẩm; ảnh đầu tiên là ảnh đại diện."),
        "caption": _("Chú thích ngắn dưới ảnh."),
    },
    "catalogue.certificate": {
        "product": _("Sản phẩm được chứng nhận."),
        "level": _("Cấp công nhận (số sao hoặc cấp tỉnh, khu vực, quốc gia)."),
        "year": _("Năm được công nhận, bốn chữ số."),
        "decision_number": _("Số quyết định công nhận, ví dụ 789/QĐ-UBND."),
        "decision_date": _("Ngày ký quyết định, dạng 29/11/2026."),
        "valid_from": _("Ngày chứng nhận bắt đầu có hiệu lực, dạng 29/11/2026."),
        "source": _("Chứng nhận có từ đâu (nhập tay, nhập tệp, kết quả bình chọn)."),
        "revoked_at": _("Chỉ điền khi chứng nhận bị thu hồi: ngày thu hồi."),
        "revoked_reason": _("Chỉ điền khi chứng nhận bị thu hồi: lý do, số quyết định thu hồi."),
    },
    "catalogue.commune": {
        "province": _("Tỉnh của xã/phường."),
        "kind": _("Xã, phường hay đặc khu."),
        "effective_from": _("Ngày đơn vị hành chính có hiệu lực, dạng 01/07/2025."),
    },
    "catalogue.province": {
        "name": _('Tên tỉnh, ví dụ "Gia Lai".'),
    },
    "catalogue.titlekind": {
        "name": _('Tên danh hiệu, ví dụ "Nghệ nhân nhân dân".'),
    },
    "catalogue.producer": {
        "name": _("Tên cơ sở đúng như trên giấy đăng ký kinh doanh."),
        "kind": _("Loại hình: hộ kinh doanh, hợp tác xã, doanh nghiệp…"),
        "commune": _("Xã/phường nơi đặt cơ sở."),
        "address": _("Số nhà, đường, thôn/làng (không cần ghi xã, tỉnh)."),
        "representative": _('Họ tên người đại diện, ví dụ "Nguyễn Văn An".'),
        "phone": _("Số điện thoại liên hệ, ví dụ 0269 3824 123."),
        "email": _("Địa chỉ thư điện tử liên hệ (không bắt buộc)."),
        "website": _("Địa chỉ trang web, bắt đầu bằng https:// (không bắt buộc)."),
        "logo": _("Logo của cơ sở (ảnh vuông, nền trắng nếu có thể)."),
        "description": _("Giới thiệu ngắn về cơ sở: lịch sử, sản phẩm chính."),
    },
}
