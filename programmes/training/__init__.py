"""Training courses (đào tạo nghề, tập huấn) with online registration, and the collaborator network (cộng tác viên
khuyến công): issue 16, items 4–5. Decree 45/2012/NĐ-CP (amended by 235/2025/NĐ-CP) lists training and
capacity building among the contents of industrial promotion."""
