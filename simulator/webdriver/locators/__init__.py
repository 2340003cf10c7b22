"""Locator strategies beyond accessibility id / id / xpath / class name, one module per grammar.

Each selector language gets a small recursive-descent parser over :class:`Scanner` and an
evaluator over the same element tree and attributes the page source shows:
``uiselector`` (``-android uiautomator``), ``css`` (``css selector``, converted to a UiSelector on
Android and to a class chain on iOS, as the real drivers do), ``predicate`` (``-ios predicate
string``) and ``class_chain`` (``-ios class chain``). Syntax they do not support is an
``invalid selector`` naming the reason and the position.
"""
