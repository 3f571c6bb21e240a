"""Date formats of the project, per language (``FORMAT_MODULE_PATH``): dates are typed and shown day first."""
