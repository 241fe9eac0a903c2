import os
from collections.abc import Callable

import pytest

from options.engine import Assessment, assess
from options.kb import KnowledgeBase, knowledge_base
from options.profile import Profile

# pytest-playwright's sync API runs an asyncio loop in the test thread; without this, the
# live_server's database set-up raises SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return knowledge_base()


@pytest.fixture
def assess_profile(kb: KnowledgeBase) -> Callable[[Profile], Assessment]:
    def run(profile: Profile) -> Assessment:
        return assess(profile, kb)

    return run
