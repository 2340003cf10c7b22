"""The glue around pytest-bdd: a faster step lookup, undefined steps at collection, readable outline-row ids."""
