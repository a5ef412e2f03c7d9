"""The JSON API at /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json). Each part adds its router here."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="法治 Fazhi API",
    version="1",
    description="人力资源和社会保障局执法办案系统接口 — Fazhi JSON API",
    urls_namespace="api",
)
