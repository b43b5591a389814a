"""What any tool needs and SPBE does not shape: atomic files, bounded HTTP, the cache,
secret scrubbing, safe YAML, where shipped data lives."""
