"""Runs the typed example mypy checks, so that it is also right at run time."""

from typed_use import main


def test_the_typed_example_runs():
    main()
