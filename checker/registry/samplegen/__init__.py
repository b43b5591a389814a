"""The sample-registry generator: a build tool kept out of the runtime import graph.

`spbe-check registry generate` imports it lazily, `python -m checker.registry.samplegen` runs it,
and the tests and bench/ read its archetypes; nothing that judges (`check`, `ci`,
`audit`, `registry search`, ...) imports it (tests/test_samplegen.py keeps it so).
Its tables are YAML files in `data/`; region names and codes come from idn-area-data
(ODbL, see registry/sources/idn-area/). Importing this package reads nothing: the tables
are read when `checker.registry.samplegen.generate` (`build_sample_registry`, `write_registry`,
`ARCHETYPES`) is imported.
"""
