"""Time the results of a competition with 1,000 entries × 15 jurors × 4 criteria and count its queries.

    .venv/bin/python bench/scoring.py [--entries 1000 --jurors 15]

Uses its own SQLite database (``BENCH_DATABASE_URL``, default /tmp/kc-bench-scoring.db), migrated on first run;
products are created once and reused, the competition is rebuilt each run inside a rolled-back transaction.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/kc-bench-scoring.db")


class Rollback(Exception):
    pass


def main():
    import django

    django.setup()
    from decimal import Decimal

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--jurors", type=int, default=15)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    from registry.catalogue.models import ProductPage
    from registry.competitions.models import Competition, Entry, Juror, Rubric, Score, ScoreSheet
    from registry.competitions.services.results import compute_results
    from tests.factories import ProducerFactory, UserFactory, ensure_site, product_index

    ensure_site()
    index = product_index()
    existing = ProductPage.objects.count()
    if existing < args.entries:
        producer = ProducerFactory()
        started = time.perf_counter()
        for n in range(existing, args.entries):
            index.add_child(
                instance=ProductPage(
                    title=f"Sản phẩm thử {n}", slug=f"bench-{n}", product_group="other", producer=producer
                )
            )
        print(f"created {args.entries - existing} products in {time.perf_counter() - started:.1f} s")
    rubric = Rubric.objects.get(name="Phiếu chấm điểm sản phẩm CNNT tiêu biểu")
    criteria = list(rubric.top_criteria())
    products = list(ProductPage.objects.order_by("pk")[: args.entries])

    try:
        with transaction.atomic():
            started = time.perf_counter()
            comp = Competition.objects.create(
                name="Bench", slug="bench-scoring", year=2026, rubric=rubric, status="closed"
            )
            Entry.objects.bulk_create(
                [
                    Entry(
                        competition=comp,
                        product=p,
                        producer_id=p.producer_id,
                        product_group="other",
                        number=i,
                        code=f"B-{i:04d}",
                    )
                    for i, p in enumerate(products, start=1)
                ]
            )
            users = [UserFactory(username=f"bench-juror-{j}") for j in range(args.jurors)]
            jurors = Juror.objects.bulk_create([Juror(competition=comp, user=u) for u in users])
            entries = list(Entry.objects.filter(competition=comp))
            sheets = ScoreSheet.objects.bulk_create(
                [
                    ScoreSheet(entry=e, juror=j, status="submitted", submitted_at=comp_time())
                    for e in entries
                    for j in jurors
                ],
                batch_size=5000,
            )
            if not sheets[0].pk:
                sheets = list(ScoreSheet.objects.filter(entry__competition=comp))
            Score.objects.bulk_create(
                [
                    Score(
                        sheet=s,
                        criterion=c,
                        max_points=c.max_points,
                        value=Decimal((s.pk * 7 + c.pk) % int(c.max_points * 2)) / 2,
                    )
                    for s in sheets
                    for c in criteria
                ],
                batch_size=5000,
            )
            print(
                f"built {len(entries)} entries × {len(jurors)} jurors × {len(criteria)} criteria in {time.perf_counter() - started:.1f} s"
            )
            comp = Competition.objects.select_related("rubric").get(pk=comp.pk)
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                data = compute_results(comp)
                elapsed = time.perf_counter() - started
            print(
                f"compute_results: {len(data['rows'])} ranked entries, {len(ctx)} queries, {elapsed:.2f} s "
                f"({connection.vendor})"
            )
            raise Rollback
    except Rollback:
        pass


def comp_time():
    from django.utils import timezone

    return timezone.now()


if __name__ == "__main__":
    main()
