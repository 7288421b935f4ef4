"""The itinerary file: YAML read with places, field readers, the checker, export, diffs."""
