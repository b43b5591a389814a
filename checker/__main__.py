"""`python -m checker` is the same as the `spbe-check` console script."""
from checker.cli import main

main()
