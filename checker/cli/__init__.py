"""The `spbe-check` command line: Click commands and options, no business logic."""
