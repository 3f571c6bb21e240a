"""Search backends: ``database`` (Wagtail's database search over pages, folded columns for records) and
``elastic`` (Elasticsearch indices of the registered searchable types)."""
