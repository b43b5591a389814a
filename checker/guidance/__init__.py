"""Before you build: registry search, `init` scaffolding and one rule's `explain` page."""
