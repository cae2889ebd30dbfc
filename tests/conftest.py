from pathlib import Path

import pytest
from publications.vocabulary import load_vocabulary

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
