"""The national audit: every registered application judged, clustered, compared and reported."""
