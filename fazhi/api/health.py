"""GET /api/v1/health: is the application up and can it reach its database."""

from django.db import DatabaseError, connection
from ninja import Router, Schema, Status

router = Router(tags=["health"])


class HealthOut(Schema):
    status: str
    database: str


@router.get("", response={200: HealthOut, 503: HealthOut}, summary="健康检查 Health check", auth=None)
def health(request: object) -> Status[HealthOut]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return Status(503, HealthOut(status="unavailable", database="unreachable"))
    return Status(200, HealthOut(status="ok", database=connection.vendor))
