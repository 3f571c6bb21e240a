"""What a producer may know of their entries once, and only once, the results are published: the result the public
results page shows (computed by ``services.results.compute_results`` from the submitted sheets, which nothing changes
after publication except an audited amendment, so it is the published result) and the certificate, if any.

Before publication (any state up to "decided", when the council may still decide again and certificates may be
reissued) nothing is returned: the producers' portal then shows only the competition's state."""

from ..lifecycle import FROZEN_STATES
from .results import compute_results


def is_published(competition):
    """Whether ``competition``'s results are public (published, or published then archived)."""
    return competition.status in FROZEN_STATES


def published_results(entries):
    """``{entry id: EntryResult}`` for those of ``entries`` (with ``competition`` loaded) whose competition has
    published its results, ranked among every entry of their competition as on the public page. Entries that
    were not scored (ineligible, withdrawn) have no result. Queries: a fixed number per distinct published
    competition among ``entries`` (a producer enters a few, one every two years or so), none per entry."""
    wanted = {}
    for entry in entries:
        if is_published(entry.competition):
            wanted.setdefault(entry.competition_id, (entry.competition, set()))[1].add(entry.id)
    results = {}
    for competition, ids in wanted.values():
        for entry, result in compute_results(competition)["rows"]:
            if entry.id in ids:
                results[entry.id] = result
    return results


def published_certificate(entry):
    """The certificate of ``entry`` (with ``competition`` and ``certificate`` loaded) its producer may download:
    the results are published, the council recognized the entry and the certificate is not revoked; else
    ``None``."""
    certificate = entry.certificate
    if certificate is None or not entry.recognized or not is_published(entry.competition):
        return None
    return None if certificate.revoked_at else certificate
