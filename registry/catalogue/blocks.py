"""StreamField blocks of registry pages: text, pictures, a specification table and a video embed."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class SpecificationRowBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Thông số"))
    value = blocks.CharBlock(label=_("Giá trị"))


class RegistryBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", label=_("Tiêu đề mục"), template="blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=["bold", "italic", "link", "ol", "ul"])
    image = ImageBlock(label=_("Ảnh"), template="blocks/image.html")
    specification = blocks.ListBlock(
        SpecificationRowBlock(), label=_("Bảng thông số"), template="blocks/specification.html"
    )
    table = TableBlock(label=_("Bảng"))
    video = EmbedBlock(label=_("Video"), help_text=_("Địa chỉ video YouTube hoặc Facebook."))
