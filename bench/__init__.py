"""Benchmarks (not tests): ``python -m bench`` prints ratios measured in one run (bench/README.md)."""
