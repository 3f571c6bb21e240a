"""Texts of the demo news (Gia Lai, 2025–2026): (title, category slug, programme content codes, palette, summary,
paragraphs). Used by demo/news.py."""

ARTICLES = [
    (
        "Khai mạc Hội chợ sản phẩm công nghiệp nông thôn tiêu biểu tỉnh Gia Lai",
        "xuc-tien-thuong-mai",
        ["phat-trien-san-pham", "thong-tin-tuyen-truyen"],
        "brocade",
        "Hơn 120 gian hàng của các cơ sở công nghiệp nông thôn, hợp tác xã và làng nghề trong tỉnh giới thiệu "
        "sản phẩm tiêu biểu tại Quảng trường Đại Đoàn Kết.",
        [
            "Sáng nay, Sở Công Thương phối hợp với Trung tâm Khuyến công tỉnh khai mạc Hội chợ sản phẩm công nghiệp "
            "nông thôn tiêu biểu. Hội chợ kéo dài năm ngày với các gian hàng cà phê, thổ cẩm, rượu cần, mây tre đan.",
            "Ban tổ chức dành khu riêng cho các sản phẩm vừa được công nhận cấp tỉnh, kèm mã QR để khách hàng "
            "xác minh giấy chứng nhận ngay tại gian hàng.",
        ],
    ),
    (
        "Phát động bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2026",
        "binh-chon-san-pham",
        ["phat-trien-san-pham"],
        "metal",
        "Các cơ sở công nghiệp nông thôn trên địa bàn tỉnh đăng ký tham gia bình chọn theo bốn nhóm sản phẩm; "
        "hội đồng chấm điểm theo thang 100 điểm.",
        [
            "Trung tâm Khuyến công tỉnh thông báo kế hoạch bình chọn sản phẩm công nghiệp nông thôn tiêu biểu "
            "cấp tỉnh năm 2026. Sản phẩm đạt từ 50 điểm trở lên được xem xét công nhận.",
            "Hồ sơ gồm phiếu đăng ký, bản thuyết minh sản phẩm, hình ảnh và mẫu sản phẩm; nộp trực tiếp hoặc "
            "qua bưu điện về Trung tâm.",
        ],
    ),
    (
        "Hỗ trợ máy rang xay cà phê cho hợp tác xã ở Chư Sê",
        "hoat-dong-khuyen-cong",
        ["mo-hinh-trinh-dien"],
        "coffee",
        "Từ kinh phí khuyến công địa phương, hợp tác xã được hỗ trợ dây chuyền rang xay, nâng công suất "
        "lên 500 kg cà phê nhân mỗi ngày.",
        [
            "Mô hình trình diễn kỹ thuật được xây dựng ngay tại xưởng của hợp tác xã để các cơ sở lân cận đến "
            "tham quan, học hỏi quy trình rang đều màu, giữ hương.",
            "Đại diện hợp tác xã cho biết nhờ máy mới, sản phẩm cà phê bột đã đủ điều kiện đưa vào chuỗi siêu thị.",
        ],
    ),
    (
        "Làng dệt thổ cẩm Jrai giữ nghề giữa nhịp sống mới",
        "lang-nghe",
        ["phat-trien-san-pham", "thong-tin-tuyen-truyen"],
        "brocade",
        "Hơn 80 hộ trong làng vẫn ngồi bên khung dệt mỗi chiều, làm ra khăn, váy và túi thổ cẩm bán cho khách du lịch.",
        [
            "Những hoa văn hình thoi, răng cưa được các bà, các mẹ truyền lại cho con cháu. Lớp truyền nghề do "
            "nghệ nhân ưu tú đứng lớp thu hút cả các em học sinh.",
            "Làng nghề đang hoàn thiện hồ sơ đề nghị công nhận làng nghề truyền thống.",
        ],
    ),
    (
        "Tập huấn sản xuất sạch hơn cho cơ sở chế biến nông sản",
        "dao-tao",
        ["san-xuat-sach-hon", "nguon-nhan-luc-tu-van"],
        "forest",
        "Sáu mươi học viên từ các cơ sở chế biến hạt điều, cà phê và tinh bột sắn được hướng dẫn tiết kiệm "
        "năng lượng, giảm chất thải.",
        [
            "Chuyên gia hướng dẫn cách đánh giá dòng thải, sử dụng lại nước rửa và tận dụng vỏ cà phê làm phân bón.",
            "Sau khóa học, năm cơ sở đăng ký được tư vấn sản xuất sạch hơn miễn phí trong năm nay.",
        ],
    ),
    (
        "Nghị định 235/2025/NĐ-CP: những điểm mới về khuyến công",
        "chinh-sach",
        ["thong-tin-tuyen-truyen", "nang-cao-nang-luc"],
        "river",
        "Nghị định sửa đổi Nghị định 45/2012/NĐ-CP mở rộng đối tượng thụ hưởng và bổ sung nội dung chuyển đổi "
        "số, sản xuất bền vững.",
        [
            "Từ ngày 15/10/2025, hộ kinh doanh, làng nghề và nghệ nhân được công nhận đều thuộc đối tượng hưởng "
            "chính sách khuyến công.",
            "Nghị định bổ sung hỗ trợ ứng dụng công nghệ số trong sản xuất, quản lý và tiêu thụ sản phẩm.",
        ],
    ),
    (
        "Đưa sản phẩm cà phê Gia Lai lên sàn thương mại điện tử",
        "xuc-tien-thuong-mai",
        ["thong-tin-tuyen-truyen", "nguon-nhan-luc-tu-van"],
        "coffee",
        "Trung tâm hướng dẫn các cơ sở mở gian hàng trực tuyến, chụp ảnh sản phẩm và viết mô tả bán hàng.",
        [
            "Mười lăm cơ sở đã có gian hàng trên các sàn lớn sau hai tháng tham gia chương trình.",
            "Doanh thu trực tuyến của nhóm cơ sở tăng gần gấp đôi so với cùng kỳ.",
        ],
    ),
    (
        "Rượu cần Bahnar: từ bếp lửa nhà sàn đến kệ hàng đặc sản",
        "lang-nghe",
        ["phat-trien-san-pham"],
        "clay",
        "Nghề ủ rượu cần bằng men lá rừng được một hợp tác xã phục dựng, đóng ché và dán nhãn truy xuất nguồn gốc.",
        [
            "Men được làm từ rễ, lá của hơn mười loại cây, phơi khô trên gác bếp theo cách của người Bahnar.",
            "Sản phẩm vừa đạt chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh.",
        ],
    ),
    (
        "Hội nghị tổng kết công tác khuyến công năm 2025",
        "hoat-dong-khuyen-cong",
        ["nang-cao-nang-luc"],
        "metal",
        "Năm 2025, tỉnh thực hiện 24 đề án khuyến công, hỗ trợ 68 cơ sở công nghiệp nông thôn với tổng kinh "
        "phí hơn 9 tỷ đồng.",
        [
            "Các đề án tập trung vào máy móc thiết bị tiên tiến, phát triển sản phẩm và xúc tiến thương mại.",
            "Hội nghị cũng thống nhất kế hoạch khuyến công giai đoạn 2026–2030 theo Quyết định 2646/QĐ-BCT.",
        ],
    ),
    (
        "Lớp truyền nghề đan gùi mây tre cho thanh niên dân tộc thiểu số",
        "dao-tao",
        ["nguon-nhan-luc-tu-van"],
        "forest",
        "Ba mươi thanh niên được nghệ nhân hướng dẫn chọn mây, chẻ nan và đan gùi theo mẫu truyền thống.",
        [
            "Lớp học kéo dài ba tháng, học viên được hỗ trợ tiền ăn và dụng cụ.",
            "Các sản phẩm hoàn thiện được bày bán tại điểm du lịch cộng đồng của làng.",
        ],
    ),
    (
        "Liên kết sản xuất hạt điều giữa hợp tác xã và doanh nghiệp chế biến",
        "hoat-dong-khuyen-cong",
        ["lien-ket-cum-nganh"],
        "clay",
        "Chuỗi liên kết bao tiêu giúp nông dân yên tâm sản xuất, doanh nghiệp có nguồn nguyên liệu ổn định.",
        [
            "Hợp đồng liên kết ba bên được ký kết với sự chứng kiến của Sở Công Thương.",
            "Trung tâm Khuyến công hỗ trợ xây dựng nhãn hiệu chung cho sản phẩm điều rang muối.",
        ],
    ),
    (
        "Công bố kết quả bình chọn sản phẩm công nghiệp nông thôn tiêu biểu năm 2025",
        "binh-chon-san-pham",
        ["phat-trien-san-pham", "thong-tin-tuyen-truyen"],
        "brocade",
        "Hai mươi tám sản phẩm được công nhận cấp tỉnh, năm sản phẩm được đề cử tham gia bình chọn cấp khu vực.",
        [
            "Hội đồng bình chọn đánh giá theo các tiêu chí giá trị văn hóa, thẩm mỹ, kỹ thuật và thị trường.",
            "Giấy chứng nhận có mã QR để người mua xác minh trên cổng thông tin của Trung tâm.",
        ],
    ),
    (
        "Hướng dẫn hồ sơ đề nghị hỗ trợ kinh phí khuyến công địa phương",
        "chinh-sach",
        ["thong-tin-tuyen-truyen"],
        "river",
        "Cơ sở công nghiệp nông thôn cần chuẩn bị đề án, báo giá thiết bị và cam kết đối ứng trước ngày 30/6.",
        [
            "Mức hỗ trợ tối đa tùy theo nội dung: máy móc thiết bị, mô hình trình diễn, đào tạo nghề.",
            "Cán bộ Trung tâm sẵn sàng tư vấn trực tiếp vào giờ hành chính.",
        ],
    ),
    (
        "Gốm thủ công làng Phú Hội: hồi sinh nghề cũ",
        "lang-nghe",
        ["phat-trien-san-pham", "mo-hinh-trinh-dien"],
        "clay",
        "Lò nung tiết kiệm củi được hỗ trợ giúp các hộ làm gốm giảm khói bụi và tăng tỉ lệ sản phẩm đạt.",
        [
            "Đất sét được lọc kỹ, nặn tay trên bàn xoay chân rồi nung ở nhiệt độ gần 1.000 °C.",
            "Các hộ đang thử nghiệm men tro rơm cho dòng gốm trang trí.",
        ],
    ),
    (
        "Tư vấn thiết kế bao bì cho sản phẩm mật ong và măng khô",
        "hoat-dong-khuyen-cong",
        ["nguon-nhan-luc-tu-van", "phat-trien-san-pham"],
        "forest",
        "Bao bì mới ghi rõ nguồn gốc, thành phần và mã truy xuất giúp sản phẩm vào được cửa hàng đặc sản.",
        [
            "Chuyên gia thiết kế làm việc với từng cơ sở để chọn chất liệu, màu sắc và thông tin trên nhãn.",
            "Chi phí thiết kế được hỗ trợ từ kinh phí khuyến công.",
        ],
    ),
    (
        "Đoàn công tác tham quan mô hình cụm công nghiệp chế biến gỗ",
        "hoat-dong-khuyen-cong",
        ["lien-ket-cum-nganh", "nang-cao-nang-luc"],
        "metal",
        "Cán bộ khuyến công các địa phương học tập kinh nghiệm thu hút cơ sở sản xuất vào cụm công nghiệp.",
        [
            "Cụm công nghiệp có hệ thống xử lý nước thải tập trung và khu trưng bày sản phẩm chung.",
            "Đoàn kiến nghị mô hình tương tự cho các làng nghề mộc trong tỉnh.",
        ],
    ),
    (
        "Ứng dụng chuyển đổi số trong quản lý làng nghề",
        "chinh-sach",
        ["nang-cao-nang-luc", "thong-tin-tuyen-truyen"],
        "river",
        "Cơ sở dữ liệu làng nghề, nghệ nhân và sản phẩm tiêu biểu được công khai trên cổng thông tin.",
        [
            "Người dân có thể tra cứu làng nghề trên bản đồ, xem sản phẩm và liên hệ trực tiếp với cơ sở.",
            "Dữ liệu mở được cung cấp dưới dạng CSV và JSON cho các nhà nghiên cứu.",
        ],
    ),
    (
        "Gian hàng Gia Lai tại Hội chợ công thương khu vực Tây Nguyên",
        "xuc-tien-thuong-mai",
        ["thong-tin-tuyen-truyen", "lien-ket-cum-nganh"],
        "coffee",
        "Mười hai cơ sở tiêu biểu của tỉnh giới thiệu cà phê, hồ tiêu, thổ cẩm và đồ gỗ mỹ nghệ.",
        [
            "Nhiều hợp đồng nguyên tắc được ký với các nhà phân phối ở Thành phố Hồ Chí Minh và Đà Nẵng.",
            "Gian hàng chung được thiết kế với họa tiết thổ cẩm, thu hút đông khách tham quan.",
        ],
    ),
    (
        "Bồi dưỡng nghiệp vụ cho cán bộ khuyến công cấp xã",
        "dao-tao",
        ["nang-cao-nang-luc"],
        "metal",
        "Sau sắp xếp đơn vị hành chính, cán bộ cấp xã được hướng dẫn lập đề án và theo dõi cơ sở thụ hưởng.",
        [
            "Khóa học có phần thực hành trên hệ thống quản lý hồ sơ khuyến công trực tuyến.",
            "Học viên được cấp chứng nhận hoàn thành khóa bồi dưỡng.",
        ],
    ),
    (
        "Nghệ nhân rèn đồng kể chuyện giữ lửa lò rèn",
        "lang-nghe",
        ["nguon-nhan-luc-tu-van"],
        "metal",
        "Hơn bốn mươi năm bên lò rèn, nghệ nhân vẫn tự tay làm dao, rựa, chiêng đồng cho bà con trong vùng.",
        [
            "Ông đã truyền nghề cho hơn hai mươi thanh niên trong làng, nhiều người nay mở xưởng riêng.",
            "Sản phẩm rèn thủ công được khách du lịch mua làm quà lưu niệm.",
        ],
    ),
    (
        "Mô hình sấy nông sản bằng năng lượng mặt trời",
        "hoat-dong-khuyen-cong",
        ["mo-hinh-trinh-dien", "san-xuat-sach-hon"],
        "forest",
        "Nhà sấy năng lượng mặt trời giúp cơ sở sấy chuối, mít giảm một nửa chi phí điện và giữ màu sản phẩm.",
        [
            "Mô hình được xây dựng với kinh phí khuyến công quốc gia và phần đối ứng của cơ sở.",
            "Trung tâm tổ chức hội thảo đầu bờ để nhân rộng mô hình.",
        ],
    ),
    (
        "Tọa đàm phát triển sản phẩm quà tặng, lưu niệm từ thổ cẩm",
        "xuc-tien-thuong-mai",
        ["phat-trien-san-pham"],
        "brocade",
        "Nhà thiết kế, nghệ nhân và doanh nghiệp du lịch cùng bàn cách đưa thổ cẩm vào sản phẩm hiện đại.",
        [
            "Ví, túi xách, sổ tay bọc thổ cẩm được giới thiệu như những gợi ý cho thị trường du lịch.",
            "Các bên thống nhất giữ hoa văn gốc và ghi tên người dệt trên nhãn sản phẩm.",
        ],
    ),
]

BULLETINS = [
    (1, "Bản tin Khuyến công Gia Lai – số tháng 9/2026", (2026, 9), "brocade"),
    (2, "Bản tin Khuyến công Gia Lai – số tháng 10/2026", (2026, 10), "coffee"),
    (3, "Bản tin Khuyến công Gia Lai – số tháng 11/2026", (2026, 11), "forest"),
]
