"""The sample delegation built from the press release."""

from __future__ import annotations

from schedule.itinerary import Itinerary


def test_sample_visits_the_four_cities_in_order(sample: Itinerary) -> None:
    assert [s.city for s in sample.stops] == ["Mexico City", "Tegucigalpa", "Panama City", "Lima"]
