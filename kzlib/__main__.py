"""``python -m kzlib``: the same as the ``kzlib`` command."""

from kzlib.cli import main

raise SystemExit(main())
