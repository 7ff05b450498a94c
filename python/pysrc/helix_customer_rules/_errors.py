"""The exception the binding raises for a document it cannot evaluate."""


class RequestError(ValueError):
    """A request document that cannot be evaluated: an unknown settings key, a bad
    ``context.today``, an unknown code in ``ignore``, a document without ``patch``.

    The body's own problems (a bad date, a missing address line, a body that is not JSON) are
    violations in the result, never this exception.
    """
