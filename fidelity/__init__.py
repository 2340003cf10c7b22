"""``make fidelity``: each documented case's scenarios must fail at their symptom step once the case's mechanism is off.

The suite's scenarios claim that a mechanism causes the symptom they show. This
package proves the claim: it runs every case's scenarios once with that
mechanism switched off or inverted (``kundenapp:behaviours`` for the app's
version-tied defects, the backend's test-only switches otherwise) and checks
that each scenario then fails, and fails at a ``Dann`` step, not while it sets
the scene.
"""
