from fazhi.cases.tests.conftest import _on_a_known_day, register

__all__ = ["_on_a_known_day", "register"]
