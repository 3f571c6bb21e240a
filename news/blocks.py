"""StreamField blocks of a news article body: rich text, images, galleries, quotes, embeds, documents, tables."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề bộ ảnh"), required=False)
    images = blocks.ListBlock(ImageBlock(label=_("Ảnh")), label=_("Ảnh"), min_num=2)

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "news/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "news/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False, help_text=_("Để trống thì dùng tên tài liệu."))

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "news/blocks/document.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Ảnh"), template="news/blocks/image.html")
    gallery = GalleryBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Video, nội dung nhúng"), help_text=_("Đường dẫn YouTube, Facebook…"))
    document = DocumentBlock()
    table = TableBlock(label=_("Bảng"), template="news/blocks/table.html")
