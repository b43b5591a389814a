"""`python -m checker` is the same as the `spbe-check` console script."""

from checker.cli.main import main

main()
