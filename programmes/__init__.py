"""Industrial-promotion programmes (khuyến công): support projects, training courses and collaborators.

The package holds two Django apps: ``programmes`` (support projects, the public list, the transparency
dashboard and their open data) and ``programmes.training`` (training courses and the collaborator network).
"""
