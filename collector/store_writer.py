"""Async access to the store: every call runs on one dedicated thread, in order.

SQLite work never runs on the event loop, and a single thread means a single writer:
batches from concurrent tasks are serialised without locks in our code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from collector.db_optimized import Store

T = TypeVar("T")


class StoreWriter:
    def __init__(self, store: Store, executor: ThreadPoolExecutor) -> None:
        self.store = store
        self._executor = executor

    @classmethod
    async def open(cls, path: str | Path) -> StoreWriter:
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        loop = asyncio.get_running_loop()
        try:
            store = await loop.run_in_executor(executor, Store, path)
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(store, executor)

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        # Shield: a cancelled caller must not abandon a write half-way through its batch.
        fut = loop.run_in_executor(self._executor, lambda: fn(*args, **kwargs))
        return await asyncio.shield(fut)

    async def close(self) -> None:
        await self.call(self.store.close)
        self._executor.shutdown(wait=True)
