"""Small service modules holding the competitions' business rules (views stay thin)."""
