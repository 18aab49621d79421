"""User-facing errors: their message is the whole story (file, key or line, what was expected)."""


class SftopsError(Exception):
    """An error the user can act on; printed as one message, without a traceback."""


class ParamsError(SftopsError):
    """params.yaml (or an override) is invalid; the message names the file and the key."""


class StageCrashed(Exception):
    """A stage's work died for a reason that may not recur (a killed or crashed worker process): printed as one
    message like :class:`SftopsError`, but with an exit code the flow retries."""
