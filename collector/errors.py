"""Domain exceptions. The CLI turns these into one-line ``Error: ...`` messages."""


class CollectorError(Exception):
    """Base class for every error the CLI reports as one line."""


class ConfigError(CollectorError):
    """A configuration file or value is invalid."""


class SourceError(CollectorError):
    """A channel, playlist or export could not be listed or read."""


class StoreError(CollectorError):
    """The database cannot be opened, migrated or written."""


class ServiceError(CollectorError):
    """A remote service refused or failed a request."""

    transient = False  # True: a later attempt may succeed (the video stays pending)


class MalformedResponse(ServiceError):
    """A remote service answered with a body of the wrong shape (HTML page, truncated JSON)."""

    transient = True
