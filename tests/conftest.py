import os
from pathlib import Path

import pytest
from hypothesis import settings
from publications.vocabulary import load_vocabulary

# On a developer's machine Hypothesis draws new examples at every run, and finds new cases; in
# CI (CI=1, as .ci/run sets it) it draws the same ones, so that a run's verdict is the code's.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
UI_LANGUAGES = ["en", "fr", "es"]


@pytest.fixture(scope="session")
def vocabulary():
    return load_vocabulary(ROOT / "content" / "vocabulary", UI_LANGUAGES)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo library, built once for the session the way `invoke build` builds it."""
    from tasks import build_site

    output = tmp_path_factory.mktemp("demo") / "site"
    build_site(output)
    return output


@pytest.fixture
def project(tmp_path):
    from tests.projects import make_project

    return make_project(tmp_path)
