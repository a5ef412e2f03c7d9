"""The bench server's settings (bench/bench_portal.py only): the production settings as the environment gives them
(DEBUG off), with the bench's URLs (production's plus the minimal JSON view)."""

from fazhi.settings import *  # noqa: F403

ROOT_URLCONF = "bench_portal_urls"
