"""The JSON API at /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json). Each part adds its router here."""

from ninja import NinjaAPI

from fazhi.api import calendar, health

api = NinjaAPI(
    title="法治 Fazhi API",
    version="1",
    description="人力资源和社会保障局执法办案系统接口 — Fazhi JSON API",
    urls_namespace="api",
)
api.add_router("/health", health.router)
api.add_router("/calendar", calendar.router)
