"""Models of the support projects: the project pages and their listing/dashboard page."""

from .indexes import ProjectIndexPage
from .projects import ProjectDocument, ProjectPage, ProjectPhoto, ProjectRelatedNews

__all__ = ["ProjectDocument", "ProjectIndexPage", "ProjectPage", "ProjectPhoto", "ProjectRelatedNews"]
