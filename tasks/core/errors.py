"""User-facing errors: their message is the whole story (file, key or line, what was expected)."""


class SftopsError(Exception):
    """An error the user can act on; printed as one message, without a traceback."""
