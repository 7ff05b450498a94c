import datetime
from typing import Iterable, List, Optional, Union

from ._types import ErrorItem, RequestLike, Result, Rule

__all__ = ["rules", "validate", "validate_many", "__version__"]

__version__: str

def validate(
    request: RequestLike,
    *,
    today: Optional[Union[str, datetime.date]] = None,
) -> Result:
    """Validates one request document and returns the result document.

    ``request`` is a dict, or its JSON as ``str`` or ``bytes``. ``today`` (``YYYY-MM-DD`` or a
    ``datetime.date``) is the day a document without ``context.today`` is judged on; without
    it, the local calendar day.

    Raises ``RequestError`` when the document cannot be evaluated, ``TypeError`` when the
    request (or a value in the dict) has no JSON form.
    """

def validate_many(
    requests: Iterable[RequestLike],
    *,
    today: Optional[Union[str, datetime.date]] = None,
) -> List[Union[Result, ErrorItem]]:
    """Validates a batch of request documents, in order, with the GIL released while they run.

    A document that cannot be evaluated gives ``{"error": "..."}`` in its place instead of
    raising; a request of the wrong type raises ``TypeError``.
    """

def rules() -> List[Rule]:
    """The rules catalogue, one dict per rule in ascending code order."""
