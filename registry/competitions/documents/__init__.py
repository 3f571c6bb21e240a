"""Generated documents: XLSX (openpyxl) and PDF (WeasyPrint, imported lazily)."""
