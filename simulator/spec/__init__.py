"""Product facts that both sides of the product share, like a real app and backend share a spec.

The app and the backend may import this package; it imports neither of them.
"""
