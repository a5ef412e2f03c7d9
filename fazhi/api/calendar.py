"""Calendar endpoints (working-day arithmetic). Filled in by the calendar work."""

from ninja import Router

router = Router(tags=["calendar"])
