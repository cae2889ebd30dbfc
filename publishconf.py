"""Settings for a hosted deployment: the local settings, with the public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# Links stay relative (the same output works hosted and offline); SITEURL names the public
# address for anything that needs an absolute one.
SITEURL = os.environ.get("SITEURL", "")
