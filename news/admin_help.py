"""Help text of the news editors' fields whose model field has none (applied by ``wagtail_hooks.py`` through
``core.admin_help.add_help_texts``; English in this app's locale)."""

from django.utils.translation import gettext_lazy as _

HELP_TEXTS = {
    "news.announcementpage": {
        "competition": _("Cuộc bình chọn mà thông báo này giới thiệu; trang sẽ hiện cuộc đó còn nhận hồ sơ hay không."),
        "date": _("Ngày hiển thị trên thông báo, dạng 29/11/2026."),
        "featured_image": _("Ảnh ngang hiện trong danh sách tin và khi chia sẻ lên mạng xã hội."),
        "body": _("Nội dung thông báo: đối tượng, thời hạn, cách nộp hồ sơ."),
        "rules_document": _("Tệp thể lệ và mẫu hồ sơ (PDF hoặc Word) để người đọc tải về."),
    },
    "news.bulletinindexpage": {
        "intro": _("Đoạn mở đầu phía trên danh sách bản tin."),
    },
    "news.bulletinpage": {
        "document": _("Tệp PDF của bản tin để người đọc tải về."),
        "summary": _("Hai, ba câu giới thiệu số bản tin này."),
        "contents": _("Mục lục: các bài trong số bản tin, theo thứ tự."),
    },
    "news.newscategory": {
        "name": _('Tên chuyên mục hiện trên trang tin, ví dụ "Hoạt động khuyến công".'),
    },
    "news.newspage": {
        "category": _("Chuyên mục của tin; bấm nút chọn để chọn trong danh sách."),
        "featured_image_caption": _("Chú thích ngắn hiện dưới ảnh đại diện (nội dung ảnh, nguồn ảnh)."),
        "body": _("Nội dung bài: đoạn văn, ảnh, trích dẫn; bấm dấu + để thêm khối."),
    },
    "news.newsrelatedproduct": {
        "product": _("Sản phẩm được nhắc tới trong bài; hiện thành liên kết cuối bài."),
    },
    "news.newsrelatedvillage": {
        "village": _("Làng nghề được nhắc tới trong bài; hiện thành liên kết cuối bài."),
    },
    "news.newsrelatedartisan": {
        "artisan": _("Nghệ nhân được nhắc tới trong bài; hiện thành liên kết cuối bài."),
    },
    "news.programmecontent": {
        "code": _('Mã ngắn không dấu dùng trong địa chỉ và khi nhập dữ liệu, ví dụ "dao-tao-nghe".'),
        "name": _('Tên nội dung khuyến công theo văn bản pháp luật, ví dụ "Đào tạo nghề, truyền nghề".'),
        "rank": _("Thứ tự hiển thị trong danh sách (số nhỏ đứng trước)."),
    },
}
