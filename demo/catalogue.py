"""Demo step for the registry (``registry.catalogue``): places, producers, villages, artisans, products and
certificates of Gia Lai. Idempotent (records are found by code, slug or serial); ``ctx.scale`` multiplies
producers, products and certificates for benchmarks."""

import datetime
from decimal import Decimal

from registry.catalogue.choices import CertificateSource, Level, Region
from registry.catalogue.models import (
    ArtisanIndexPage,
    ArtisanPage,
    ArtisanTitle,
    Certificate,
    Commune,
    CraftVillageIndexPage,
    CraftVillagePage,
    Producer,
    ProductGalleryImage,
    ProductIndexPage,
    ProductPage,
    Province,
    TitleKind,
    TradeGroupTag,
    TraditionalTrade,
)

from . import catalogue_data as data
from .catalogue_products import PRODUCTS


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_places(ctx):
    province, _ = Province.objects.get_or_create(code=data.PROVINCE[0], defaults={"name": data.PROVINCE[1]})
    communes = {}
    for code, name, kind, _legacy in data.COMMUNES:
        communes[code], _ = Commune.objects.get_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "province": province, "effective_from": datetime.date(2025, 7, 1)},
        )
    ctx.write(f"  communes: {len(communes)}")
    return communes


def _legacy(code):
    return next(legacy for c, _n, _k, legacy in data.COMMUNES if c == code)


def seed_villages(ctx, index, communes):
    groups = {g.code: g for g in TradeGroupTag.objects.all()}
    villages = {}
    for number, row in enumerate(data.VILLAGES, start=1):
        (
            slug,
            title,
            vtype,
            trade,
            group_codes,
            commune,
            lat,
            lon,
            total,
            in_trade,
            years,
            decision,
            date,
            tradition,
            palette,
        ) = row
        page = CraftVillagePage.objects.filter(slug=slug).first()
        if page is None:
            page = CraftVillagePage(
                title=title,
                slug=slug,
                village_type=vtype,
                main_trade=trade,
                commune=communes[commune],
                legacy_district=_legacy(commune),
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                households_total=total,
                households_in_trade=in_trade,
                stable_production_years=years,
                recognition_decision_number=decision,
                recognition_decision_date=datetime.date.fromisoformat(date),
                recognition_issuer="UBND tỉnh Gia Lai" if commune < "21552" else "UBND tỉnh Bình Định",
                summary=f"{title}: nghề {trade.lower()} của bà con {communes[commune]}.",
                hero_image=ctx.image(title, palette),
                body=[("paragraph", f"<p>{title} gìn giữ nghề {trade.lower()} qua nhiều thế hệ.</p>")],
            )
            page.trade_groups = [groups[c] for c in group_codes]
            if tradition:
                page.traditional_trades = [TraditionalTrade(name=tradition[0], years_present=tradition[1])]
            _publish_child(index, page)
        villages[slug] = page
        ctx.progress("villages", number, len(data.VILLAGES))
    return villages


def seed_artisans(ctx, index, communes, villages):
    kinds = {k.name: k for k in TitleKind.objects.all()}
    artisans = {}
    for number, row in enumerate(data.ARTISANS, start=1):
        slug, title, trade, born, ethnicity, village, commune, years, trainees, titles, summary = row
        page = ArtisanPage.objects.filter(slug=slug).first()
        if page is None:
            page = ArtisanPage(
                title=title,
                slug=slug,
                trade=trade,
                birth_year=born,
                ethnicity=ethnicity,
                craft_village=villages[village],
                commune=communes[commune],
                legacy_district=_legacy(commune),
                years_in_trade=years,
                trainees=trainees,
                summary=summary,
                portrait=ctx.image("Chân dung " + title, "brocade", (900, 1200)),
                biography=f"<p>{title} sinh năm {born}, theo nghề {trade.lower()} từ nhỏ.</p>",
            )
            page.titles = [
                ArtisanTitle(
                    kind=kinds[name],
                    decision_number=f"{1200 + i * 37 + number}/QĐ-CTN",
                    decision_date=datetime.date(2019 + i, 11, 20),
                    issuer="Chủ tịch nước" if kinds[name].is_national else "UBND tỉnh",
                )
                for i, name in enumerate(titles)
            ]
            _publish_child(index, page)
        artisans[slug] = page
        ctx.progress("artisans", number, len(data.ARTISANS))
    return artisans


def seed_producers(ctx, communes):
    producers = {}
    for copy in range(ctx.scale):
        for slug, name, kind, tax, rep, address, commune, phone, description in data.PRODUCERS:
            suffix = f"-{copy + 1}" if copy else ""
            producer, _ = Producer.objects.get_or_create(
                slug=slug + suffix,
                defaults={
                    "name": name + (f" (cơ sở {copy + 1})" if copy else ""),
                    "kind": kind,
                    "tax_code": f"{tax}{suffix}" if tax else "",
                    "representative": rep,
                    "address": address,
                    "commune": communes[commune],
                    "legacy_district": _legacy(commune),
                    "phone": phone,
                    "email": f"lienhe@{slug[:20]}.example.vn",
                    "description": description,
                },
            )
            producers[producer.slug] = producer
        ctx.progress("producers", len(producers), len(data.PRODUCERS) * ctx.scale)
    return producers


def _product_page(ctx, row, copy, producers, villages, artisans):
    slug, title, group, producer, village, palette, summary, materials, packaging = row
    suffix = f"-{copy + 1}" if copy else ""
    image = ctx.image(title, palette)
    page = ProductPage(
        title=title + (f" – lô {copy + 1}" if copy else ""),
        slug=slug + suffix,
        product_group=group,
        producer=producers[producer + suffix],
        craft_village=villages.get(village),
        summary=summary,
        materials=materials,
        packaging=packaging,
        where_to_buy="Cửa hàng giới thiệu sản phẩm, 123 Lê Duẩn, Quy Nhơn; sàn thương mại điện tử của tỉnh.",
        hero_image=image,
        body=[
            ("paragraph", f"<p>{summary} Sản phẩm được công nhận là sản phẩm công nghiệp nông thôn tiêu biểu.</p>"),
            (
                "specification",
                [{"name": "Nguyên liệu", "value": materials}, {"name": "Quy cách", "value": packaging}],
            ),
        ],
    )
    if copy == 0:
        page.gallery_images = [
            ProductGalleryImage(image=image, caption=title),
            ProductGalleryImage(image=ctx.image(title + " – chi tiết", palette, (900, 900)), caption="Chi tiết"),
        ]
        page.artisans = [a for a in artisans.values() if village and a.craft_village_id == villages[village].pk]
    return page


def seed_products(ctx, index, producers, villages, artisans):
    products = []
    total = len(PRODUCTS) * ctx.scale
    for copy in range(ctx.scale):
        for row in PRODUCTS:
            slug = row[0] + (f"-{copy + 1}" if copy else "")
            page = ProductPage.objects.filter(slug=slug).first()
            if page is None:
                page = _publish_child(index, _product_page(ctx, row, copy, producers, villages, artisans))
            products.append(page)
            if len(products) % 10 == 0 or len(products) == total:
                ctx.progress("products", len(products), total)
    return products


def _certificate_plan(number, product):
    """(serial, level, region, year, score, decision, decision date, issuer, valid from, valid until) of a product."""
    kind = number % 3
    if kind == 0:
        return (
            f"GL-2024-T-{number:04d}",
            Level.PROVINCIAL,
            "",
            2024,
            70 + number % 20,
            "1123/QĐ-UBND",
            datetime.date(2024, 6, 27),
            "UBND tỉnh Gia Lai",
            datetime.date(2024, 6, 27),
            datetime.date(2027, 6, 27),
        )
    if kind == 1:
        return (
            f"KV-2024-{number:04d}",
            Level.REGIONAL,
            Region.CENTRAL,
            2024,
            75 + number % 15,
            "3021/QĐ-BCT",
            datetime.date(2024, 10, 15),
            "Bộ Công Thương",
            datetime.date(2024, 10, 15),
            datetime.date(2028, 10, 15),
        )
    return (
        f"GL-2023-H-{number:04d}",
        Level.DISTRICT,
        "",
        2023,
        65 + number % 25,
        f"{200 + number}/QĐ-UBND",
        datetime.date(2023, 9, 5),
        "UBND huyện (cũ)",
        datetime.date(2023, 9, 5),
        None,
    )


def seed_certificates(ctx, products):
    created = 0
    for number, product in enumerate(products, start=1):
        plans = [_certificate_plan(number, product)]
        if number == 1:  # an expired provincial certificate of 2019
            plans.append(
                (
                    "GL-2019-T-0001",
                    Level.PROVINCIAL,
                    "",
                    2019,
                    82,
                    "344/QĐ-UBND",
                    datetime.date(2019, 6, 27),
                    "UBND tỉnh Gia Lai",
                    datetime.date(2019, 6, 27),
                    datetime.date(2022, 6, 27),
                )
            )
        for serial, level, region, year, score, decision, decided, issuer, start, end in plans:
            _cert, was_created = Certificate.objects.get_or_create(
                serial=serial,
                defaults={
                    "product": product,
                    "level": level,
                    "region": region,
                    "year": year,
                    "score": Decimal(score),
                    "decision_number": decision,
                    "decision_date": decided,
                    "issuer": issuer,
                    "valid_from": start,
                    "valid_until": end,
                    "source": CertificateSource.IMPORTED,
                },
            )
            created += was_created
    revoked = Certificate.objects.filter(serial="GL-2023-H-0002", revoked_at__isnull=True).first()
    if revoked:
        revoked.revoke(
            "Cơ sở thay đổi công thức sản phẩm, không còn đúng hồ sơ được công nhận.", on=datetime.date(2025, 9, 1)
        )
    ctx.write(f"  certificates: {Certificate.objects.count()} ({created} new)")


def seed(ctx):
    """Demo step: places, villages, artisans, producers, products and certificates under setup_site's pages."""
    indexes = {model: ctx.index(model) for model in (ProductIndexPage, CraftVillageIndexPage, ArtisanIndexPage)}
    communes = seed_places(ctx)
    villages = seed_villages(ctx, indexes[CraftVillageIndexPage], communes)
    artisans = seed_artisans(ctx, indexes[ArtisanIndexPage], communes, villages)
    producers = seed_producers(ctx, communes)
    products = seed_products(ctx, indexes[ProductIndexPage], producers, villages, artisans)
    seed_certificates(ctx, products)
