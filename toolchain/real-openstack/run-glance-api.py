#!/usr/bin/python3
"""The equivalent of /usr/bin/glance-api (in the glance-api .deb, not installed), in its
own session. Arguments are glance-api's (--config-file ...)."""
import os
import sys

try:
    os.setsid()  # own session: not killed with the shell that started it
except OSError:
    pass
sys.argv[0] = "glance-api"
from glance.cmd.api import main  # noqa: E402

sys.exit(main())
