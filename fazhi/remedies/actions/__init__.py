"""Every step of a reconsideration or a lawsuit against a decision of the bureau, one action each (the rows of
fazhi/remedies/workflow.py): the permission and the state are checked first, then the statute's conditions; the record
changes under a row lock, the statutory periods of the step are met and opened on the case, the case's remedy facts
follow (fazhi.cases.remedy_facts.facts_changed), and one journal entry is written in the same transaction. An attempt
by someone without the role or outside the unit scope is journaled as refused and raised (`RemedyRefused`); a step
whose conditions fail raises `RemedyBlocked` with the reasons, in Chinese, and changes nothing.
"""

from fazhi.remedies.actions.common import RemedyBlocked, RemedyConflict, RemedyError, RemedyRefused
from fazhi.remedies.actions.litigation import (
    appeal_deadline,
    approve_defence,
    record_effective,
    record_judgment,
    record_performance,
    register_appeal,
    register_litigation,
    submit_defence,
)
from fazhi.remedies.actions.reconsideration import (
    approve_answer,
    record_outcome,
    register_reconsideration,
    submit_answer,
)
from fazhi.remedies.actions.shared import record_discussion, record_hearing, record_suspension

__all__ = [
    "RemedyBlocked",
    "RemedyConflict",
    "RemedyError",
    "RemedyRefused",
    "appeal_deadline",
    "approve_answer",
    "approve_defence",
    "record_discussion",
    "record_effective",
    "record_hearing",
    "record_judgment",
    "record_outcome",
    "record_performance",
    "record_suspension",
    "register_appeal",
    "register_litigation",
    "register_reconsideration",
    "submit_answer",
    "submit_defence",
]
