"""Local HTTP servers for tests: real aiohttp apps on 127.0.0.1, started by the tests."""
