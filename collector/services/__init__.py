"""Service access: one client per remote service, wrapped in thin layers.

Each layer does one job, in this order around a request (as in Scrapy's downloader):
response cache (consulted before anything is paced), pacing (rate limiter), retries, the
client itself; all of them count into one :class:`~collector.services.stats.Stats`.
"""
