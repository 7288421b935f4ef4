"""Where the truth is kept: tables, engines and sessions, migrations, the itinerary store."""
