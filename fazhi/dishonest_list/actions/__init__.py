"""Every step of a listing on the wage-arrears dishonest list (人社部令第45号), one action each (the rows of
fazhi/dishonest_list/workflow.py): the permission and the state are checked first, then the statute's conditions;
the listing changes under a row lock, the statutory periods of the step are met and opened on the case, and one
journal entry is written in the same transaction. An attempt by someone without the role or outside the unit scope
is journaled as refused (`record_refusal`) and raised; a step whose conditions fail raises `ListingBlocked` with the
reasons, in Chinese, and changes nothing.
"""

from fazhi.dishonest_list.actions.common import (
    EARLY_REMOVAL_PREFIX,
    LISTING_PREFIX,
    OBJECT_TYPE,
    Change,
    ListingBlocked,
    ListingConflict,
    ListingError,
    ListingRefused,
    _take,
    arrears_of,
)
from fazhi.dishonest_list.actions.notice import (
    answer_objection,
    decide_listing,
    exempt,
    extend_decision_period,
    give_notice,
    publish,
    published_address,
    record_objection,
)
from fazhi.dishonest_list.actions.removal import (
    early_removal_problems,
    expire,
    grant_early_removal,
    receive_application,
    refuse_early_removal,
    remove,
    restore,
    revoke,
    sweep_expired,
)

__all__ = [
    "EARLY_REMOVAL_PREFIX",
    "LISTING_PREFIX",
    "OBJECT_TYPE",
    "Change",
    "ListingBlocked",
    "ListingConflict",
    "ListingError",
    "ListingRefused",
    "_take",
    "answer_objection",
    "arrears_of",
    "decide_listing",
    "early_removal_problems",
    "exempt",
    "expire",
    "extend_decision_period",
    "give_notice",
    "grant_early_removal",
    "publish",
    "published_address",
    "receive_application",
    "record_objection",
    "refuse_early_removal",
    "remove",
    "restore",
    "revoke",
    "sweep_expired",
]
