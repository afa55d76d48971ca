"""Benchmarks of the whole product (`statecraft bench`): see `pipeline.bench.run`."""
