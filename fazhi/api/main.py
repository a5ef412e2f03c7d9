"""The JSON API at /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json). Each part adds its router here."""

from ninja import NinjaAPI

from fazhi.api import calendar, cases, documents, evidence, health, penalties, remedies, suggestions
from fazhi.api.errors import install_error_handlers

api = NinjaAPI(
    title="法治 Fazhi API",
    version="1",
    description=(
        "人力资源和社会保障局执法办案系统接口。错误统一返回 JSON：`message`（中文说明）与 `detail`。\n\n"
        "Fazhi JSON API. Errors always answer JSON with `message` (Chinese) and `detail`."
    ),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/health", health.router)
api.add_router("/calendar", calendar.router)
api.add_router("/cases", cases.router)
api.add_router("/cases", evidence.router)
api.add_router("/cases", documents.router)
api.add_router("/penalties", penalties.router)
api.add_router("/suggestions", suggestions.router)
api.add_router("/remedies", remedies.router)
